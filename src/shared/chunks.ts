/**
 * Splits a list so no single statement carries too many bound values (SQLite's limit is
 * 32766, PostgreSQL's 65535); 500 rows of up to 20 columns stay well under both.
 */
const CHUNK_ROWS = 500;

export function chunks<T>(items: readonly T[], size = CHUNK_ROWS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
