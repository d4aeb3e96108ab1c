import type { z } from 'zod';
import { validationFailed, type FieldErrors } from './errors.js';

/** `orders[3].line_items[0].quantity` from zod's path segments. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

export function toFieldErrors(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = fieldPath([...prefix, ...issue.path]) || 'body';
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

/** Parses at the edge; a failure becomes a 422 that names every bad field by its path. */
export function parseOr422<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix: readonly PropertyKey[] = [],
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationFailed(toFieldErrors(result.error, prefix));
  return result.data;
}
