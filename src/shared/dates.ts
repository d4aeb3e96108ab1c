import { z } from 'zod';

/**
 * The one place dates are read from documents and written to the feed. The feed speaks
 * `Y-m-d H:i:s` in the store's timezone; documents may also use ISO 8601 with an offset.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(epochMs: number, timeZone: string): WallClock {
  if (timeZone === 'UTC') {
    const d = new Date(epochMs);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
    };
  }
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year!,
    month: fields.month!,
    day: fields.day!,
    hour: fields.hour!,
    minute: fields.minute!,
    second: fields.second!,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2020-12-15 19:00:00` in the given IANA timezone. */
export function formatStoreDate(date: Date, timeZone: string): string {
  const c = wallClock(date.getTime(), timeZone);
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
}

function utcOfWallClock(c: WallClock, timeZone: string): number {
  const asIfUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  const offsetAt = (t: number) => {
    const w = wallClock(t, timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(t / 1000) * 1000;
  };
  const first = asIfUtc - offsetAt(asIfUtc);
  // Near a DST change the offset at the guess can differ from the offset at the result.
  const second = asIfUtc - offsetAt(first);
  return second;
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?$/;
const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;

function isRealDate(c: WallClock): boolean {
  const d = new Date(Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second));
  return (
    d.getUTCFullYear() === c.year &&
    d.getUTCMonth() === c.month - 1 &&
    d.getUTCDate() === c.day &&
    d.getUTCHours() === c.hour &&
    d.getUTCMinutes() === c.minute &&
    d.getUTCSeconds() === c.second
  );
}

/**
 * Reads `Y-m-d H:i:s` (wall clock in `timeZone`) or ISO 8601 with an offset.
 * Returns undefined for anything else, including impossible dates such as 2021-02-30.
 */
export function parseShopDate(text: string, timeZone: string): Date | undefined {
  const local = LOCAL_PATTERN.exec(text);
  if (local) {
    const [year, month, day, hour, minute, second] = local.slice(1, 7).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const clock = { year, month, day, hour, minute, second };
    if (!isRealDate(clock)) return undefined;
    return new Date(utcOfWallClock(clock, timeZone));
  }
  const iso = ISO_PATTERN.exec(text);
  if (!iso) return undefined;
  const [year, month, day, hour, minute] = iso.slice(1, 6).map(Number) as [number, number, number, number, number];
  const second = iso[6] === undefined ? 0 : Number(iso[6]);
  if (!isRealDate({ year, month, day, hour, minute, second })) return undefined;
  const millis = iso[7] ? Math.floor(Number(iso[7]) * 1000) : 0;
  const zone = iso[8]!.toUpperCase();
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
    if (Math.abs(offsetMinutes) > 18 * 60) return undefined;
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000);
}

/**
 * The instants a document may name: the feed's `Y-m-d H:i:s` has a four-digit year, and year
 * 10000 is a 500 on PostgreSQL where SQLite stores it. Two days to spare at each end keep a wall
 * clock read in one time zone (up to 14 hours off UTC) and written in another in four digits.
 */
const EARLIEST = Date.UTC(1000, 0, 3);
const LATEST = Date.UTC(9999, 11, 28, 23, 59, 59, 999);
const inRange = (date: Date) => date.getTime() >= EARLIEST && date.getTime() <= LATEST;

/**
 * A date field in a pushed document. Validation does not depend on the timezone (only the
 * reading does), so the schema keeps the text and `readShopDate` turns it into an instant.
 */
export const shopDateSchema = z
  .string({ error: 'must be a date string' })
  .trim()
  .superRefine((text, ctx) => {
    const date = parseShopDate(text, 'UTC');
    if (date === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be a date as Y-m-d H:i:s or ISO 8601 with an offset' });
    } else if (!inRange(date)) {
      ctx.addIssue({ code: 'custom', message: 'must be between 1000-01-03 and 9999-12-28 (UTC)' });
    }
  });

export function readShopDate(text: string, timeZone: string): Date {
  const date = parseShopDate(text, timeZone);
  if (!date) throw new Error(`not a date: ${text}`);
  return date;
}
