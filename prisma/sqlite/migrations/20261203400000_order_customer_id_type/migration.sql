-- A copy of the customer's key_is_number on each order, so that a page of the orders feed is
-- read from orders alone. Customer upserts keep it in step (src/customers/customers.upsert.ts).
ALTER TABLE "orders" ADD COLUMN "customer_key_is_number" BOOLEAN NOT NULL DEFAULT false;

UPDATE "orders" SET "customer_key_is_number" = true
WHERE "customer_key" IN (SELECT "key" FROM "customers" WHERE "key_is_number");
