import type { RequestHandler } from 'express';
import { HttpError, notFound, validationFailed } from './errors.js';
import { noFieldErrors } from '../shared/errors.js';
import { fieldPath } from '../shared/validation.js';

/**
 * NUL, which PostgreSQL text cannot hold, and UTF-16 halves without their pair, which no UTF-8
 * column can. JSON carries both as escapes (`\u0000`, `\ud800`), so they pass the parser.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (text: string) => text.includes('\0') || LONE_SURROGATE.test(text);
const MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';
/** Enough to show what is wrong without echoing a whole hostile body back. */
const MAX_REPORTED = 20;

/**
 * Refuses a JSON body holding text that no database would store, naming each place, before
 * any handler sees it, so both databases answer alike and neither turns it into a 500. The walk
 * uses its own stack: a deeply nested body cannot exhaust the call stack.
 */
export const rejectUnstorableText: RequestHandler = (req, _res, next) => {
  const errors = noFieldErrors();
  let reported = 0;
  const pending: Array<[unknown, PropertyKey[]]> = [[req.body, []]];
  while (pending.length > 0 && reported < MAX_REPORTED) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (unstorable(value)) {
        errors[fieldPath(path) || 'body'] = [MESSAGE];
        reported++;
      }
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push([value[i], [...path, i]]);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value).reverse()) {
        if (unstorable(key)) {
          errors[fieldPath(path) || 'body'] = [`has a key that ${MESSAGE}`];
          reported++;
        }
        pending.push([child, [...path, key]]);
      }
    }
  }
  if (reported > 0) throw validationFailed(errors);
  next();
};

/**
 * The same rule for the path and the query string, where ids and filters travel: a record id no
 * database can store names no record (404), and such a filter value is a 422.
 */
export const rejectUnstorableUrl: RequestHandler = (req, _res, next) => {
  for (const segment of req.path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw new HttpError(400, 'The path is not valid percent-encoded UTF-8.');
    }
    if (unstorable(decoded)) throw notFound('No record has this id.');
  }
  const errors = noFieldErrors();
  for (const [name, value] of Object.entries(req.query)) {
    const values = Array.isArray(value) ? value : [value];
    if (unstorable(name) || values.some((v) => typeof v === 'string' && unstorable(v))) errors[name] = [MESSAGE];
  }
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  next();
};
