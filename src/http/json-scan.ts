import type { IncomingMessage } from 'node:http';
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  LOWER_U,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from '../shared/json-bytes.js';
import { HttpError } from './errors.js';
import { vouchStorableText } from './storable-text.js';

/**
 * No document of ours nests deeper than a handful of levels (a bulk body of orders, down to a
 * line item's properties, is six), so this is generous; what it stops is a body nested
 * thousands of levels deep, whose parsing and walking would hold the event loop for seconds.
 */
const MAX_JSON_DEPTH = 32;

/** An ASCII hex digit's value, or -1. */
function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/**
 * Whether the escape after the backslash at `at` is `\u0000` or a UTF-16 half (`\ud800` to
 * `\udfff`): in UTF-8 JSON text the only ways to a NUL or a lone surrogate. A pair counts too,
 * which only means the walk over the parsed body has the last word.
 */
function escapesUnstorable(text: Uint8Array, at: number): boolean {
  if (text[at + 1] !== LOWER_U) return false;
  const first = hexValue(text[at + 2]);
  const second = hexValue(text[at + 3]);
  if (first === 0xd) return second >= 8;
  return first === 0 && second === 0 && hexValue(text[at + 4]) === 0 && hexValue(text[at + 5]) === 0;
}

/**
 * One pass over the JSON bytes before JSON.parse builds anything: how deep the text nests
 * (brackets inside strings do not count) and whether a string escapes a character no database
 * stores. Malformed text is left to the parser.
 */
function scanJson(text: Uint8Array, maxDepth: number): { tooDeep: boolean; unstorable: boolean } {
  let depth = 0;
  let inString = false;
  let unstorable = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i];
    if (inString) {
      if (byte === BACKSLASH) {
        if (!unstorable && escapesUnstorable(text, i)) unstorable = true;
        i++;
      } else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > maxDepth) return { tooDeep: true, unstorable };
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return { tooDeep: false, unstorable };
}

/**
 * express.json's `verify` hook, on the raw body before it is parsed: refuses a body nested too
 * deep, and vouches for one whose UTF-8 text escapes no unstorable character, so the walk over
 * the parsed body can be skipped. Other charsets (UTF-16 can carry a lone surrogate as it is)
 * are always walked.
 */
export function scanJsonBody(req: IncomingMessage, _res: unknown, body: Buffer, encoding: string): void {
  const { tooDeep, unstorable } = scanJson(body, MAX_JSON_DEPTH);
  if (tooDeep) throw new HttpError(400, `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  if (!unstorable && encoding.toLowerCase() === 'utf-8') vouchStorableText(req);
}
