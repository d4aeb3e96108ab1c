import type { RequestHandler } from 'express';
import type { Entity } from '../db/changes.js';
import type { SyncRecorder } from './sync-recorder.js';

/** The merchant routes that write documents, relative to /api: a bulk PUT, a POST, a PUT by id. */
const DOCUMENT_PATH = /^\/(orders|customers|products|categories)(\/[^/]+)?\/?$/;

/** Answers that refuse what was sent; the others (401, 404, 429, 5xx) say nothing of the documents. */
const REFUSED = new Set([400, 409, 413, 415, 422]);

/**
 * Counts the documents the merchant API accepted and refused, per entity, for the status
 * page's hourly chart. Mounted before the body parsers so that a refusal by one of them is
 * counted too; the body is read once the answer is sent.
 */
export function countDocuments(recorder: SyncRecorder): RequestHandler {
  return (req, res, next) => {
    const match = req.method === 'PUT' || req.method === 'POST' ? DOCUMENT_PATH.exec(req.path) : null;
    if (match) {
      const entity = match[1] as Entity;
      const bulk = req.method === 'PUT' && match[2] === undefined;
      res.on('finish', () => {
        const list: unknown = (req.body as Record<string, unknown> | undefined)?.[entity];
        // A bulk body that could not be read still carried documents: at least one.
        const count = bulk ? (Array.isArray(list) ? list.length : 1) : 1;
        if (res.statusCode >= 200 && res.statusCode < 300) recorder.documents(entity, count, 0);
        else if (REFUSED.has(res.statusCode)) recorder.documents(entity, 0, count);
      });
    }
    next();
  };
}
