/**
 * `npm run import -- <entity> <file>`: loads a JSON array or NDJSON file of merchant-API
 * documents into DATABASE_URL. Progress goes to stderr, the summary to stdout. Exit codes:
 * 0 all imported, 2 some documents rejected, 64 bad usage, 1 anything else.
 */
import { existsSync } from 'node:fs';
import { loadConfig } from '../src/config.js';
import { ENTITIES, NO_OUTBOX } from '../src/db/changes.js';
import { openDb } from '../src/db/client.js';
import { createOutbox } from '../src/webhooks/outbox.js';
import { migrate } from '../src/db/migrate.js';
import { describeTarget } from '../src/db/target.js';
import { importFile, isEntity } from '../src/import/import.js';
import { formatSummary, progressPrinter } from '../src/import/report.js';
import { configOrExit, loadScriptConfig } from '../src/script-config.js';
import { loadDotEnv } from '../src/shared/env-file.js';

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run import -- <${ENTITIES.join('|')}> <file.json|file.ndjson>`);
  process.exit(64);
}

loadDotEnv();
const [entity, file] = process.argv.slice(2);
if (entity === undefined || file === undefined) usage('Name an entity and a file.');
if (!isEntity(entity)) usage(`Unknown entity "${entity}".`);
if (!existsSync(file)) usage(`No file at ${file}.`);
const config = configOrExit(loadScriptConfig);
// With webhooks configured, the import announces its changes like the API does; it then needs
// the service's whole environment (the same .env), since the events carry the service's token.
const outbox = process.env.CONVERTEDIN_WEBHOOK_URL ? createOutbox(configOrExit(loadConfig).webhooks) : NO_OUTBOX;
const { database: target, storeTimeZone: timeZone } = config;

try {
  if (config.migrateOnStart) await migrate(target);
  const db = await openDb(target, config.pool, outbox);
  try {
    const summary = await importFile({ db, entity, file, timeZone, onProgress: progressPrinter(process.stderr) });
    console.log(formatSummary(summary));
    console.log(`Written to the ${describeTarget(target)}.`);
    process.exitCode = summary.rejectedCount > 0 ? 2 : 0;
  } finally {
    await db.close();
  }
} catch (error) {
  console.error(`Import failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
