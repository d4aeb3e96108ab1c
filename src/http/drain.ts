import type { Server } from 'node:http';

/** How often connections that went idle during a drain are closed. */
const IDLE_SWEEP_MS = 100;

/**
 * Stops accepting connections and lets the requests in flight finish, closing each keep-alive
 * connection as soon as it goes idle; after `timeoutMs` the remaining ones are cut. Resolves
 * true when it had to cut some.
 */
export async function drain(server: Server, timeoutMs: number): Promise<boolean> {
  let cut = false;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  const deadline = setTimeout(() => {
    cut = true;
    server.closeAllConnections();
  }, timeoutMs);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
  return cut;
}
