import { z } from 'zod';
import { ConfigError, envShape, poolOptions, readEnvironment, type Config } from './config.js';

/** What the command-line scripts read: the database and the store's zone, not the service's secrets. */
export type ScriptConfig = Pick<Config, 'nodeEnv' | 'database' | 'storeTimeZone' | 'migrateOnStart' | 'pool'>;

const scriptSchema = z.object({
  NODE_ENV: envShape.NODE_ENV,
  DATABASE_URL: envShape.DATABASE_URL,
  STORE_TIMEZONE: envShape.STORE_TIMEZONE,
  MIGRATE_ON_START: envShape.MIGRATE_ON_START,
  DATABASE_POOL_MAX: envShape.DATABASE_POOL_MAX,
  DATABASE_CONNECT_TIMEOUT_MS: envShape.DATABASE_CONNECT_TIMEOUT_MS,
  DATABASE_STATEMENT_TIMEOUT_MS: envShape.DATABASE_STATEMENT_TIMEOUT_MS,
});

/** The scripts' part of the configuration, checked by the service's own rules and messages. */
export function loadScriptConfig(rawEnv: NodeJS.ProcessEnv = process.env): ScriptConfig {
  const e = readEnvironment(scriptSchema, rawEnv);
  return {
    nodeEnv: e.NODE_ENV,
    database: e.DATABASE_URL,
    storeTimeZone: e.STORE_TIMEZONE,
    migrateOnStart: e.MIGRATE_ON_START,
    pool: poolOptions(e),
  };
}

/**
 * Runs `load` for a command-line entry: a bad variable is its message on stderr and exit code
 * 78, as when the service starts, rather than a stack trace.
 */
export function configOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78);
  }
}
