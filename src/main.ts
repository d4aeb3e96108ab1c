/**
 * The process entry: `npm start` and `node dist/src/main.js`. It always runs when loaded, so it
 * starts the same whatever path, space or symlink the checkout is reached by; everything worth
 * importing (start, stop) lives in server.ts.
 */
import { ConfigError } from './config.js';
import { createLogger, stderr } from './observability/logger.js';
import { start, type Running } from './server.js';
import { loadDotEnv } from './shared/env-file.js';
import { WebhookDestinationError } from './webhooks/destination.js';

/** Beyond the drain's own bound, how long closing may take before the process gives up. */
const SHUTDOWN_GRACE_MS = 5_000;

/** sysexits' EX_CONFIG: a supervisor can tell "fix the configuration" from a crash. */
const EXIT_CONFIG = 78;

async function main(): Promise<void> {
  let running: Running;
  try {
    loadDotEnv();
    running = await start();
  } catch (error) {
    const log = createLogger('fatal', stderr());
    if (error instanceof ConfigError || error instanceof WebhookDestinationError) {
      log.fatal(error.message);
      process.exit(EXIT_CONFIG);
    }
    log.fatal({ err: { message: (error as Error).message } }, 'could not start');
    process.exit(1);
  }
  const { logger } = running;
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long: exiting');
      process.exit(1);
    }, running.config.shutdownTimeoutMs + SHUTDOWN_GRACE_MS).unref();
    running.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: { message: (error as Error).message } }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

await main();
