import request from 'supertest';
import { expect } from 'vitest';
import { errorContract, feedContracts, validationErrorContract } from '../contract/feed.contract.js';
import { FEED_TOKEN } from './app.js';

type Fields = Record<string, string | number>;
type Encoding = 'multipart' | 'urlencoded' | 'json';

/** Whatever supertest can call: an app, a listening server, or a base URL. */
export type App = Parameters<typeof request>[0];

/**
 * Checks an answer of the feed against the contract: every 200 body against its entity's
 * schema, every error against the error shapes. `feed` runs it on every page it fetches; a
 * test that must build the request itself (its own headers, a query string, TLS, a timeout)
 * passes the answer through it, so the contract is asserted on every feed call of the tests.
 */
export function expectFeedContract<R extends { status: number; headers: Record<string, string>; body: unknown }>(
  entity: string,
  res: R,
): R {
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const contract =
    res.status === 200 ? feedContracts[entity] : res.status === 422 ? validationErrorContract : errorContract;
  if (!contract) throw new Error(`no contract for the ${entity} feed`);
  const checked = contract.safeParse(res.body);
  if (!checked.success)
    throw new Error(
      `${entity} answer ${res.status} breaks the contract: ${checked.error.message}\n${JSON.stringify(res.body).slice(0, 2000)}`,
    );
  return res;
}

/** Calls the feed as convertedin does, with the token and these form fields, and checks the answer's contract. */
export async function feed(app: App, entity: string, fields: Fields = {}, encoding: Encoding = 'multipart') {
  const body = { token: FEED_TOKEN, ...fields };
  const req = request(app).post(`/convertedin/${entity}`);
  let res;
  if (encoding === 'multipart') {
    for (const [name, value] of Object.entries(body)) req.field(name, String(value));
    res = await req;
  } else if (encoding === 'urlencoded') {
    res = await req.type('form').send(Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)])));
  } else {
    res = await req.send(body);
  }
  return expectFeedContract(entity, res);
}

/** Every page from 1 to last_page, as convertedin walks them. */
export async function crawl(
  app: App,
  entity: string,
  perPage: number,
  beforeEachPage?: (page: number) => Promise<void>,
) {
  const items: Array<{ id: string | number }> = [];
  let lastPage = 1;
  for (let page = 1; page <= lastPage; page++) {
    await beforeEachPage?.(page);
    const res = await feed(app, entity, { page, per_page: perPage });
    expect(res.status).toBe(200);
    items.push(...(res.body.data as Array<{ id: string | number }>));
    lastPage = res.body.last_page as number;
  }
  return items;
}
