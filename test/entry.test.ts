import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, spawnService } from './support/service.js';
import { feed } from './support/feed.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

describe('The process entry', () => {
  it('When the checkout is reached through a symlink in a folder with a space, then the service listens and stops cleanly', async () => {
    const releases = tempDir('feed entry ');
    const current = path.join(releases, 'my shop', 'current');
    mkdirSync(path.dirname(current));
    symlinkSync(ROOT, current);
    const database = `file:${path.join(releases, 'feed.db')}`;

    const service = await spawnService({ DATABASE_URL: database }, { entry: path.join(current, 'src/main.ts') });
    const page = await feed(`http://127.0.0.1:${service.port}`, 'orders');
    service.child.kill('SIGTERM');

    expect(page.status).toBe(200);
    expect(await service.exited).toEqual({ code: 0, signal: null });
  });

  it('When a .env file is in the working directory, then it is read and the real environment wins over it', async () => {
    const dir = tempDir('feed-dotenv-');
    writeFileSync(path.join(dir, '.env'), ['FEED_MAX_PER_PAGE=2', 'PORT=1', ''].join('\n'));

    // spawnService sets PORT=0 itself: the file's PORT=1 must lose to it.
    const service = await spawnService({ DATABASE_URL: `file:${path.join(dir, 'feed.db')}` }, { cwd: dir });
    const res = await feed(`http://127.0.0.1:${service.port}`, 'orders', { per_page: 3 }, 'urlencoded');

    expect(service.port).not.toBe(1);
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain('must not be greater than 2');
  });
});
