import { defineConfig } from 'vitest/config';

/**
 * Every test file runs against SQLite, and again against PostgreSQL when TEST_DATABASE_URL
 * names a server (any database on it: the tests create their own databases beside it).
 */
const postgresUrl = process.env.TEST_DATABASE_URL;

const shared = {
  include: ['test/**/*.test.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
  allowOnly: !process.env.CI,
};

export default defineConfig({
  test: {
    allowOnly: !process.env.CI,
    projects: [
      {
        test: {
          ...shared,
          name: 'sqlite',
          globalSetup: ['test/support/global-setup.ts'],
          provide: { provider: 'sqlite' as const },
        },
      },
      ...(postgresUrl
        ? [
            {
              test: {
                ...shared,
                name: 'postgresql',
                globalSetup: ['test/support/global-setup.ts'],
                provide: { provider: 'postgresql' as const },
              },
            },
          ]
        : []),
    ],
  },
});
