import { z } from 'zod';

/**
 * Money travels as an integer count of thousandths (bigint) from the database to the JSON
 * writer. Three decimals cover KWD, BHD and OMR; at most 12 integer digits keep every amount
 * within 15 significant digits, the range in which a decimal survives the trip through a JSON
 * number unchanged, so `moneyToJson` emits exactly the stored decimal.
 */
const MONEY_PATTERN = /^(\d{1,12})(?:\.(\d{1,3}))?$/;
const SCALE = 1000n;

export function parseMoney(text: string): bigint | undefined {
  const match = MONEY_PATTERN.exec(text);
  if (!match) return undefined;
  const [, whole, fraction = ''] = match;
  return BigInt(whole!) * SCALE + BigInt(fraction.padEnd(3, '0'));
}

function formatMoney(milli: bigint): string {
  const negative = milli < 0n;
  const abs = negative ? -milli : milli;
  const whole = abs / SCALE;
  const fraction = (abs % SCALE).toString().padStart(3, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

const EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The JSON number for an amount; exact for every amount parseMoney accepts (see above). Up to
 * 2^53 thousandths the count converts to a double exactly, and IEEE division rounds the
 * quotient to the nearest double, which is the very number parsing its decimal text gives:
 * the same result as through text, without building any. Larger sums go through text.
 */
export function moneyToJson(milli: bigint): number {
  if (milli <= EXACT && milli >= -EXACT) return Number(milli) / 1000;
  return Number(formatMoney(milli));
}

/** A non-negative amount sent as a JSON number or a numeric string, up to 3 decimals. */
export const moneySchema = z.union([z.number(), z.string()], { error: 'must be a number' }).transform((value, ctx) => {
  const text = typeof value === 'number' ? numberToPlainString(value) : value.trim();
  const milli = text === undefined ? undefined : parseMoney(text);
  if (milli === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a non-negative amount with at most 12 integer digits and 3 decimals',
    });
    return z.NEVER;
  }
  return milli;
});

function numberToPlainString(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = String(value);
  return /e/i.test(text) ? undefined : text;
}
