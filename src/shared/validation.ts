import type { z } from 'zod';
import { noFieldErrors, type FieldErrors } from './errors.js';

/** `orders[3].line_items[0].quantity` from zod's path segments. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

const REQUIRED = 'is required';
const MISSING_BODY = 'is required: send a JSON document with Content-Type: application/json';

/** Codes zod gives a value of the wrong kind; for a field that is absent they only confuse. */
const TYPE_CODES = new Set(['invalid_type', 'invalid_union', 'invalid_value']);

/**
 * A field left out (or sent as null) where a value must be: its schema's own message speaks of
 * the value's form ("must be an ISO 4217 currency code"), which misleads when nothing was sent.
 * Only object fields count: an array element is never absent, and a null one is a bad value.
 * The body itself is missing when the request had none.
 */
function missing(issue: z.core.$ZodIssue): string | undefined {
  if (!TYPE_CODES.has(issue.code) || !('input' in issue)) return undefined;
  if (issue.path.length === 0) return issue.input === undefined ? MISSING_BODY : undefined;
  if (issue.input !== undefined && issue.input !== null) return undefined;
  return typeof issue.path[issue.path.length - 1] === 'string' ? REQUIRED : undefined;
}

/**
 * The one place zod issues become the 422 `errors` object. Issues must come from `check`
 * (which keeps each issue's input) for a missing field to read "is required".
 */
export function toFieldErrors(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldErrors {
  const errors = noFieldErrors();
  const add = (path: readonly PropertyKey[], message: string) => {
    const key = fieldPath([...prefix, ...path]) || 'body';
    (errors[key] ??= []).push(message);
  };
  for (const issue of error.issues) {
    // A strict schema (the query parameters) names each key it does not know on its own.
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add([...issue.path, key], 'is not a known parameter');
    } else {
      add(issue.path, missing(issue) ?? issue.message);
    }
  }
  return errors;
}

/** safeParse, keeping each issue's input so that toFieldErrors can tell a missing field. */
export function check<S extends z.ZodType>(schema: S, input: unknown) {
  return schema.safeParse(input, { reportInput: true });
}
