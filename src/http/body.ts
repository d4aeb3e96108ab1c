import express, { type RequestHandler } from 'express';
import multer from 'multer';
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
  express.json({ limit: '16kb' }),
];

/** Merchant documents: up to 1000 orders with their line items fit well under this. */
export const MERCHANT_BODY_LIMIT = '20mb';

export const merchantBody: RequestHandler[] = [
  rejectUnstorableUrl,
  express.json({ limit: MERCHANT_BODY_LIMIT }),
  rejectUnstorableText,
];
