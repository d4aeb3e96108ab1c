import { defineTable } from '../db/table.js';
import type { CustomerFields } from './customer.document.js';

/** A customer as stored: its merged fields, the shop's id and the fingerprint of both. */
export interface CustomerRow extends CustomerFields {
  key: string;
  keyIsNumber: boolean;
  docHash: string;
}

export const CUSTOMERS = defineTable<CustomerRow>(
  'customers',
  {
    key: ['text', (c) => c.key],
    key_is_number: ['boolean', (c) => c.keyIsNumber],
    email: ['text', (c) => c.email],
    email_lower: ['text', (c) => c.emailLower],
    first_name: ['text', (c) => c.firstName],
    last_name: ['text', (c) => c.lastName],
    phone: ['text', (c) => c.phone],
    currency: ['text', (c) => c.currency],
    gender: ['text', (c) => c.gender],
    registered_at: ['instant', (c) => c.registeredAt],
    addresses: ['text', (c) => c.addresses],
    doc_hash: ['text', (c) => c.docHash],
    created_at: ['instant', (_, now) => now],
    updated_at: ['instant', (_, now) => now],
  },
  { key: 'key' },
);
