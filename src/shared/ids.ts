import { z } from 'zod';

/**
 * A shop's own id: a JSON integer or a string. It is stored as text with a flag for its JSON
 * type, so `90001` comes back as a number and `"A-1001"` as a string.
 */
export interface ShopId {
  key: string;
  isNumber: boolean;
}

export const shopIdSchema = z
  .union(
    [
      z.int({ error: 'must be an integer or a string' }).min(0, 'must not be negative'),
      z.string().trim().min(1, 'must not be empty').max(255, 'must be at most 255 characters'),
    ],
    { error: 'must be an integer or a non-empty string' },
  )
  .transform((value): ShopId => ({ key: String(value), isNumber: typeof value === 'number' }));

export function shopIdToJson(key: string, isNumber: boolean): string | number {
  return isNumber ? Number(key) : key;
}
