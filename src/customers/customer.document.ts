import { z } from 'zod';
import { formatStoreDate, readShopDate, shopDateSchema } from '../shared/dates.js';
import { addressesSchema, currencySchema, emailSchema, text } from '../shared/fields.js';
import { fingerprint } from '../shared/hash.js';
import { shopIdSchema, shopIdToJson, type ShopId } from '../shared/ids.js';

/** A customer as the shop pushes it: the feed's field names plus the addresses it keeps. */
const customerFields = {
  email: emailSchema,
  first_name: text(255).nullish(),
  last_name: text(255).nullish(),
  phone: text(64).nullish(),
  currency: currencySchema,
  registered_at: shopDateSchema.optional(),
  gender: z.enum(['male', 'female', 'unknown'], { error: 'must be male, female or unknown' }).nullish(),
  addresses: addressesSchema.nullish(),
};

export const customerDocumentSchema = z.object({ id: shopIdSchema, ...customerFields });

/** Embedded in an order: email and currency may be left to the order's own. */
export const embeddedCustomerSchema = z.object({
  id: shopIdSchema,
  ...customerFields,
  email: customerFields.email.optional(),
  currency: customerFields.currency.optional(),
});

export type CustomerDocument = z.output<typeof embeddedCustomerSchema>;

/** The stored columns of a customer, apart from its key and bookkeeping. */
export interface CustomerFields {
  email: string;
  emailLower: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  currency: string;
  gender: string;
  registeredAt: Date;
  addresses: string | null;
}

/** What a new customer starts from when the document leaves fields out. */
export interface CustomerFallback {
  email?: string;
  currency?: string;
  registeredAt?: Date;
}

/**
 * Fields the document sends replace the stored ones; fields it leaves out keep their stored
 * value (or the fallback, for a new customer); an explicit null clears an optional field.
 */
export function mergeCustomer(
  stored: CustomerFields | undefined,
  doc: CustomerDocument,
  fallback: CustomerFallback,
  timeZone: string,
): CustomerFields | undefined {
  const email = doc.email ?? stored?.email ?? fallback.email;
  const currency = doc.currency ?? stored?.currency ?? fallback.currency;
  if (email === undefined || currency === undefined) return undefined;
  const pick = <T>(value: T | undefined, kept: T) => (value === undefined ? kept : value);
  return {
    email,
    emailLower: email.toLowerCase(),
    firstName: pick(doc.first_name, stored?.firstName ?? null),
    lastName: pick(doc.last_name, stored?.lastName ?? null),
    phone: pick(doc.phone, stored?.phone ?? null),
    currency,
    gender: doc.gender === undefined ? (stored?.gender ?? 'unknown') : (doc.gender ?? 'unknown'),
    registeredAt:
      doc.registered_at !== undefined
        ? readShopDate(doc.registered_at, timeZone)
        : (stored?.registeredAt ?? fallback.registeredAt ?? new Date()),
    addresses:
      doc.addresses === undefined
        ? (stored?.addresses ?? null)
        : doc.addresses === null
          ? null
          : JSON.stringify(doc.addresses),
  };
}

export function customerHash(id: ShopId, fields: CustomerFields): string {
  return fingerprint([id.key, id.isNumber, fields]);
}

interface StoredCustomer extends CustomerFields {
  key: string;
  keyIsNumber: boolean;
}

/** The merchant API's view of a stored customer: the document as it would be pushed back. */
export function customerToDocument(row: StoredCustomer, timeZone: string) {
  return {
    id: shopIdToJson(row.key, row.keyIsNumber),
    email: row.email,
    first_name: row.firstName,
    last_name: row.lastName,
    phone: row.phone,
    currency: row.currency,
    registered_at: formatStoreDate(row.registeredAt, timeZone),
    gender: row.gender,
    addresses: row.addresses === null ? null : (JSON.parse(row.addresses) as unknown),
  };
}
