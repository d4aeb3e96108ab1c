import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { Request, RequestHandler } from 'express';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config.js';

export type { DestinationStream, Logger };

declare module 'express-serve-static-core' {
  interface Request {
    /** The request id, also sent back as `X-Request-Id`. */
    id: string;
    /** A logger that stamps every line with the request id. */
    log: Logger;
  }
}

/**
 * The request log never carries bodies, query strings or headers, so secrets cannot reach it
 * that way; these paths are a second line for anything that logs an object holding one.
 */
const REDACTED_PATHS = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  '*.headers.cookie',
  'key',
  '*.key',
  'password',
  '*.password',
  'body',
  '*.body',
];

/** Synchronous writes, so the lines logged just before `process.exit` are not lost. */
const stdout = (): DestinationStream => pino.destination({ dest: 1, sync: true });
export const stderr = (): DestinationStream => pino.destination({ dest: 2, sync: true });

export function createLogger(level: Config['logLevel'], destination: DestinationStream = stdout()): Logger {
  return pino(
    {
      level,
      base: { service: 'convertedin-feed' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}

/** A caller's own request id is kept when it is short and plain, so it cannot forge log lines. */
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Where a request stopped before any route matched (the merchant key is checked for all of /api). */
const MOUNTS = ['/api/', '/convertedin/'];

/**
 * The route's template (`/convertedin/orders`), never the raw URL: no query string reaches
 * the logs or the metrics, and unknown paths share a few labels instead of one each.
 */
export function routeOf(req: Request): string {
  const path: unknown = req.route?.path;
  if (typeof path === 'string') return req.baseUrl + path;
  const mount = MOUNTS.find((prefix) => req.path.toLowerCase().startsWith(prefix));
  return mount ? `${mount}*` : 'unmatched';
}

/** Gives each request an id and a logger, and writes one line when its response ends. */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.log = logger.child({ reqId: req.id });
    res.setHeader('X-Request-Id', req.id);
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const status = res.statusCode;
      const line = {
        method: req.method,
        route: routeOf(req),
        status,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        // X-Forwarded-For may hold any text when a client reaches the port directly: log only an address.
        ip: req.ip !== undefined && isIP(req.ip) !== 0 ? req.ip : req.socket.remoteAddress,
        scheme: req.protocol,
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      if (status >= 500) req.log.error(line, 'request');
      else req.log.info(line, 'request');
    });
    next();
  };
}
