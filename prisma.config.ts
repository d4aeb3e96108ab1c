import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { createAdapter } from './src/db/adapter.js';
import { resolveDatabaseTarget, sqliteFilePath } from './src/db/target.js';

// Prisma 6.19's JavaScript schema engine runs migrations in WebAssembly through the driver
// adapter, so `prisma migrate deploy` needs no native binary download.
const target = resolveDatabaseTarget(process.env.DATABASE_URL);
// The schema reads env("DATABASE_URL"); without one the CLI cannot read its own generator
// settings and falls back to downloading a native engine, which fails offline.
process.env.DATABASE_URL = target.url;
if (target.provider === 'sqlite') sqliteFilePath(target.url);

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', target.provider),
  migrations: { path: path.join('prisma', target.provider, 'migrations') },
  adapter: async () => createAdapter(target),
});
