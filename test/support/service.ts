import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach } from 'vitest';
import { FEED_TOKEN, MERCHANT_KEY } from './app.js';

/** By URL, so the loader is found whatever the working directory. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Service {
  child: ChildProcess;
  port: number;
  /** Everything the process wrote so far, stdout and stderr. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const live = new Set<Service>();
afterEach(async () => {
  for (const service of live) {
    service.child.kill('SIGKILL');
    await service.exited;
  }
  live.clear();
});

export interface SpawnOptions {
  /** Working directory (where `.env` is looked for); the checkout by default. */
  cwd?: string;
  /** The entry file, as the process is given it; the checkout's src/main.ts by default. */
  entry?: string;
}

/** The real service as its own process (`node --import tsx src/main.ts`), listening on a free port. */
export async function spawnService(env: Record<string, string>, options: SpawnOptions = {}): Promise<Service> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, options.entry ?? path.join(ROOT, 'src/main.ts')], {
    cwd: options.cwd ?? ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      CONVERTEDIN_TOKEN: FEED_TOKEN,
      MERCHANT_API_KEY: MERCHANT_KEY,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const service: Service = { child, port: 0, output: () => output, exited };
  live.add(service);

  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const listening = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string; port?: number })
      .find((line) => line.msg === 'listening');
    if (listening?.port) {
      service.port = listening.port;
      return service;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the service did not start:\n${output}`);
}
