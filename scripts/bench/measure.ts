/**
 * The bench's measures, each taken of every server one right after the other (see `measure`).
 */
import { burst, crawl, hammer, push, type BurstResult, type LoadResult } from './load.js';
import type { Server } from './processes.js';
import { changed, pushDocuments } from './documents.js';

export const TOKEN = 'bench-feed-token-000000';
export const KEY = 'bench-merchant-key-00000';
export const PER_PAGE = 100;
export const FORM = 'application/x-www-form-urlencoded';

/** The deep page measured of each feed. */
export interface Deep {
  orders: number;
  customers: number;
}

export interface MeasureOptions {
  connections: number;
  seconds: number;
  pushCalls: number;
  pushClients: number;
  /** Clients asking for per_page=1000 at once. */
  burst: number;
}

export interface Figures {
  feed: Map<string, LoadResult>;
  crawlSeconds: number;
  push: { fresh: number; same: number; changed: number };
  burst?: BurstResult;
}

export const form = (page: number) => `token=${TOKEN}&page=${page}&per_page=${PER_PAGE}`;
const BOUNDARY = 'benchboundary';
const MULTIPART = Object.entries({ token: TOKEN, page: '1', per_page: String(PER_PAGE) })
  .map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
  .join('')
  .concat(`--${BOUNDARY}--\r\n`);

/**
 * Every measure is taken of both servers one right after the other, the first one in turn, so
 * that both meet the same load from the rest of the machine. Every feed request is warmed up
 * on both first: slot numberings loaded, code compiled, pages in PostgreSQL's cache.
 */
export async function measure(
  servers: Server[],
  pages: { deep: Deep; crawl: number[] },
  options: MeasureOptions,
): Promise<Figures[]> {
  const { connections, seconds } = options;
  const figures = servers.map((): Figures => ({
    feed: new Map(),
    crawlSeconds: 0,
    push: { fresh: 0, same: 0, changed: 0 },
  }));
  let turn = 0;
  const each = async (step: (server: Server, figures: Figures, i: number) => Promise<void>) => {
    const order = turn++ % 2 === 0 ? [...servers.keys()] : [...servers.keys()].reverse();
    for (const i of order) await step(servers[i]!, figures[i]!, i);
  };
  const feeds = (['orders', 'customers'] as const).flatMap((entity) =>
    [1, pages.deep[entity]].map((page) => ({ entity, page })),
  );
  for (const { entity, page } of feeds) {
    for (const server of servers) await hammer(`${server.url}/convertedin/${entity}`, form(page), FORM, connections, 3);
  }
  for (const { entity, page } of feeds) {
    await each(async (server, f) => {
      const url = `${server.url}/convertedin/${entity}`;
      f.feed.set(`${entity} ${page}`, await hammer(url, form(page), FORM, connections, seconds));
    });
  }
  await each(async (server, f) => {
    const type = `multipart/form-data; boundary=${BOUNDARY}`;
    f.feed.set(
      'orders 1 multipart',
      await hammer(`${server.url}/convertedin/orders`, MULTIPART, type, connections, seconds),
    );
  });
  await each(async (server, f) => {
    f.crawlSeconds = await crawl(`${server.url}/convertedin/orders`, pages.crawl, form);
  });

  const { pushCalls: calls, pushClients: clients } = options;
  // Each server gets orders and customers of its own, new to the database.
  const docs = servers.map((_, i) => pushDocuments(50_000_000 + 10_000_000 * i, calls));
  const rate = (s: number) => (calls * 1000) / s;
  const pushEach = (key: keyof Figures['push'], batch: (i: number) => unknown[][]) =>
    each(async (server, f, i) => {
      f.push[key] = rate(await push(`${server.url}/api/orders`, KEY, batch(i), clients));
    });
  await pushEach('fresh', (i) => docs[i]!);
  await pushEach('same', (i) => docs[i]!);
  await pushEach('changed', (i) => changed(docs[i]!));
  // Last, so that the peak RSS reported covers it.
  const heavy = `token=${TOKEN}&page=1&per_page=1000`;
  await each(async (server, f) => {
    f.burst = await burst(`${server.url}/convertedin/orders`, heavy, FORM, options.burst, 3);
  });
  return figures;
}
