import { Router, type RequestHandler } from 'express';
import type { AppDeps } from '../app.js';
import { readCustomersPage } from '../customers/customers.feed.js';
import { readOrdersPage } from '../orders/orders.feed.js';
import { requireFeedToken } from '../http/auth.js';
import { feedBody } from '../http/body.js';
import { methodNotAllowed } from '../http/errors.js';
import { parsePageRequest, type Envelope, type PageRequest } from './page-request.js';

type PageReader = (deps: AppDeps, request: PageRequest) => Promise<Envelope<unknown>>;

const ENTITIES: Record<string, PageReader> = {
  orders: ({ db, config }, request) => readOrdersPage(db, request, config),
  customers: ({ db, config }, request) => readCustomersPage(db, request, config),
};

/** What convertedin calls: `POST /convertedin/<entity>` with the token in the body. */
export function feedRouter(deps: AppDeps): Router {
  const router = Router();
  const auth = requireFeedToken(deps.config.feedTokens);
  for (const [entity, read] of Object.entries(ENTITIES)) {
    const handler: RequestHandler = async (req, res) => {
      const request = parsePageRequest(req.body as Record<string, unknown>, deps.config.feedMaxPerPage);
      res.json(await read(deps, request));
    };
    router
      .route(`/convertedin/${entity}`)
      .post(...feedBody, auth, handler)
      .all(methodNotAllowed(['POST']));
  }
  return router;
}
