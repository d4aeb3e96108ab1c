import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/service.js';

/** Runs a script as npm would, with only the environment given (no .env in the test's cwd). */
function run(script: string, args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}`, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stderr: result.stderr };
}

describe('The scripts read the configuration with the service’s rules', () => {
  it.each([
    ['import.ts', ['orders', 'samples/orders.ndjson']],
    ['migrate.ts', []],
    ['seed.ts', ['--orders', '1']],
  ])(
    'When %s gets a bad STORE_TIMEZONE or DATABASE_URL, then it exits 78 naming each, as the service does',
    (script, args) => {
      const { code, stderr } = run(script, args, { STORE_TIMEZONE: 'Mars/Olympus', DATABASE_URL: 'mysql://x' });

      expect(code).toBe(78);
      expect(stderr).toContain('Invalid configuration:');
      expect(stderr).toContain('DATABASE_URL:');
      expect(stderr).toContain('STORE_TIMEZONE: must be an IANA timezone');
      expect(stderr).not.toMatch(/\n\s+at /);
    },
  );
});
