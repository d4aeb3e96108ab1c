import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type Provider = 'sqlite' | 'postgresql';

export interface DatabaseTarget {
  provider: Provider;
  url: string;
}

/** Where the embedded SQLite database lives when DATABASE_URL is not set. */
const DEFAULT_SQLITE_URL = 'file:./data/convertedin-feed.db';

/**
 * Reads a DATABASE_URL into a provider and a URL. Adding a provider (MySQL, say) means a new
 * branch here, a schema folder under prisma/ and an adapter in client.ts; nothing else.
 */
export function resolveDatabaseTarget(raw: string | undefined): DatabaseTarget {
  const url = raw === undefined || raw.trim() === '' ? DEFAULT_SQLITE_URL : raw.trim();
  if (url.startsWith('file:')) {
    if (url.length === 'file:'.length) throw new Error('a file: URL needs a path, e.g. file:./data/feed.db');
    return { provider: 'sqlite', url };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: 'postgresql', url };
  throw new Error('must start with file: (SQLite) or postgresql:// (PostgreSQL)');
}

/** The SQLite file behind a file: URL, with its folder created so better-sqlite3 can open it. */
export function sqliteFilePath(url: string): string {
  const file = url.slice('file:'.length);
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return file;
}

/** Where a target points, for people: the SQLite file's full path, or PostgreSQL's host and database without credentials. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.provider === 'sqlite') return `SQLite file ${path.resolve(target.url.slice('file:'.length))}`;
  const url = new URL(target.url);
  return `PostgreSQL database ${decodeURIComponent(url.pathname.slice(1)) || '(default)'} on ${url.host}`;
}
