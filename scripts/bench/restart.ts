/**
 * What a restarted service costs its first callers: nothing is loaded yet (the numbering, the
 * database's cache aside), so the first page and the first deep page are timed one by one.
 */
import type { Server } from './processes.js';

export interface RestartFigures {
  firstMs: number;
  deepFirstMs: number;
  deepAgainMs: number;
  rssMiB: number;
}

async function timed(url: string, body: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  const parsed = (await res.json()) as { data?: unknown[] };
  if (!res.ok || !parsed.data?.length) throw new Error(`${url} answered ${res.status} after a restart`);
  return performance.now() - started;
}

/** Starts a fresh service with `start`, times page 1, then page `deep` twice, and stops it. */
export async function measureRestart(
  start: () => Promise<Server>,
  form: (page: number) => string,
  deep: number,
): Promise<RestartFigures> {
  const server = await start();
  try {
    const url = `${server.url}/convertedin/orders`;
    const firstMs = await timed(url, form(1));
    const deepFirstMs = await timed(url, form(deep));
    // The rest of the numbering loads in the background after the first request; let it finish.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const deepAgainMs = await timed(url, form(deep));
    return { firstMs, deepFirstMs, deepAgainMs, rssMiB: server.peakRssMiB() };
  } finally {
    await server.stop();
  }
}
