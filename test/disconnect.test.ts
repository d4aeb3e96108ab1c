import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { FEED_TOKEN, MERCHANT_KEY } from './support/app.js';
import { Receiver } from './support/receiver.js';
import { ROOT } from './support/service.js';

const receivers: Receiver[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.stop();
});

/** Runs `npm run disconnect` as its own process (the receiver keeps answering meanwhile). */
function disconnect(args: string[], env: Record<string, string>, input?: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/disconnect.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', CONVERTEDIN_TOKEN: FEED_TOKEN, MERCHANT_API_KEY: MERCHANT_KEY, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(input ?? '');
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

async function receiver() {
  const r = new Receiver();
  receivers.push(r);
  await r.start();
  return r;
}

describe('npm run disconnect', () => {
  it('When run with --yes, then convertedin gets a signed app/uninstalled with the usual headers, and it says so', async () => {
    const r = await receiver();
    const secret = `whsec_${randomBytes(32).toString('base64')}`;

    const run = await disconnect(['--yes'], {
      CONVERTEDIN_WEBHOOK_URL: r.url,
      SHOP_DOMAIN: 'shop.example.com',
      WEBHOOK_SECRET: secret,
    });

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(
      `Told convertedin that shop.example.com has gone: POST ${r.url}/app/uninstalled answered 200.`,
    );
    expect(r.received).toHaveLength(1);
    const [sent] = r.received;
    expect(sent!.path).toBe('/hooks/app/uninstalled');
    expect(sent!.body).toEqual({ shop_domain: 'shop.example.com' });
    expect(sent!.headers).toMatchObject({ token: FEED_TOKEN, 'x-shop-domain': 'shop.example.com' });
    expect(new Webhook(secret).verify(sent!.raw, sent!.headers as Record<string, string>)).toEqual(sent!.body);
  });

  it.each([
    ['y', 0, 1, 'sends the request'],
    ['n', 1, 0, 'sends nothing'],
    ['', 1, 0, 'sends nothing'],
  ])('When the prompt is answered "%s", then it exits %i and %s', async (answer, code, sent) => {
    const r = await receiver();

    const run = await disconnect(
      [],
      { CONVERTEDIN_WEBHOOK_URL: r.url, SHOP_DOMAIN: 'shop.example.com' },
      `${answer}\n`,
    );

    expect(run.stdout).toContain(
      `Tell convertedin that shop.example.com has uninstalled (POST ${r.url}/app/uninstalled)? [y/N]`,
    );
    expect(run.code).toBe(code);
    expect(r.received).toHaveLength(sent);
    if (sent === 0) expect(run.stdout).toContain('Not confirmed: nothing was sent.');
  });

  it('When convertedin answers 500, then it exits 1 saying nothing was told', async () => {
    const r = await receiver();
    r.respond = () => ({ status: 500 });

    const run = await disconnect(['--yes'], { CONVERTEDIN_WEBHOOK_URL: r.url, SHOP_DOMAIN: 'shop.example.com' });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`convertedin was not told: POST ${r.url}/app/uninstalled failed (HTTP 500)`);
  });

  it.each([
    [{}, 'CONVERTEDIN_WEBHOOK_URL is not set: there is no one to tell.'],
    [
      { CONVERTEDIN_WEBHOOK_URL: 'http://127.0.0.1:9/hooks', SHOP_DOMAIN: 's', WEBHOOK_SECRET: 'whsec_short' },
      'WEBHOOK_SECRET: key 1',
    ],
  ])('When the configuration is unusable, then it exits 78 with the reason', async (env, message) => {
    const run = await disconnect(['--yes'], env);

    expect(run.code).toBe(78);
    expect(run.stderr).toContain(message);
  });

  it('When given an unknown argument, then it exits 64 with the usage', async () => {
    const run = await disconnect(['--force'], {});

    expect([run.code, run.stderr]).toEqual([64, 'Unknown argument --force.\nUsage: npm run disconnect [-- --yes]\n']);
  });
});
