import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, OPEN_BRACE, OPEN_BRACKET, QUOTE } from '../shared/json-bytes.js';
import { HttpError } from './errors.js';

/**
 * No document of ours nests deeper than a handful of levels (a bulk body of orders, down to a
 * line item's properties, is six), so this is generous; what it stops is a body nested
 * thousands of levels deep, whose parsing and walking would hold the event loop for seconds.
 */
const MAX_JSON_DEPTH = 32;

/**
 * How deep the JSON text nests, read in one pass over its bytes before JSON.parse builds
 * anything: brackets inside strings do not count. Malformed text is left to the parser.
 */
function jsonDepthExceeds(text: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/** express.json's `verify` hook: runs on the raw body, before it is parsed. */
export function refuseDeepJson(_req: unknown, _res: unknown, body: Buffer): void {
  if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) {
    throw new HttpError(400, `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  }
}
