import type { IRouter, RequestHandler } from 'express';
import type { z } from 'zod';
import { methodNotAllowed, validationFailed } from './errors.js';
import { noFieldErrors } from '../shared/errors.js';

type Method = 'get' | 'post' | 'put' | 'delete';

export interface RouteResponse {
  description: string;
  schema?: z.ZodType;
}

/**
 * One route: what it does for the OpenAPI document and the handlers that do it. The app mounts
 * routes and builds the document from the same list, so neither can drift from the other.
 */
export interface Route {
  method: Method;
  /** Express syntax, e.g. `/api/orders/:id`. */
  path: string;
  /** What generated clients name this call (camelCase, unique); renaming it breaks their callers. */
  operationId: string;
  summary: string;
  tag: string;
  auth: 'none' | 'feed-token' | 'merchant-key';
  /** Whether answering reads or writes the database, and so may fail with 503 while it is down. */
  database: boolean;
  /** The schema that validates the body; `form` when it may come as a form (the feed). */
  body?: { schema: z.ZodType; form?: boolean };
  query?: z.ZodObject;
  /**
   * What this route answers beyond the errors the OpenAPI builder derives from `auth`, `body`,
   * `query` and `database` (401, 422, 429, 503); an error without a schema has the shared body.
   */
  responses: Record<number, RouteResponse>;
  handlers: RequestHandler[];
}

/**
 * A query parameter the route does not know is a 422 naming it: ignored, a misspelt filter
 * (`updated_at_min` for `updatedMin`) silently widens a list or a count to everything.
 */
function rejectUnknownQuery(route: Route): RequestHandler {
  const known = Object.keys(route.query?.shape ?? {});
  const hint = known.length > 0 ? `this route takes ${known.join(', ')}` : 'this route takes no query parameters';
  return (req, _res, next) => {
    const errors = noFieldErrors();
    for (const name of Object.keys(req.query as object)) {
      if (!known.includes(name)) errors[name || '(empty name)'] = [`is not a known parameter; ${hint}`];
    }
    if (Object.keys(errors).length > 0) throw validationFailed(errors);
    next();
  };
}

/**
 * Mounts routes; any other method on one of their paths is a 405 naming the allowed ones. The
 * merchant API's routes refuse unknown query parameters; the feed keeps ignoring them, since its
 * caller is convertedin's crawler and its parameters travel in the body.
 */
export function mountRoutes(router: IRouter, routes: readonly Route[]): void {
  const byPath = new Map<string, Route[]>();
  for (const route of routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
  for (const [path, list] of byPath) {
    const mounted = router.route(path);
    for (const route of list) {
      const guards = path.startsWith('/api/') ? [rejectUnknownQuery(route)] : [];
      mounted[route.method](...guards, ...route.handlers);
    }
    mounted.all(methodNotAllowed(list.map((route) => route.method.toUpperCase())));
  }
}
