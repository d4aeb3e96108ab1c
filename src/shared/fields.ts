import { z } from 'zod';

/** Small field schemas shared by the documents of several entities. */

export const emailSchema = z
  .string({ error: 'must be an email address' })
  .trim()
  .max(254, 'must be at most 254 characters')
  .regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address');

export const currencySchema = z
  .string({ error: 'must be an ISO 4217 currency code' })
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 currency code such as EGP')
  .transform((code) => code.toUpperCase());

export const countryCodeSchema = z
  .string({ error: 'must be an ISO 3166 alpha-2 country code' })
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166 alpha-2 country code such as EG')
  .transform((code) => code.toUpperCase());

export const text = (max: number) =>
  z.string({ error: 'must be a string' }).max(max, `must be at most ${max} characters`);

/**
 * The one reading of a flag: 0/1, true/false, or their string forms, as shops send booleans
 * every way (PHP shops send "1" and "0"). Documents and query parameters both use it.
 */
export const flagSchema = z
  .union([z.boolean(), z.literal(0), z.literal(1), z.enum(['0', '1', 'true', 'false'])], {
    error: 'must be 0, 1, true or false',
  })
  .transform((value) => value === true || value === 1 || value === '1' || value === 'true');

const WHOLE_NUMBER = /^[+-]?\d+(?:\.0+)?$/;

/** A whole number from a JSON number or its text (" 2 ", "2", "2.00"), or undefined for anything else. */
export function parseWholeNumber(raw: unknown): number | undefined {
  const value =
    typeof raw === 'number' ? raw : typeof raw === 'string' && WHOLE_NUMBER.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isInteger(value)) return undefined;
  return value === 0 ? 0 : value; // no -0
}

/**
 * The one reading of a whole number wherever a document or a query expects one: a JSON number
 * or a numeric string, since PHP shops send numbers as strings (as they do money).
 */
export const integerSchema = (min: number, max: number) =>
  z.union([z.number(), z.string()], { error: 'must be an integer' }).transform((raw, ctx) => {
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    const value = parseWholeNumber(raw);
    if (value === undefined) return fail('must be an integer');
    if (value < min) return fail(min === 0 ? 'must not be negative' : `must be at least ${min}`);
    if (value > max) return fail(`must be at most ${max}`);
    return value;
  });

/** A postal address as shops send it (the shape of convertedin's order example, docs/convertedin.md). */
const addressSchema = z.object({
  type: text(40).nullish(),
  name: text(255).nullish(),
  first_name: text(255).nullish(),
  last_name: text(255).nullish(),
  company: text(255).nullish(),
  phone: text(64).nullish(),
  addressOne: text(255).nullish(),
  addressTwo: text(255).nullish(),
  city: text(255).nullish(),
  zip: text(32).nullish(),
  state: text(255).nullish(),
  country: text(255).nullish(),
  country_code: text(2).nullish(),
});

export const addressesSchema = z.array(addressSchema).max(20, 'must hold at most 20 addresses');

const hasScheme = (text: string, schemes?: readonly string[]) => {
  if (!URL.canParse(text)) return false;
  const protocol = new URL(text).protocol.slice(0, -1);
  return schemes === undefined ? /^[a-z][a-z0-9+.-]*$/.test(protocol) : schemes.includes(protocol);
};

/** A link a browser opens: absolute, http or https; a relative path is refused. */
export const webUrlSchema = z
  .string({ error: 'must be an absolute URL' })
  .trim()
  .max(2048, 'must be at most 2048 characters')
  .refine(
    (url) => hasScheme(url, ['http', 'https']),
    'must be an absolute http(s) URL such as https://shop.example/p/1',
  );

/** A link an app opens: absolute, any scheme (`myshop://product/1` as well as https). */
export const appUrlSchema = z
  .string({ error: 'must be an absolute URL' })
  .trim()
  .max(2048, 'must be at most 2048 characters')
  .refine((url) => hasScheme(url), 'must be an absolute URL with a scheme such as myshop://product/1');

/** A required, non-blank line of text. */
export const title = (max: number) => text(max).trim().min(1, 'must not be empty');
