import { createLogger, type DestinationStream, type Logger } from '../../src/observability/logger.js';

interface LogLine {
  level: string;
  msg: string;
  reqId?: string;
  [key: string]: unknown;
}

export interface CapturedLogs {
  /** Where to write: for `start()`, which makes its own logger. */
  destination: DestinationStream;
  logger: Logger;
  /** Everything written, raw, to search for what must never be there. */
  text(): string;
  lines(): LogLine[];
  /** The first line matching, waiting briefly: a request's line is written as its response closes. */
  find(match: (line: LogLine) => boolean): Promise<LogLine>;
}

/** A logger writing to memory, for tests that read what the service logs. */
export function captureLogs(level: 'info' | 'warn' | 'debug' = 'info'): CapturedLogs {
  const chunks: string[] = [];
  const destination = { write: (chunk: string) => void chunks.push(chunk) };
  const logger = createLogger(level, destination);
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as LogLine);
  return {
    destination,
    logger,
    text: () => chunks.join(''),
    lines,
    async find(match) {
      for (let attempt = 0; attempt < 100; attempt++) {
        const found = lines().find(match);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`no log line matched; got:\n${chunks.join('')}`);
    },
  };
}
