import fc from 'fast-check';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { FEED_TOKEN, testApp } from './support/app.js';
import {
  deeplyNested,
  expectHarmless,
  hostileJson,
  hostileKey,
  hostileString,
  RUNS,
  seedSentinels,
  storedState,
  UNTHROTTLED,
} from './support/hostile.js';
import { expectFeedContract } from './support/feed.js';
import { deepJson, multipartType, unstorableText } from './support/hostile-edges.js';

/**
 * What a page nested `value`'s depth inside the body's object gets: past 32 levels in all the
 * body is refused before it is parsed (413 when it is also past the feed's size limit); within
 * them, a page that is no number is a 422, except on storeinfo, which reads no page, unless it
 * holds text no database can store.
 */
const deepStatuses = (name: string, value: string) => {
  const depth = 1 + [...value].filter((c) => c === '[' || c === '{').length;
  if (depth > 32) return [400, 413];
  return [name === 'storeinfo' && !value.includes('\\u0000') ? 200 : 422];
};

const entity = fc.constantFrom('orders', 'customers', 'products', 'categories', 'storeinfo');
/** Form fields as sent: hostile names and values, half the time after the real token so they reach the handler. */
const fields = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.tuple(
        fc.oneof(hostileKey, fc.constantFrom('token', 'page', 'per_page', 'par_page', 'collection_id', 'collectionid')),
        fc.oneof(hostileString, fc.constant(FEED_TOKEN), fc.integer().map(String)),
      ),
      { maxLength: 8 },
    ),
  )
  .map(([authenticated, list]) => (authenticated ? [['token', FEED_TOKEN] as [string, string], ...list] : list));
const encoding = fc.constantFrom('multipart', 'urlencoded', 'json-fields', 'json-text', 'json-nested');
const query = fc.array(fc.tuple(hostileKey, hostileString), { maxLength: 3 });

describe('POST /convertedin/* under hostile input', () => {
  it('When random bodies, encodings and query strings arrive, then never a 5xx, a broken page or a write', async () => {
    const { app } = await testApp(UNTHROTTLED);
    await seedSentinels(app);

    await fc.assert(
      fc.asyncProperty(
        entity,
        encoding,
        fields,
        hostileJson,
        deeplyNested,
        query,
        async (name, how, form, json, nested, params) => {
          const before = await storedState(app);
          const qs = new URLSearchParams(params).toString();
          const req = request(app).post(`/convertedin/${name}${qs ? `?${qs}` : ''}`);
          let res;
          if (how === 'multipart') {
            for (const [key, value] of form) req.field(key, value);
            res = await req;
          } else if (how === 'urlencoded') {
            res = await req.type('form').send(new URLSearchParams(form).toString());
          } else if (how === 'json-fields') {
            res = await req.type('json').send(`{${form.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)}}`);
          } else {
            res = await req.type('json').send(how === 'json-text' ? json : nested);
          }
          const after = await storedState(app);

          expectHarmless(res, before, after, false);
          expectFeedContract(name, res);
        },
      ),
      RUNS,
    );
  }, 120_000);

  it('When feed bodies are other multipart types, JSON nested past the bound, or fields with unstorable text, then a 4xx and nothing else changes', async () => {
    const { app } = await testApp(UNTHROTTLED);
    await seedSentinels(app);
    const body = fc.oneof(
      fc.tuple(fc.constant('multipart' as const), multipartType),
      fc.tuple(fc.constant('deep' as const), deepJson),
      fc.tuple(
        fc.constant('text' as const),
        fc.tuple(fc.constantFrom('collection_id', 'collectionid', 'page', 'per_page', 'anything'), unstorableText),
      ),
    );

    await fc.assert(
      fc.asyncProperty(entity, body, async (name, [kind, value]) => {
        const before = await storedState(app);
        const req = request(app).post(`/convertedin/${name}`);
        let res;
        if (kind === 'multipart') {
          res = await req.set('Content-Type', value).send(`--x\r\n\r\ntoken=${FEED_TOKEN}\r\n--x--\r\n`);
        } else if (kind === 'deep') {
          res = await req.type('json').send(`{"token":"${FEED_TOKEN}","page":${value}}`);
        } else {
          res = await req.type('json').send({ token: FEED_TOKEN, [value[0]]: value[1] });
        }
        const after = await storedState(app);

        expectHarmless(res, before, after, false);
        expectFeedContract(name, res);
        // JSON can carry every unstorable text and is refused for it, whichever field it is in.
        if (kind === 'text') expect(res.status).toBe(422);
        else if (kind === 'deep') expect(deepStatuses(name, value)).toContain(res.status);
        else expect(res.status).toBeGreaterThanOrEqual(400);
      }),
      RUNS,
    );
  }, 120_000);
});
