-- CreateTable
CREATE TABLE "customers" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "key_is_number" BOOLEAN NOT NULL,
    "email" TEXT NOT NULL,
    "email_lower" TEXT NOT NULL,
    "first_name" TEXT,
    "last_name" TEXT,
    "phone" TEXT,
    "currency" TEXT NOT NULL,
    "gender" TEXT NOT NULL,
    "registered_at" DATETIME NOT NULL,
    "addresses" TEXT,
    "doc_hash" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "orders" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "key_is_number" BOOLEAN NOT NULL,
    "customer_key" TEXT NOT NULL,
    "ordered_at" DATETIME NOT NULL,
    "total_price" BIGINT NOT NULL,
    "subtotal_price" BIGINT NOT NULL,
    "total_tax" BIGINT NOT NULL,
    "total_discounts" BIGINT NOT NULL,
    "taxes_included" BOOLEAN NOT NULL,
    "currency" TEXT NOT NULL,
    "country_code" TEXT NOT NULL,
    "financial_status" TEXT,
    "phone" TEXT,
    "customer_locale" TEXT,
    "contact_email" TEXT NOT NULL,
    "addresses" TEXT,
    "fulfillments" TEXT,
    "doc_hash" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "orders_customer_key_fkey" FOREIGN KEY ("customer_key") REFERENCES "customers" ("key") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "line_items" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "order_key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "product_id" TEXT NOT NULL,
    "product_id_is_number" BOOLEAN NOT NULL,
    "quantity" INTEGER NOT NULL,
    "price" BIGINT NOT NULL,
    "sku" TEXT,
    "title" TEXT,
    "vendor" TEXT,
    "grams" INTEGER,
    "properties" TEXT,
    CONSTRAINT "line_items_order_key_fkey" FOREIGN KEY ("order_key") REFERENCES "orders" ("key") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "customers_key_key" ON "customers"("key");

-- CreateIndex
CREATE INDEX "customers_email_lower_seq_idx" ON "customers"("email_lower", "seq");

-- CreateIndex
CREATE INDEX "customers_updated_at_idx" ON "customers"("updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "orders_key_key" ON "orders"("key");

-- CreateIndex
CREATE INDEX "orders_customer_key_financial_status_idx" ON "orders"("customer_key", "financial_status");

-- CreateIndex
CREATE INDEX "orders_updated_at_idx" ON "orders"("updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "line_items_order_key_position_key" ON "line_items"("order_key", "position");

