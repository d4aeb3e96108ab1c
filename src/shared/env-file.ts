import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Reads `.env` from the working directory into `process.env` when the file exists. Variables
 * already set in the real environment win over the file, so a process manager or a one-off
 * `PORT=4000 npm start` still decides. Returns the file read, if any, for the caller to report.
 */
export function loadDotEnv(dir: string = process.cwd()): string | undefined {
  const file = path.join(dir, '.env');
  if (!existsSync(file)) return undefined;
  process.loadEnvFile(file);
  return file;
}
