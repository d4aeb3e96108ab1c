import type { IRouter, RequestHandler } from 'express';
import type { z } from 'zod';
import { methodNotAllowed } from './errors.js';

export type Method = 'get' | 'post' | 'put' | 'delete';

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
  summary: string;
  tag: string;
  auth: 'none' | 'feed-token' | 'merchant-key';
  /** The schema that validates the body; `form` when it may come as a form (the feed). */
  body?: { schema: z.ZodType; form?: boolean };
  query?: z.ZodObject;
  responses: Record<number, RouteResponse>;
  handlers: RequestHandler[];
}

/** Mounts routes; any other method on one of their paths is a 405 naming the allowed ones. */
export function mountRoutes(router: IRouter, routes: readonly Route[]): void {
  const byPath = new Map<string, Route[]>();
  for (const route of routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
  for (const [path, list] of byPath) {
    const mounted = router.route(path);
    for (const route of list) mounted[route.method](...route.handlers);
    mounted.all(methodNotAllowed(list.map((route) => route.method.toUpperCase())));
  }
}
