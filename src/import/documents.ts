/**
 * Reads documents one at a time from a JSON array or an NDJSON stream, so a file of any size
 * is never held in memory: only the document being read is. The format is told by the first
 * character that is not whitespace: `[` for an array, anything else for NDJSON.
 */
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COMMA,
  NEWLINE,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from '../shared/json-bytes.js';

export interface ReadDocument {
  /** 1-based line where the document starts. */
  line: number;
  /** 0-based position in a JSON array; absent for NDJSON. */
  item?: number;
  value?: unknown;
  /** Why the text could not be read as a document. */
  error?: string;
}

/** No single document is allowed to grow past this while being read. */
const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

function parse(text: string, line: number, item?: number): ReadDocument {
  try {
    return { line, ...(item !== undefined && { item }), value: JSON.parse(text) as unknown };
  } catch {
    return { line, ...(item !== undefined && { item }), error: 'not valid JSON' };
  }
}

const tooLarge = (line: number, item?: number): ReadDocument => ({
  line,
  ...(item !== undefined && { item }),
  error: `larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`,
});

async function* ndjson(first: string, chunks: AsyncIterator<string>): AsyncGenerator<ReadDocument> {
  let pending = '';
  let oversized = false;
  let line = 1;
  for (let chunk: string | undefined = first; chunk !== undefined; chunk = (await chunks.next()).value as string) {
    let start = 0;
    for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', start)) {
      const text = pending + chunk.slice(start, end);
      if (oversized) yield tooLarge(line);
      else if (text.trim() !== '') yield parse(text, line);
      pending = '';
      oversized = false;
      start = end + 1;
      line++;
    }
    pending += oversized ? '' : chunk.slice(start);
    if (pending.length > MAX_DOCUMENT_BYTES) {
      oversized = true;
      pending = '';
    }
  }
  if (oversized) yield tooLarge(line);
  else if (pending.trim() !== '') yield parse(pending, line);
}

/** Cuts a top-level array into its elements by tracking strings and nesting. */
async function* jsonArray(first: string, chunks: AsyncIterator<string>): AsyncGenerator<ReadDocument> {
  let depth = 0; // 1 inside the top-level array
  let inString = false;
  let escaped = false;
  let closed = false;
  let parts: string[] = [];
  let size = 0;
  let open = false; // an element is being read
  let oversized = false;
  let startLine = 0;
  let item = 0;
  let line = 1;

  const finish = (): ReadDocument => {
    const doc = oversized ? tooLarge(startLine, item) : parse(parts.join(''), startLine, item);
    parts = [];
    size = 0;
    open = false;
    oversized = false;
    item++;
    return doc;
  };

  for (let chunk: string | undefined = first; chunk !== undefined; chunk = (await chunks.next()).value as string) {
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === NEWLINE) line++;
      if (closed) {
        if (!isSpace(c)) {
          yield { line, error: 'unexpected text after the closing ]' };
          return;
        }
        continue;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
        continue;
      }
      if (depth === 0) {
        if (c === OPEN_BRACKET) depth = 1;
        continue;
      }
      if (depth === 1 && (c === COMMA || c === CLOSE_BRACKET)) {
        if (open) {
          if (!oversized) parts.push(chunk.slice(from, i));
          yield finish();
        }
        if (c === CLOSE_BRACKET) {
          depth = 0;
          closed = true;
        }
        continue;
      }
      if (!open) {
        if (isSpace(c)) continue;
        open = true;
        startLine = line;
        from = i;
      }
      if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
    }
    if (open && !oversized) {
      const rest = chunk.slice(from);
      size += rest.length;
      if (size > MAX_DOCUMENT_BYTES) {
        oversized = true;
        parts = [];
      } else parts.push(rest);
    }
  }
  if (!closed)
    yield { line: open ? startLine : line, ...(open && { item }), error: 'the file ends before the array is closed' };
}

/** The documents of a stream of text chunks, in order. */
export async function* readDocuments(chunks: AsyncIterable<string>): AsyncGenerator<ReadDocument> {
  const iterator = chunks[Symbol.asyncIterator]();
  let first = '';
  for (;;) {
    const next = await iterator.next();
    if (next.done) {
      if (first.trim() !== '') yield* ndjson(first, iterator);
      return;
    }
    first += next.value as string;
    const start = first.search(/\S/);
    if (start === -1) continue;
    if (first[start] === '[') yield* jsonArray(first, iterator);
    else yield* ndjson(first, iterator);
    return;
  }
}
