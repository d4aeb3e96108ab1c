/**
 * The bench's main table: every figure of the service beside the baseline's, measured in the
 * same run on the same data, with their ratio.
 */
import type { Deep, Figures } from './measure.js';
import { fmt, ratio } from './report.js';
import type { RestartFigures } from './restart.js';

export interface RunShape {
  deep: Deep;
  crawlCount: number;
  crawlFirst: number;
  lastPage: number;
  pushClients: number;
  burst: number;
}

export function summaryRows(
  s: Figures,
  b: Figures,
  rss: { s: number; b: number },
  shape: RunShape,
  extra: { seedRate: number; restart: RestartFigures },
): string[][] {
  const { deep, crawlCount, crawlFirst, lastPage } = shape;
  const rows: string[][] = [];
  const row = (what: string, sv: string, bv: string, r: string) => rows.push([what, sv, bv, r]);
  for (const entity of ['orders', 'customers'] as const) {
    for (const page of [1, deep[entity]]) {
      const x = s.feed.get(`${entity} ${page}`)!;
      const y = b.feed.get(`${entity} ${page}`)!;
      row(`${entity} page ${fmt(page)}: requests/s`, fmt(x.rps), fmt(y.rps), ratio(x.rps, y.rps));
      row(
        `${entity} page ${fmt(page)}: p50 / p99 ms`,
        `${x.p50} / ${x.p99}`,
        `${y.p50} / ${y.p99}`,
        ratio(x.p99, y.p99),
      );
    }
    const [p1, pd] = [s.feed.get(`${entity} 1`)!, s.feed.get(`${entity} ${deep[entity]}`)!];
    const [q1, qd] = [b.feed.get(`${entity} 1`)!, b.feed.get(`${entity} ${deep[entity]}`)!];
    row(`${entity}: page ${fmt(deep[entity])} / page 1 throughput`, ratio(pd.rps, p1.rps), ratio(qd.rps, q1.rps), '');
  }
  const m = s.feed.get('orders 1 multipart')!;
  const mb = b.feed.get('orders 1 multipart')!;
  row('orders page 1 as multipart: requests/s', fmt(m.rps), fmt(mb.rps), ratio(m.rps, mb.rps));
  const perPage = (t: number) => (t * 1000) / crawlCount;
  row(
    `crawl of ${fmt(crawlCount)} pages from page ${fmt(crawlFirst)}: ms/page`,
    perPage(s.crawlSeconds).toFixed(1),
    perPage(b.crawlSeconds).toFixed(1),
    ratio(s.crawlSeconds, b.crawlSeconds),
  );
  const full = (t: number) => (t * lastPage) / crawlCount;
  row(
    `full crawl of ${fmt(lastPage)} pages (extrapolated): s`,
    full(s.crawlSeconds).toFixed(0),
    full(b.crawlSeconds).toFixed(0),
    ratio(s.crawlSeconds, b.crawlSeconds),
  );
  const clients = `${shape.pushClients} client${shape.pushClients === 1 ? '' : 's'}`;
  for (const [name, key] of [
    [`new orders, ${clients}`, 'fresh'],
    [`identical re-push, ${clients}`, 'same'],
    [`changed re-push, ${clients}`, 'changed'],
  ] as const) {
    row(`PUT /api/orders, ${name}: orders/s`, fmt(s.push[key]), fmt(b.push[key]), ratio(s.push[key], b.push[key]));
  }
  const [sb, bb] = [s.burst!, b.burst!];
  const burstRow = `${shape.burst} clients at once, per_page=1000, 3 rounds`;
  row(`${burstRow}: p99 ms`, fmt(sb.p99), fmt(bb.p99), ratio(sb.p99, bb.p99));
  row(`${burstRow}: 503s / timeouts over 10 s`, `${sb.refused} / ${sb.timeouts}`, `${bb.refused} / ${bb.timeouts}`, '');
  row('peak RSS: MiB', fmt(rss.s), fmt(rss.b), ratio(rss.s, rss.b));
  const { restart } = extra;
  row('after a restart: first request, page 1: ms', fmt(restart.firstMs), '', '');
  row(`after a restart: first request, page ${fmt(deep.orders)}: ms`, fmt(restart.deepFirstMs), '', '');
  row(`after a restart: page ${fmt(deep.orders)} again: ms`, fmt(restart.deepAgainMs, 1), '', '');
  row('after a restart: peak RSS once loaded: MiB', fmt(restart.rssMiB), '', '');
  row('db:seed: orders/s (with their customers and line items)', fmt(extra.seedRate), '', '');
  return rows;
}
