import { validationFailed, type FieldErrors } from '../http/errors.js';

export interface PageRequest {
  page: number;
  perPage: number;
}

export const DEFAULT_PER_PAGE = 100;

/** Every form value may arrive as a string; a JSON body may also send numbers. */
function readInteger(field: string, raw: unknown, min: number, max: number, errors: FieldErrors): number | undefined {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
  const fail = (message: string) => {
    errors[field] = [message];
    return undefined;
  };
  if (text === undefined || !/^-?\d+$/.test(text)) return fail(`The ${field} field must be an integer.`);
  const value = Number(text);
  if (value < min) return fail(`The ${field} field must be at least ${min}.`);
  if (value > max) return fail(`The ${field} field must not be greater than ${max}.`);
  return value;
}

/** page and per_page (alias par_page, as convertedin's customers page spells it). */
export function parsePageRequest(body: Record<string, unknown>, maxPerPage: number): PageRequest {
  const errors: FieldErrors = {};
  const page =
    body.page === undefined || body.page === ''
      ? 1
      : readInteger('page', body.page, 1, Number.MAX_SAFE_INTEGER, errors);
  const perPageRaw = body.per_page ?? body.par_page;
  const perPageField = body.per_page === undefined && body.par_page !== undefined ? 'par_page' : 'per_page';
  const perPage =
    perPageRaw === undefined || perPageRaw === ''
      ? Math.min(DEFAULT_PER_PAGE, maxPerPage)
      : readInteger(perPageField, perPageRaw, 1, maxPerPage, errors);
  if (page === undefined || perPage === undefined) throw validationFailed(errors);
  return { page, perPage };
}

export interface Envelope<T> {
  current_page: number;
  data: T[];
  from: number | null;
  to: number | null;
  last_page: number;
  per_page: number;
  total: number;
}

/** Laravel's paginator arithmetic, with the key order convertedin documents. */
export function envelope<T>(data: T[], request: PageRequest, total: number): Envelope<T> {
  const from = data.length === 0 ? null : (request.page - 1) * request.perPage + 1;
  return {
    current_page: request.page,
    data,
    from,
    to: from === null ? null : from + data.length - 1,
    last_page: Math.max(1, Math.ceil(total / request.perPage)),
    per_page: request.perPage,
    total,
  };
}
