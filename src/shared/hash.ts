import { createHash } from 'node:crypto';

/** A fingerprint of a normalised record, used to recognise a re-push that changes nothing. */
export function fingerprint(value: unknown): string {
  const json = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return createHash('sha256').update(json).digest('base64url');
}
