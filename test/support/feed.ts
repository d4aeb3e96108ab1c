import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'vitest';
import { errorContract, feedContracts, validationErrorContract } from '../contract/feed.contract.js';
import { FEED_TOKEN } from './app.js';

type Fields = Record<string, string | number>;
type Encoding = 'multipart' | 'urlencoded' | 'json';

/**
 * Calls the feed as convertedin does and checks the answer against the contract: every 200 body
 * against its entity's schema, every error against the error shapes. Every feed call in the
 * tests goes through here, so the contract is asserted on all of them.
 */
export async function feed(app: Express, entity: string, fields: Fields = {}, encoding: Encoding = 'multipart') {
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
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const contract =
    res.status === 200 ? feedContracts[entity] : res.status === 422 ? validationErrorContract : errorContract;
  if (contract) {
    const checked = contract.safeParse(res.body);
    if (!checked.success)
      throw new Error(
        `${entity} response breaks the contract: ${checked.error.message}\n${JSON.stringify(res.body).slice(0, 2000)}`,
      );
  }
  return res;
}

/** Every page from 1 to last_page, as convertedin walks them. */
export async function crawl(
  app: Express,
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
