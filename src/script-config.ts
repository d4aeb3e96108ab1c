import { z } from 'zod';
import { ConfigError, envShape, poolOptions, readEnvironment, type Config } from './config.js';

/** What the command-line scripts read: the database and the store's zone, not the service's secrets. */
export type ScriptConfig = Pick<Config, 'nodeEnv' | 'database' | 'storeTimeZone' | 'migrateOnStart' | 'pool'>;

const scriptSchema = z.object(envShape).pick({
  NODE_ENV: true,
  DATABASE_URL: true,
  STORE_TIMEZONE: true,
  MIGRATE_ON_START: true,
  DATABASE_POOL_MAX: true,
  DATABASE_CONNECT_TIMEOUT_MS: true,
  DATABASE_STATEMENT_TIMEOUT_MS: true,
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
