import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Many clients hammering one request for `seconds`: throughput and latency percentiles. */
export async function hammer(
  url: string,
  body: string,
  contentType: string,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
    connections,
    duration: seconds,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** One client walking pages in order, as convertedin does; returns seconds. */
export async function crawl(url: string, pages: number[], body: (page: number) => string): Promise<number> {
  const started = performance.now();
  for (const page of pages) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body(page),
    });
    const parsed = (await res.json()) as { data?: unknown[] };
    if (!res.ok || !parsed.data?.length) throw new Error(`page ${page} of ${url} failed with ${res.status}`);
  }
  return (performance.now() - started) / 1000;
}

/** Bulk calls shared among `clients` shop backends pushing one call after another; returns seconds. */
export async function push(url: string, key: string, calls: unknown[][], clients: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const client = async () => {
    while (next < calls.length) {
      const orders = calls[next++];
      const res = await fetch(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: key },
        body: JSON.stringify({ orders }),
      });
      if (!res.ok) throw new Error(`PUT ${url} failed with ${res.status}: ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return (performance.now() - started) / 1000;
}

export interface BurstResult {
  p99: number;
  /** Answered 503 by the bound on requests in flight, as it should when overloaded. */
  refused: number;
  /** Requests the client gave up on after `timeoutSeconds`: what the bound must prevent. */
  timeouts: number;
}

/** `connections` clients asking for one heavy request at once, `rounds` times each. */
export async function burst(
  url: string,
  body: string,
  contentType: string,
  connections: number,
  rounds: number,
  timeoutSeconds = 10,
): Promise<BurstResult> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
    connections,
    amount: connections * rounds,
    timeout: timeoutSeconds,
  });
  return { p99: result.latency.p99, refused: result['5xx'], timeouts: result.timeouts };
}
