import type { Request, RequestHandler, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/client.js';
import { routeOf } from './logger.js';

/** What the webhook queue reports when /metrics is scraped. */
export interface QueueSnapshot {
  depth: number;
  /** Age of the oldest event still waiting for delivery; null when none waits. */
  oldestPendingSeconds: number | null;
  /** Whether delivery to the endpoint is paused (src/webhooks/endpoint.ts). */
  endpointPaused?: boolean;
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * This app's Prometheus metrics, in a registry of its own (so several apps in one test process
 * do not collide). HTTP metrics are labelled by route template and status only, which keeps
 * their number bounded whatever paths clients try.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request to the end of its response, by method, route template and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly feedPages = new Counter({
    name: 'feed_pages_served_total',
    help: 'Feed pages served to convertedin, by entity.',
    labelNames: ['entity'],
    registers: [this.registry],
  });
  private readonly ingested = new Counter({
    name: 'ingest_documents_total',
    help: 'Documents accepted by the merchant bulk endpoints, by entity.',
    labelNames: ['entity'],
    registers: [this.registry],
  });

  /** Node's own process metrics (CPU, memory, event loop, GC); once per process. */
  collectProcessMetrics(): void {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Counts one finished request; feed pages and ingested documents are read off the route. */
  observe(req: Request, res: Response, seconds: number): void {
    const route = routeOf(req);
    const labels = {
      method: KNOWN_METHODS.has(req.method) ? req.method : 'OTHER',
      route,
      status: String(res.statusCode),
    };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
    if (res.statusCode !== 200) return;
    const feed = /^\/convertedin\/(\w+)$/.exec(route);
    if (feed && req.method === 'POST') this.feedPages.inc({ entity: feed[1] });
    const bulk = /^\/api\/(\w+)$/.exec(route);
    if (bulk && req.method === 'PUT') {
      const docs: unknown = (req.body as Record<string, unknown> | undefined)?.[bulk[1]!];
      if (Array.isArray(docs)) this.ingested.inc({ entity: bulk[1] }, docs.length);
    }
  }

  /** PostgreSQL's pool, read at each scrape; SQLite has no pool and reports nothing. */
  trackPool(db: Db): void {
    if (db.poolStats() === undefined) return;
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections by state: total open, idle, and requests waiting for one.',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const stats = db.poolStats();
        if (!stats) return;
        for (const [state, value] of Object.entries(stats)) this.set({ state }, value);
      },
    });
  }

  /** The seam for the webhook queue: `read` runs at each scrape; a failed read reports NaN (unknown). */
  trackQueue(read: () => Promise<QueueSnapshot>): void {
    // A scrape collects both gauges at once; they share the read in flight.
    let inFlight: Promise<QueueSnapshot | undefined> | undefined;
    const current = () => {
      if (!inFlight) {
        inFlight = read().catch(() => undefined);
        void inFlight.finally(() => (inFlight = undefined));
      }
      return inFlight;
    };
    new Gauge({
      name: 'webhook_queue_depth',
      help: 'Webhook events waiting for delivery.',
      registers: [this.registry],
      async collect() {
        const s = await current();
        this.set(s ? s.depth : NaN);
      },
    });
    new Gauge({
      name: 'webhook_queue_oldest_pending_seconds',
      help: 'Age of the oldest webhook event waiting for delivery (0 when none waits).',
      registers: [this.registry],
      async collect() {
        const s = await current();
        this.set(s ? (s.oldestPendingSeconds ?? 0) : NaN);
      },
    });
    new Gauge({
      name: 'webhook_endpoint_paused',
      help: 'Whether delivery to the webhook endpoint is paused (1) after it failed too long or answered 410.',
      registers: [this.registry],
      async collect() {
        const s = await current();
        this.set(s ? Number(s.endpointPaused ?? false) : NaN);
      },
    });
  }

  /** Starts the clock for a request and records it when its response ends. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const started = process.hrtime.bigint();
      res.once('close', () => this.observe(req, res, Number(process.hrtime.bigint() - started) / 1e9));
      next();
    };
  }

  handler(): RequestHandler {
    return async (_req, res) => {
      res.setHeader('Content-Type', this.registry.contentType);
      res.send(await this.registry.metrics());
    };
  }
}
