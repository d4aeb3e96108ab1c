import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../src/db/migrate.js';
import { start, type Running } from '../src/server.js';
import { FEED_TOKEN, MERCHANT_KEY } from './support/app.js';
import { feed } from './support/feed.js';

const dirs: string[] = [];
const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'feed-start-'));
  dirs.push(dir);
  return dir;
}

describe('Starting the service', () => {
  it('When DATABASE_URL names a new SQLite file, then start creates it, migrates and serves', async () => {
    const file = path.join(tempDir(), 'nested', 'feed.db');

    const r = await start({
      DATABASE_URL: `file:${file}`,
      PORT: '0',
      CONVERTEDIN_TOKEN: FEED_TOKEN,
      MERCHANT_API_KEY: MERCHANT_KEY,
    });
    running.push(r);
    const res = await feed(r.server, 'orders');

    expect(existsSync(file)).toBe(true);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(0);
  });

  it('When migrations were applied already, then a second run applies nothing', async () => {
    const url = `file:${path.join(tempDir(), 'feed.db')}`;

    const first = await migrate({ provider: 'sqlite', url });
    const second = await migrate({ provider: 'sqlite', url });

    expect(first).toEqual(readMigrations('sqlite').map((m) => m.name));
    expect(second).toEqual([]);
  });

  it('When both providers are listed, then they carry the same migrations by name', () => {
    expect(readMigrations('postgresql').map((m) => m.name)).toEqual(readMigrations('sqlite').map((m) => m.name));
  });
});
