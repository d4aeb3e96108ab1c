/**
 * Counts and articles in messages, so that one record reads "1 order" and "an order", not
 * "1 orders" and "a order". The words are the service's own (entity names and the like), all
 * plurals in -s or -ies.
 */

function singular(plural: string): string {
  if (plural.endsWith('ies')) return `${plural.slice(0, -3)}y`;
  return plural.endsWith('s') ? plural.slice(0, -1) : plural;
}

/** `1 order`, `3 orders`; `format` writes the number (e.g. with thousands separators). */
export function counted(n: number, plural: string, format: (n: number) => string = String): string {
  return `${format(n)} ${n === 1 ? singular(plural) : plural}`;
}

/** `An order`, `A customer`: the article a sentence starts with. */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'An' : 'A'} ${word}`;
}

/** `them` or `it`, for what a count refers back to. */
export const them = (n: number) => (n === 1 ? 'it' : 'them');

/** Enough of a client's id to recognise it, without echoing a 10 KB one back. */
const MAX_ECHOED = 64;

/** An id as a message may quote it: whole when short, else its start and its length. */
export function echoedId(key: string): string {
  return key.length <= MAX_ECHOED ? key : `${key.slice(0, MAX_ECHOED)}… (${key.length} characters)`;
}
