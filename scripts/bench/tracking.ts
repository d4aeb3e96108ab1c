import { crawl, hammer } from './load.js';
import type { Server } from './processes.js';

export interface TrackingFigures {
  rps: number;
  p50: number;
  p99: number;
  crawlSeconds: number;
}

/**
 * The feed with crawl tracking on and off: the same service, started twice on the same data,
 * one with CRAWL_TRACKING=false. Each measure is taken of both in turn, the first one
 * alternating, as the main table's are.
 */
export async function measureTracking(
  on: Server,
  off: Server,
  options: { form: (page: number) => string; type: string; connections: number; seconds: number; pages: number[] },
): Promise<[TrackingFigures, TrackingFigures]> {
  const servers = [on, off];
  const figures = servers.map((): TrackingFigures => ({ rps: 0, p50: 0, p99: 0, crawlSeconds: 0 }));
  const url = (server: Server) => `${server.url}/convertedin/orders`;
  for (const server of servers) await hammer(url(server), options.form(1), options.type, options.connections, 3);
  for (const [turn, order] of [
    [0, [0, 1]],
    [1, [1, 0]],
  ] as const) {
    for (const i of order) {
      const server = servers[i]!;
      if (turn === 0) {
        const load = await hammer(url(server), options.form(1), options.type, options.connections, options.seconds);
        Object.assign(figures[i]!, { rps: load.rps, p50: load.p50, p99: load.p99 });
      } else {
        figures[i]!.crawlSeconds = await crawl(url(server), options.pages, options.form);
      }
    }
  }
  return figures as [TrackingFigures, TrackingFigures];
}
