import type { ErrorRequestHandler, RequestHandler } from 'express';
import { MulterError } from 'multer';
import { isDatabaseUnavailable, isSchemaMissing } from '../db/errors.js';
import { RecordConflict, RecordNotFound, type FieldErrors } from '../shared/errors.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: { errors?: FieldErrors; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}

export const unauthorized = (message = 'Unauthenticated.') => new HttpError(401, message);
export const notFound = (message = 'Not found.') => new HttpError(404, message);
export const conflict = (message: string) => new HttpError(409, message);
export const payloadTooLarge = (message = 'The request body is too large.') => new HttpError(413, message);
export const validationFailed = (errors: FieldErrors, message = 'The given data was invalid.') =>
  new HttpError(422, message, { errors });

export function methodNotAllowed(allowed: string[]): RequestHandler {
  return (req) => {
    throw new HttpError(
      405,
      `The ${req.method} method is not supported for this route. Supported: ${allowed.join(', ')}.`,
      {
        headers: { Allow: allowed.join(', ') },
      },
    );
  };
}

export const routeNotFound: RequestHandler = () => {
  throw notFound('No route matches this path.');
};

/** Seconds a client should wait before retrying when the database is unavailable. */
const RETRY_AFTER_SECONDS = '5';

/** multer's limits in the client's words rather than multer's codes. */
const FORM_TOO_LARGE: Partial<Record<MulterError['code'], string>> = {
  LIMIT_PART_COUNT: 'The form has too many parts.',
  LIMIT_FIELD_KEY: 'A form field name is too long.',
  LIMIT_FIELD_VALUE: 'A form field value is too long.',
  LIMIT_FIELD_COUNT: 'The form has too many fields.',
};

/** Maps the domain's refusals and the errors of body parsers (express, multer) onto HTTP answers. */
function toHttp(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof RecordNotFound) return notFound(error.message);
  if (error instanceof RecordConflict) return conflict(error.message);
  if (error instanceof MulterError) {
    const tooLarge = FORM_TOO_LARGE[error.code];
    return tooLarge ? payloadTooLarge(tooLarge) : new HttpError(400, 'The form may carry text fields only.');
  }
  const type = (error as { type?: unknown }).type;
  if (type === 'entity.too.large') return payloadTooLarge();
  if (type === 'entity.parse.failed') return new HttpError(400, 'The request body is not valid JSON.');
  if (type === 'parameters.too.many') return payloadTooLarge('The form has too many fields.');
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return new HttpError(415, 'The request body encoding is not supported.');
  }
  const status = (error as { status?: unknown }).status;
  // A body that does not inflate as its Content-Encoding says comes with no type, only `expose`.
  const fromBodyParser = typeof type === 'string' || (error as { expose?: unknown }).expose === true;
  if (typeof status === 'number' && status >= 400 && status < 500 && fromBodyParser) {
    return new HttpError(status, 'The request body could not be read.');
  }
  if (
    error instanceof Error &&
    /^(Multipart: Boundary not found|Unexpected end of form|Malformed part header)/.test(error.message)
  ) {
    return new HttpError(400, 'The multipart body is malformed.');
  }
  // busboy reads form-data only; multipart/mixed and the like reach it and are refused by it.
  if (error instanceof Error && /^Unsupported content type: /.test(error.message)) {
    return new HttpError(
      415,
      'The feed takes a form (multipart/form-data or application/x-www-form-urlencoded) or JSON.',
    );
  }
  // multer's words for a client that hung up mid-upload: nobody is left to answer, and it is no fault of ours.
  if (error instanceof Error && /^Request (aborted|closed)$/.test(error.message)) {
    return new HttpError(400, 'The request was aborted before its body arrived.');
  }
  return undefined;
}

/** The one place that turns errors into responses and logs them; nothing internal reaches the client. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  let http = toHttp(error);
  if (!http && isDatabaseUnavailable(error)) {
    req.log.warn({ err: error }, 'database unavailable');
    http = new HttpError(503, 'The database is unavailable. Please retry shortly.', {
      headers: { 'Retry-After': RETRY_AFTER_SECONDS },
    });
  }
  if (!http && isSchemaMissing(error)) {
    req.log.warn({ err: error }, 'database not migrated');
    http = new HttpError(503, 'The database is not migrated yet. Please retry shortly.', {
      headers: { 'Retry-After': RETRY_AFTER_SECONDS },
    });
  }
  if (!http) {
    req.log.error({ err: error }, 'unhandled error');
    res.status(500).json({ message: 'Internal server error.', request_id: req.id });
    return;
  }
  for (const [name, value] of Object.entries(http.extra.headers ?? {})) res.setHeader(name, value);
  res
    .status(http.status)
    .json(http.extra.errors ? { message: http.message, errors: http.extra.errors } : { message: http.message });
};
