import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS runs against each mutant of the feed, paging and upsert code (`npm run
 * mutation`): the ones that exercise that code through HTTP on SQLite. Tests that spawn
 * processes or plant faults say nothing more about it and would multiply the run's length.
 * MUTATION_TESTS (comma-separated globs) narrows the set further for a run over one part.
 */
export default defineConfig({
  test: {
    include: process.env.MUTATION_TESTS?.split(',') ?? [
      'test/{feed,crawl,deletes,merchant,import}*.test.ts',
      'test/*.{feed,ingest}.test.ts',
      'test/{orders.email,products.published,input.numbers,input.required,store}.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/support/global-setup.ts'],
    provide: { provider: 'sqlite' as const },
  },
});
