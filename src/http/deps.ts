import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { SyncRecorder } from '../observability/sync-recorder.js';

/** What the app is built from; the route modules take it too, so it lives below both. */
export interface AppDeps {
  db: Db;
  config: Config;
  /** Default: JSON lines on stdout at `config.logLevel`. */
  logger?: Logger;
  /** Default: a registry of this app's own. */
  metrics?: Metrics;
  /**
   * Default: one of this app's own, written only when /api/status is read. server.ts passes one
   * it has started, which also writes every 2 s and is stopped before the database closes.
   */
  recorder?: SyncRecorder;
}
