import express, { type RequestHandler } from 'express';
import multer from 'multer';
import { HttpError } from './errors.js';
import { scanJsonBody } from './json-scan.js';
import { rejectUnstorableText, rejectUnstorableUrl } from './storable-text.js';

/** What the feed accepts: a handful of short text fields, in any of three encodings. */
const FEED_LIMITS = { fields: 20, fieldSize: 4 * 1024, parts: 20, fieldNameSize: 100 } as const;

const feedMultipart = multer({
  storage: multer.memoryStorage(),
  limits: { ...FEED_LIMITS, files: 0, fileSize: 0 },
}).none();

export const feedBody: RequestHandler[] = [
  feedMultipart,
  express.urlencoded({ extended: false, limit: '16kb', parameterLimit: FEED_LIMITS.fields }),
  express.json({ limit: '16kb', verify: scanJsonBody }),
];

/** Merchant documents: up to 1000 orders with their line items fit well under this. */
const MERCHANT_BODY_LIMIT = '20mb';

/**
 * The JSON parser skips a body that does not say it is JSON, which then reached validation as
 * no body at all (a 422 on `body`). Say what is wrong instead. A request without a body (a GET,
 * a DELETE) needs no Content-Type.
 */
const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;
  if (hasBody && !req.is('application/json')) {
    throw new HttpError(415, 'The request body must be JSON: send it with Content-Type: application/json.');
  }
  next();
};

export const merchantBody: RequestHandler[] = [
  rejectUnstorableUrl,
  requireJsonBody,
  express.json({ limit: MERCHANT_BODY_LIMIT, verify: scanJsonBody }),
  rejectUnstorableText,
];
