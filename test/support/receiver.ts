import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The body exactly as received, for signature checks. */
  raw: string;
  body: unknown;
  at: number;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  delayMs?: number;
  /** The answer's body; `{}` unless given. */
  body?: string;
}

/**
 * A real HTTP server standing in for convertedin's webhook endpoint. `respond` decides each
 * answer; every request is recorded, and the most requests in flight at once for one event id
 * is tracked so tests can prove no event is delivered twice at the same time.
 */
export class Receiver {
  readonly received: Received[] = [];
  respond: (req: Received) => Reply = () => ({ status: 200 });
  maxConcurrentPerEvent = 0;
  private readonly inFlight = new Map<string, number>();
  private server: http.Server | undefined;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  async start(port = this.port): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const record: Received = {
          path: req.url ?? '',
          headers: req.headers,
          raw,
          body: JSON.parse(raw || 'null'),
          at: Date.now(),
        };
        this.received.push(record);
        const id = String(req.headers['x-event-id']);
        const now = (this.inFlight.get(id) ?? 0) + 1;
        this.inFlight.set(id, now);
        this.maxConcurrentPerEvent = Math.max(this.maxConcurrentPerEvent, now);
        const reply = this.respond(record);
        setTimeout(() => {
          this.inFlight.set(id, (this.inFlight.get(id) ?? 1) - 1);
          res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json', ...reply.headers });
          res.end(reply.body ?? '{}');
        }, reply.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Requests by topic path (without the /hooks prefix), for one entity id. */
  topicsFor(id: unknown): string[] {
    return this.received
      .filter((r) => (r.body as { id?: unknown } | null)?.id === id)
      .map((r) => r.path.replace(/^\/hooks\//, ''));
  }

  uniqueEventIds(): Set<string> {
    return new Set(this.received.map((r) => String(r.headers['x-event-id'])));
  }
}
