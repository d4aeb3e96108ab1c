/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, for deployments that migrate separately. */
import { migrate } from '../src/db/migrate.js';
import { describeTarget } from '../src/db/target.js';
import { configOrExit, loadScriptConfig } from '../src/script-config.js';
import { loadDotEnv } from '../src/shared/env-file.js';

loadDotEnv();
const target = configOrExit(loadScriptConfig).database;
try {
  const applied = await migrate(target);
  const where = describeTarget(target);
  console.log(
    applied.length === 0
      ? `Nothing to apply: the ${where} is up to date.`
      : `Applied to the ${where}: ${applied.join(', ')}`,
  );
} catch (error) {
  console.error(`Migration failed: ${(error as Error).message}`);
  process.exit(1);
}
