import { z } from 'zod';
import { parseOr422 } from '../http/validation.js';
import type { PageRequest } from '../paging/page.js';
import { parseWholeNumber } from '../shared/fields.js';

const DEFAULT_PER_PAGE = 100;

/** A whole number in a form field: every form value may arrive as a string; a JSON body may also send numbers. */
const formInteger = (field: string, min: number, max: number) =>
  z
    .union([z.string(), z.number()], { error: `The ${field} field must be an integer.` })
    .transform((raw, ctx) => {
      const text = String(raw).trim();
      if (text === '') return undefined;
      const fail = (message: string) => {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      };
      const value = parseWholeNumber(text);
      if (value === undefined) return fail(`The ${field} field must be an integer.`);
      if (value < min) return fail(`The ${field} field must be at least ${min}.`);
      if (value > max) return fail(`The ${field} field must not be greater than ${max}.`);
      return value;
    })
    .optional();

/** The feed's form: the token, page and per_page (alias par_page, as convertedin's customers page spells it). */
export const pageFormSchema = (maxPerPage: number) =>
  z.object({
    token: z.string().describe('the token convertedin was given'),
    page: formInteger('page', 1, Number.MAX_SAFE_INTEGER).describe('1-based, default 1'),
    per_page: formInteger('per_page', 1, maxPerPage).describe(`1..${maxPerPage}, default ${DEFAULT_PER_PAGE}`),
    par_page: formInteger('par_page', 1, maxPerPage).describe('alias of per_page'),
  });

export const defaultPerPage = (maxPerPage: number) => Math.min(DEFAULT_PER_PAGE, maxPerPage);

// Building and compiling the schema costs more than parsing with it, and the bound is fixed per
// process: build it once per bound rather than on every feed request.
const schemas = new Map<number, ReturnType<typeof pageFormSchema>>();

export function parsePageRequest(body: Record<string, unknown>, maxPerPage: number): PageRequest {
  let schema = schemas.get(maxPerPage);
  if (!schema) schemas.set(maxPerPage, (schema = pageFormSchema(maxPerPage)));
  const form = parseOr422(schema, body);
  return { page: form.page ?? 1, perPage: form.per_page ?? form.par_page ?? defaultPerPage(maxPerPage) };
}
