import type { z } from 'zod';
import { check, toFieldErrors } from '../shared/validation.js';
import { validationFailed } from './errors.js';

/** Parses at the edge; a failure becomes a 422 that names every bad field by its path. */
export function parseOr422<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix: readonly PropertyKey[] = [],
): z.output<S> {
  const result = check(schema, input);
  if (!result.success) throw validationFailed(toFieldErrors(result.error, prefix));
  return result.data;
}
