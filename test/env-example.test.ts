import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../src/config.js';

const text = readFileSync('.env.example', 'utf8');
/** Names in the order the file assigns them, repeats included (parseEnv keeps only the last). */
const assigned = text
  .split('\n')
  .map((line) => /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1])
  .filter((name): name is string => name !== undefined);

describe('.env.example', () => {
  it('When it is read as a dotenv file, then every variable the service reads is there exactly once', () => {
    const counts = Object.fromEntries(
      CONFIG_VARIABLES.map((name) => [name, assigned.filter((n) => n === name).length]),
    );

    expect(counts).toEqual(Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, 1])));
  });

  it('When it is read as a dotenv file, then it holds no variable the service does not read', () => {
    const known = new Set<string>(CONFIG_VARIABLES);

    expect(Object.keys(parseEnv(text)).filter((name) => !known.has(name))).toEqual([]);
    expect(assigned.filter((name) => !known.has(name))).toEqual([]);
  });

  it('When only the two secrets are filled in, then it is a valid production configuration', () => {
    const env = { ...parseEnv(text), CONVERTEDIN_TOKEN: 'a'.repeat(48), MERCHANT_API_KEY: 'b'.repeat(48) };

    const config = loadConfig(env);

    expect(config).toMatchObject({ nodeEnv: 'production', port: 3000, database: { provider: 'sqlite' } });
  });

  it('When it is used unchanged, then production refuses its placeholder secrets', () => {
    expect(() => loadConfig(parseEnv(text))).toThrow(/CONVERTEDIN_TOKEN: still holds the example's placeholder/);
  });
});
