import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ENTITIES } from '../db/changes.js';
import { projectRoot, readMigrations } from '../db/migrate.js';
import type { AppDeps } from '../http/deps.js';
import type { Route } from '../http/routes.js';
import type { SyncRecorder } from '../observability/sync-recorder.js';
import { storeToDocument } from '../store/store.document.js';
import { readStore } from '../store/store.js';
import { activity, entitiesStatus, migrationsStatus, webhooksStatus } from './status.queries.js';

const instant = z.string().describe('ISO 8601, UTC');
const perEntity = <T extends z.ZodType>(schema: T) => z.object(Object.fromEntries(ENTITIES.map((e) => [e, schema])));
const series = perEntity(z.array(z.int()));

const crawlSchema = z
  .object({
    token: z.int().nullable().describe("the token's position in CONVERTEDIN_TOKEN (1-based); null: matched none"),
    per_page: z.int().describe('0 when it could not be read'),
    started_at: instant,
    last_seen_at: instant,
    pages_served: z.int(),
    highest_page: z.int(),
    last_page: z.int().describe('as last announced'),
    state: z.enum(['running', 'finished', 'abandoned']),
    finished: z.boolean(),
    finished_at: instant.nullable(),
    duration_seconds: z.number().nullable(),
    refused: z.object({ 401: z.int(), 422: z.int(), 429: z.int(), 503: z.int() }),
  })
  .meta({ id: 'Crawl' });

const eventSchema = z.object({
  id: z.string(),
  topic: z.string(),
  entity_id: z.union([z.string(), z.number()]),
  status: z.string(),
  attempts: z.int(),
  last_status: z.int().nullable(),
  last_error: z.string().nullable(),
  delivered_at: instant.nullable(),
});

export const statusSchema = z
  .object({
    generated_at: instant,
    entities: perEntity(
      z.object({
        records: z.int(),
        last_change_at: instant.nullable().describe('the last create or update'),
        last_crawl: crawlSchema.nullable(),
        last_finished_crawl: crawlSchema.nullable(),
        recent_crawls: z.array(crawlSchema).describe('the latest 10, newest first'),
        crawls_7d: z.int(),
        stale: z.boolean().describe('no crawl finished within CRAWL_STALE_AFTER_HOURS'),
        failing: z.boolean().describe('the latest crawl was refused (401, 422, 429, 503) and did not finish'),
      }),
    ),
    webhooks: z
      .object({
        target: z.string().describe('the webhook URL without credentials or query'),
        paused: z.boolean().describe('delivery is paused (POST /api/webhooks/resume resumes it); events keep queuing'),
        pause_reason: z.string().nullable(),
        pending: z.int(),
        dead: z.int(),
        oldest_pending_seconds: z.number().nullable(),
        last_delivery: eventSchema.nullable(),
        last_failure: eventSchema.nullable(),
        by_topic: z.array(
          z.object({
            topic: z.string(),
            pending: z.int(),
            delivered: z.int(),
            dead: z.int(),
            coalesced: z.int().describe('collapsed into a newer event of the same record before sending'),
          }),
        ),
      })
      .nullable()
      .describe('null when CONVERTEDIN_WEBHOOK_URL is not set'),
    feed: z.object({ hours: z.array(instant), pages: series, refused: series }).describe('per hour, 48 hours'),
    ingestion: z
      .object({ hours: z.array(instant), accepted: series, rejected: series })
      .describe('documents per hour, 48 hours'),
    store: z.looseObject({ name: z.string() }).nullable(),
    settings: z.object({
      time_zone: z.string(),
      feed_max_per_page: z.int(),
      webhooks_enabled: z.boolean(),
      crawl_tracking: z.boolean(),
      stale_after_hours: z.number(),
    }),
    service: z.object({
      version: z.string(),
      uptime_seconds: z.number(),
      database: z.enum(['sqlite', 'postgresql']),
      migrations: z.object({ applied: z.int(), latest: z.string().nullable(), pending: z.array(z.string()) }),
    }),
  })
  .meta({ id: 'SyncStatus' });

const VERSION = (JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string })
  .version;

/** GET /api/status: everything the console shows, for scripts as well. */
export function statusRoutes({ db, config }: AppDeps, recorder: SyncRecorder): Route[] {
  const known = readMigrations(db.provider).map((m) => m.name);
  return [
    {
      method: 'get',
      path: '/api/status',
      operationId: 'getSyncStatus',
      summary: 'Sync status: records, crawls, webhooks, hourly activity and the service, in one document',
      tag: 'status',
      auth: 'merchant-key',
      database: true,
      responses: { 200: { description: 'the status', schema: statusSchema } },
      handlers: [
        async (_req, res) => {
          // What this instance counted so far goes in first, so its own answers are never missing.
          await recorder.flush();
          const now = Date.now();
          const [entities, hourly, webhooks, store, migrations] = await Promise.all([
            entitiesStatus(db, now, config.status.staleAfterMs),
            activity(db, now),
            config.webhooks.url ? webhooksStatus(db, config.webhooks.url, now) : null,
            readStore(db.read),
            migrationsStatus(db, known),
          ]);
          res.json({
            generated_at: new Date(now).toISOString(),
            entities,
            webhooks,
            ...hourly,
            store: store ? storeToDocument(store, config.storeTimeZone) : null,
            settings: {
              time_zone: config.storeTimeZone,
              feed_max_per_page: config.feedMaxPerPage,
              webhooks_enabled: config.webhooks.url !== undefined,
              crawl_tracking: config.status.trackCrawls,
              stale_after_hours: config.status.staleAfterMs / 3_600_000,
            },
            service: {
              version: VERSION,
              uptime_seconds: Math.round(process.uptime()),
              database: db.provider,
              migrations,
            },
          });
        },
      ],
    },
  ];
}
