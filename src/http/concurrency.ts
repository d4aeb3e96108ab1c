import type { RequestHandler } from 'express';
import type { ConcurrencyOptions } from '../config.js';
import { HttpError } from './errors.js';

/**
 * Bounds the work in flight: a page of 1000 orders holds its rows, its JSON and a database
 * connection, and 200 of them at once took memory past 500 MB and some past ten seconds. Past
 * `maxActive` a request waits its turn for up to `queueTimeoutMs`, then gets 503 with
 * Retry-After, so none waits without bound and memory stays proportional to `maxActive`.
 */
export function concurrencyLimit(options: ConcurrencyOptions): RequestHandler {
  let active = 0;
  const waiting: Array<() => void> = [];
  const retryAfter = String(Math.max(1, Math.ceil(options.queueTimeoutMs / 1000)));
  const busy = () =>
    new HttpError(503, 'The service is busy. Please retry shortly.', { headers: { 'Retry-After': retryAfter } });

  const release = () => {
    active--;
    waiting.shift()?.();
  };

  return (req, res, next) => {
    const start = () => {
      active++;
      // 'close' comes once however the response ends: finished, failed or abandoned.
      res.once('close', release);
      next();
    };
    if (active < options.maxActive) return start();
    if (waiting.length >= options.maxQueued) return next(busy());
    const leave = () => {
      const at = waiting.indexOf(admit);
      if (at >= 0) waiting.splice(at, 1);
      clearTimeout(timer);
      res.off('close', leave);
    };
    const admit = () => {
      leave();
      start();
    };
    const timer = setTimeout(() => {
      leave();
      next(busy());
    }, options.queueTimeoutMs);
    // A client that gives up while waiting frees its place in line.
    res.once('close', leave);
    waiting.push(admit);
  };
}
