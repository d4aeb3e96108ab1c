/**
 * Recognises database failures by their codes rather than by class: the SQLite and PostgreSQL
 * clients are generated separately and each has its own error classes.
 */

const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const UNAVAILABLE_DRIVER_KINDS = new Set([
  'DatabaseNotReachable',
  'DatabaseDoesNotExist',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'DatabaseAccessDenied',
  'AuthenticationFailed',
]);
const UNAVAILABLE_SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EPIPE',
  'SQLITE_BUSY',
  'SQLITE_CANTOPEN',
]);
/**
 * PostgreSQL SQLSTATEs that mean "not now" rather than "wrong": connection exceptions (class 08),
 * server shutting down or starting (57P01-57P03), too many connections, and a statement
 * cancelled by statement_timeout (57014), which on this service's short queries means overload.
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300|57014)$/;
const UNAVAILABLE_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|Query read timeout|Can't reach database server|connection (is )?closed|database is locked|the database system is (starting up|shutting down)|terminating connection|canceling statement due to statement timeout/i;

interface ErrorLike {
  code?: unknown;
  /** The driver's own code, as the Prisma adapter passes it on (a SQLSTATE for PostgreSQL). */
  originalCode?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: unknown;
}

function* chain(error: unknown): Generator<ErrorLike> {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const e = current as ErrorLike;
    yield e;
    if (e.meta && typeof e.meta === 'object' && 'driverAdapterError' in e.meta) {
      yield* chain((e.meta as { driverAdapterError: unknown }).driverAdapterError);
    }
    current = e.cause;
  }
}

/** The database could not be reached or is refusing work for now: worth a 503 and a retry. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of chain(error)) {
    if (typeof e.code === 'string' && (UNAVAILABLE_PRISMA_CODES.has(e.code) || UNAVAILABLE_SYSTEM_CODES.has(e.code))) {
      return true;
    }
    if (typeof e.kind === 'string' && UNAVAILABLE_DRIVER_KINDS.has(e.kind)) return true;
    for (const code of [e.code, e.originalCode])
      if (typeof code === 'string' && UNAVAILABLE_SQLSTATE.test(code)) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/**
 * The tables are not there: the database was never migrated (MIGRATE_ON_START=false before
 * `npm run db:migrate`). Like an unreachable one, it is the service's state, not the request's.
 */
export function isSchemaMissing(error: unknown): boolean {
  for (const e of chain(error)) {
    if (e.code === 'P2021' || e.kind === 'TableDoesNotExist' || e.code === '42P01' || e.originalCode === '42P01') {
      return true;
    }
    if (typeof e.message === 'string' && /^no such table: /.test(e.message)) return true;
  }
  return false;
}

/**
 * A concurrent writer got there first (unique key taken, serialization failure, deadlock). A
 * foreign key violation counts too: writes check their references before writing, so one only
 * happens when another transaction removed or added a referenced row in between, and the
 * retry's own check then answers properly (a 409 or a 422).
 */
export function isWriteConflict(error: unknown): boolean {
  for (const e of chain(error)) {
    if (e.code === 'P2002' || e.code === 'P2034' || e.code === 'P2003') return true;
    if (
      e.kind === 'UniqueConstraintViolation' ||
      e.kind === 'TransactionWriteConflict' ||
      e.kind === 'ForeignKeyConstraintViolation'
    ) {
      return true;
    }
    if (e.code === '23505' || e.code === '40001' || e.code === '40P01' || e.code === '23503') return true;
  }
  return false;
}
