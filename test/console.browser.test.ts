import { mkdirSync } from 'node:fs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/client.js';
import { WebhookWorker } from '../src/webhooks/worker.js';
import { FEED_TOKEN, MERCHANT_KEY, arrangePush, testApp } from './support/app.js';
import { launchChromium, listen } from './support/browser.js';
import { buildCustomer, buildOrder } from './support/factories.js';
import { crawl } from './support/feed.js';
import { Receiver } from './support/receiver.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const SHOTS = 'test-results';

/** The service on a port, a receiver that refuses every webhook for now, a browser page. */
async function setup() {
  const receiver = new Receiver();
  await receiver.start();
  cleanups.push(() => receiver.stop());
  receiver.respond = () => ({ status: 400 });
  const t = await testApp({ CONVERTEDIN_WEBHOOK_URL: receiver.url, SHOP_DOMAIN: 'shop.example.com' });
  const server = await listen(t.app);
  cleanups.push(() => server.close());
  const chromium = await launchChromium({ width: 1280, height: 900 });
  cleanups.push(() => chromium.close());
  const page = await chromium.context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const worker = new WebhookWorker({ db: t.db, config: t.config });
  const drainAt = async (ms: number) => {
    while ((await worker.runOnce(new Date(Date.now() + ms))) > 0);
  };
  return { ...t, receiver, server, page, problems, drainAt };
}

async function enterKey(page: Page, key: string) {
  await page.getByLabel('Merchant API key').fill(key);
  await page.getByRole('button', { name: 'Show status' }).click();
}

describe('The console in a browser', () => {
  it('When the merchant enters the key, then counts, crawl and dead events show, and a retried event and then all the dead are delivered', async () => {
    const { app, receiver, server, page, problems, drainAt } = await setup();
    await arrangePush(app, 'orders', [buildOrder(), buildOrder(), buildOrder()]);
    await arrangePush(app, 'customers', [buildCustomer({ id: 'dead-in-browser' })]);
    await crawl(server.url, 'orders', 2);
    // The receiver refuses every event until they are dead: 3 attempts, hours apart.
    for (let hour = 0; hour < 5; hour++) await drainAt(hour * 3_600_000);

    await page.goto(`${server.url}/console`);
    await expect.poll(() => page.locator('#status').isHidden()).toBe(true);
    await enterKey(page, MERCHANT_KEY);
    const orders = page.locator('.card[data-entity="orders"]');
    await orders.getByText('orders: 3 records').waitFor();

    expect(await orders.locator('.crawl').textContent()).toMatch(
      /^Last full crawl finished .* ago in \d+ s, 2 pages\.$/,
    );
    expect(await orders.locator('.ok').textContent()).toBe('Up to date.');
    expect(await page.locator('.card[data-entity="customers"] .warning').textContent()).toMatch(/^Stale/);
    const deadRow = page.locator('#dead tbody tr', { hasText: 'dead-in-browser' });
    await deadRow.waitFor();
    expect(await deadRow.textContent()).toContain('HTTP 400');
    expect(await page.locator('#chart canvas').count()).toBeGreaterThan(0);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/console-desktop-${inject('provider')}.png`, fullPage: true });

    receiver.respond = () => ({ status: 200 });
    await deadRow.getByRole('button', { name: 'Retry customers/create dead-in-browser' }).click();
    await page.getByText('Queued customers/create dead-in-browser again.').waitFor();
    const before = receiver.received.length;
    await drainAt(6 * 3_600_000);
    await page.reload();
    await page.getByText(/^customers\/create, HTTP 200,/).waitFor();

    const delivered = receiver.received.slice(before).find((r) => r.path === '/hooks/customers/create');
    expect(delivered?.body).toMatchObject({ id: 'dead-in-browser' });
    expect(await deadRow.count()).toBe(0);

    await page.getByRole('button', { name: 'Retry all dead' }).click();
    await page.getByText(/^Queued \d+ dead events again\.$/).waitFor();
    await drainAt(7 * 3_600_000);
    await page.reload();
    await page.getByText(/^Last delivery/).waitFor();
    await expect.poll(() => page.locator('#dead-block').isHidden()).toBe(true);
    expect(await page.locator('#webhooks dt:text-is("Dead") + dd').textContent()).toBe('0');
    expect(receiver.uniqueEventIds().size).toBe(7);

    await page.setViewportSize({ width: 375, height: 812 });
    await page.reload();
    await orders.getByText('orders: 3 records').waitFor();
    // Readable at phone width: nothing wider than the screen makes the page scroll sideways.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${SHOTS}/console-phone-${inject('provider')}.png`, fullPage: true });
    // No policy violation, no script error.
    expect(problems).toEqual([]);
  }, 90_000);

  it('When a wrong key is entered, then the page says so and shows nothing', async () => {
    const { page, server } = await setup();
    await page.goto(`${server.url}/console`);

    await enterKey(page, 'not-the-merchant-key');

    const message = page.getByRole('alert');
    await message.getByText('That key was not accepted').waitFor();
    expect(await message.textContent()).toBe('That key was not accepted. Check MERCHANT_API_KEY and enter it again.');
    expect(await page.locator('#status').isHidden()).toBe(true);
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(0);
    expect(page.url()).toBe(`${server.url}/console`);
  });

  it('When the database is unavailable, then the page says so politely and keeps the key', async () => {
    // Port 9 (discard) on loopback has no PostgreSQL behind it: every query fails at once with 503.
    const config = loadConfig({
      DATABASE_URL: 'postgresql://nobody@127.0.0.1:9/none',
      CONVERTEDIN_TOKEN: FEED_TOKEN,
      MERCHANT_API_KEY: MERCHANT_KEY,
      LOG_LEVEL: 'silent',
    });
    const db = await openDb(config.database, { connectTimeoutMs: 1000, maxConnections: 2 });
    cleanups.push(() => db.close());
    const server = await listen(buildApp({ db, config }));
    cleanups.push(() => server.close());
    const chromium = await launchChromium({ width: 1280, height: 900 });
    cleanups.push(() => chromium.close());
    const page = await chromium.context.newPage();
    await page.goto(`${server.url}/console`);

    await enterKey(page, MERCHANT_KEY);

    const message = page.getByRole('alert');
    await message.getByText('The database is unavailable').waitFor();
    expect(await message.textContent()).toBe(
      'The database is unavailable right now. The page tries again every 30 seconds.',
    );
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(1);
  });
});
