import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isInternalAddress, literalHost } from './destination.js';

/**
 * What one request came to: `gone` is a 410, which stops delivery to the endpoint; `rejected`
 * is a 4xx the event will not outgrow, tried only a few times; `retry` is anything that may
 * pass later (no answer, 3xx, 408, 429, 5xx).
 */
export type DeliveryOutcome = (
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; status?: number; error: string; retryAfterMs?: number }
  | { kind: 'rejected' | 'gone'; status: number; error: string }
) & { durationMs?: number; responseBody?: string };

/** How much of a receiver's answer the attempt history keeps. */
const KEPT_BODY_BYTES = 1024;

export interface DeliveryRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Refuse to connect to internal addresses, checked on the address actually dialled. */
  publicOnly: boolean;
}

/** Resolves like dns.lookup, then refuses internal addresses, so DNS rebinding cannot slip one in. */
const publicLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const bad = addresses.find((a) => isInternalAddress(a.address));
    if (bad) return callback(new Error(`refused internal address ${bad.address}`), '', 0);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    return callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

/** Seconds or an HTTP date, as Retry-After allows. */
function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function classify(status: number, retryAfter: string | undefined): DeliveryOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (status === 410) return { kind: 'gone', status, error: 'HTTP 410: the endpoint is gone' };
  // A redirect is not followed: the signed request was meant for this URL alone.
  if (status >= 300 && status < 400)
    return { kind: 'retry', status, error: `HTTP ${status}: redirects are not followed` };
  const error = `HTTP ${status}`;
  if (status === 408 || status === 429 || status >= 500) {
    return { kind: 'retry', status, error, retryAfterMs: parseRetryAfter(retryAfter) };
  }
  return { kind: 'rejected', status, error };
}

/** One POST with a hard timeout over the whole exchange; never throws. */
export async function deliver(request: DeliveryRequest): Promise<DeliveryOutcome> {
  const started = performance.now();
  const outcome = await exchange(request);
  return { ...outcome, durationMs: Math.round(performance.now() - started) };
}

function exchange(request: DeliveryRequest): Promise<DeliveryOutcome> {
  return new Promise((resolve) => {
    const url = new URL(request.url);
    // Node dials an IP literal without calling `lookup`, so publicLookup never sees it.
    const literal = literalHost(url);
    if (request.publicOnly && literal && isInternalAddress(literal)) {
      resolve({ kind: 'retry', error: `refused internal address ${literal}` });
      return;
    }
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { ...request.headers, 'Content-Length': Buffer.byteLength(request.body) },
        lookup: request.publicOnly ? publicLookup : undefined,
        signal: AbortSignal.timeout(request.timeoutMs),
      },
      (res) => {
        // Read the whole answer (so the connection ends cleanly) but keep only its start.
        const kept: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < KEPT_BODY_BYTES) kept.push(chunk.subarray(0, KEPT_BODY_BYTES - size));
          size += chunk.length;
        });
        res.on('end', () => {
          const responseBody = Buffer.concat(kept).toString('utf8');
          resolve({ ...classify(res.statusCode ?? 0, res.headers['retry-after']), responseBody });
        });
        res.on('error', (error) => resolve({ kind: 'retry', error: error.message }));
      },
    );
    req.on('error', (error) => {
      const timedOut = error.name === 'AbortError' || error.name === 'TimeoutError';
      resolve({ kind: 'retry', error: timedOut ? `timed out after ${request.timeoutMs} ms` : error.message });
    });
    req.end(request.body);
  });
}
