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
/**
 * Requests whose JSON text was read before parsing and holds no escape of either (see
 * json-scan.ts): the walk below finds nothing in them, and on a thousand orders it cost a
 * tenth of the call's time.
 */
const vouched = new WeakSet<object>();
export const vouchStorableText = (req: object) => vouched.add(req);

/** Enough to show what is wrong without echoing a whole hostile body back. */
const MAX_REPORTED = 20;

/** A place in the body as a link to its parent, so the walk never copies a path. */
interface Place {
  key: PropertyKey;
  parent: Place | undefined;
}

const pathOf = (place: Place | undefined): PropertyKey[] => {
  const path: PropertyKey[] = [];
  for (let at = place; at; at = at.parent) path.push(at.key);
  return path.reverse();
};

/**
 * Refuses a JSON body holding text that no database would store, naming each place, before
 * any handler sees it, so both databases answer alike and neither turns it into a 500. The walk
 * uses its own stack and builds a path only for what it reports, so it is linear in the body.
 */
export const rejectUnstorableText: RequestHandler = (req, _res, next) => {
  if (vouched.has(req)) return next();
  const errors = noFieldErrors();
  let reported = 0;
  const report = (place: Place | undefined, message: string) => {
    errors[fieldPath(pathOf(place)) || 'body'] = [message];
    reported++;
  };
  const pending: Array<[unknown, Place | undefined]> = [[req.body, undefined]];
  while (pending.length > 0 && reported < MAX_REPORTED) {
    const [value, place] = pending.pop()!;
    if (typeof value === 'string') {
      if (unstorable(value)) report(place, MESSAGE);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push([value[i], { key: i, parent: place }]);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value).reverse()) {
        if (unstorable(key)) report(place, `has a key that ${MESSAGE}`);
        pending.push([child, { key, parent: place }]);
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
