import { z } from 'zod';
import { countryCodeSchema, currencySchema, emailSchema, text, title } from '../shared/fields.js';

/** The shop itself, as the merchant pushes it with PUT /api/store. */
export const storeDocumentSchema = z.object({
  name: title(255),
  currency: currencySchema,
  time_zone: z.string({ error: 'must be an IANA timezone name' }).trim().optional(),
  email: emailSchema,
  description: text(10_000).nullish(),
  country: countryCodeSchema,
});

export type StoreDocument = z.output<typeof storeDocumentSchema>;

export interface StoredStore {
  name: string;
  currency: string;
  email: string;
  description: string;
  country: string;
}

/**
 * The merchant API's view. The timezone is the service's STORE_TIMEZONE, the one every feed
 * date is written in, so what the store says always matches the dates convertedin reads.
 */
export function storeToDocument(row: StoredStore, timeZone: string) {
  return {
    name: row.name,
    currency: row.currency,
    time_zone: timeZone,
    email: row.email,
    description: row.description,
    country: row.country,
  };
}

/**
 * convertedin's storeinfo (docs/convertedin.md): no envelope. Before the merchant has pushed a store,
 * the fields the service cannot know are empty (name, email, description) or null (currency,
 * country, country_code) rather than guessed; the timezone is always known.
 */
export function storeToFeed(row: StoredStore | null, timeZone: string) {
  return {
    code: 200,
    data: {
      name: row?.name ?? '',
      currency: row?.currency ?? null,
      time_zone: timeZone,
      email: row?.email ?? '',
      description: row?.description ?? '',
      country: row?.country ?? null,
      country_code: row?.country ?? null,
    },
  };
}
