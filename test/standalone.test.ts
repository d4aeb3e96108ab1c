import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/service.js';

// What .gitignore keeps out of a clone: build output, local data and reports of test runs.
const SKIP = new Set([
  'node_modules',
  'dist',
  'data',
  'test-results',
  'reports',
  '.stryker-tmp',
  'coverage',
  '.git',
  'generated',
]);

/** Every text file someone who clones the repository gets, except what the build makes. */
function files(dir = ROOT): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|md|json|ya?ml|sql|prisma|example)$|^run$|-check$|Dockerfile$/.test(name) ? [path] : [];
  });
}

describe('The checkout stands alone', () => {
  it('When any file is read, then none points at a folder beside the repository', () => {
    // A relative path that climbs out of the repository, or to something it does not hold,
    // names what a fresh clone does not have. Imports name `.js` for their `.ts` source.
    const missing = (from: string, target: string) => {
      const path = join(dirname(from), target.replace(/\.+$/, ''));
      return relative(ROOT, path).startsWith('..') || ![path, path.replace(/\.js$/, '.ts')].some(existsSync);
    };
    const escapes = (path: string) =>
      [...readFileSync(path, 'utf8').matchAll(/(?<![\w/.])(?:\.\.\/)+[\w./-]+/g)].some((match) =>
        missing(path, match[0]),
      );
    const all = files();

    expect(all.length).toBeGreaterThan(50);
    expect(all.filter(escapes).map((path) => relative(ROOT, path))).toEqual([]);
  });

  it('When the README and docs link to a file of the repository, then that file exists', () => {
    const pages = [join(ROOT, 'README.md'), ...readdirSync(join(ROOT, 'docs')).map((f) => join(ROOT, 'docs', f))];
    const links = pages.flatMap((page) =>
      [...readFileSync(page, 'utf8').matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
        .map((match) => match[1]!)
        .filter((target) => !/^[a-z]+:/.test(target))
        .map((target) => ({ page: relative(ROOT, page), target, path: join(dirname(page), target) })),
    );

    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((link) => !existsSync(link.path))).toEqual([]);
  });
});
