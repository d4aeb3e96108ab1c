import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from './support/service.js';

const dirs: string[] = [];
const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs `npm run demo`'s script in a fresh folder until it prints its banner or exits. */
function runDemo(env: Record<string, string>): Promise<{ output: string; code: number | null }> {
  const cwd = mkdtempSync(path.join(tmpdir(), 'feed-demo-'));
  dirs.push(cwd);
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'scripts/demo.ts')],
    {
      cwd,
      env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((resolve) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Press Ctrl+C to stop.')) child.kill('SIGTERM');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => resolve({ output, code }));
  });
}

describe('npm run demo', () => {
  it('When DATABASE_URL names another database, then the demo ignores it and serves its own file', async () => {
    const { output } = await runDemo({ PORT: '0', DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/production' });

    expect(output).toContain('The demo ignores DATABASE_URL');
    expect(output).toMatch(/demo is running on http:\/\/localhost:\d+ \(SQLite: .*data\/demo\.db\)/);
  });

  it('When the port is taken, then the demo exits with one line naming the port and PORT', async () => {
    const server = createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, resolve));
    const port = (server.address() as { port: number }).port;

    const { output, code } = await runDemo({ PORT: String(port), DATABASE_URL: '' });

    expect(code).toBe(1);
    expect(output.trim()).toBe(
      `Port ${port} is already in use: stop what holds it, or set PORT, e.g. PORT=3001 npm run demo.`,
    );
  });
});
