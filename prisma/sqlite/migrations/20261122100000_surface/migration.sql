-- CreateTable
CREATE TABLE "store" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "categories" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "key_is_number" BOOLEAN NOT NULL,
    "parent_key" TEXT,
    "title" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "available" BOOLEAN NOT NULL,
    "published_at" DATETIME,
    "doc_hash" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "categories_parent_key_fkey" FOREIGN KEY ("parent_key") REFERENCES "categories" ("key") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "products" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "key_is_number" BOOLEAN NOT NULL,
    "category_key" TEXT,
    "title" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "full_permalink" TEXT NOT NULL,
    "app_links" TEXT,
    "image" TEXT,
    "content" TEXT NOT NULL,
    "type" TEXT,
    "vendor" TEXT,
    "price" BIGINT NOT NULL,
    "compare_at_price" BIGINT,
    "quantity" INTEGER,
    "stock_status" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL,
    "published_at" DATETIME NOT NULL,
    "tags" TEXT NOT NULL,
    "images" TEXT NOT NULL,
    "doc_hash" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "products_category_key_fkey" FOREIGN KEY ("category_key") REFERENCES "categories" ("key") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "write_locks" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE UNIQUE INDEX "categories_key_key" ON "categories"("key");

-- CreateIndex
CREATE INDEX "categories_parent_key_seq_idx" ON "categories"("parent_key", "seq");

-- CreateIndex
CREATE INDEX "categories_updated_at_idx" ON "categories"("updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "products_key_key" ON "products"("key");

-- CreateIndex
CREATE INDEX "products_category_key_seq_idx" ON "products"("category_key", "seq");

-- CreateIndex
CREATE INDEX "products_updated_at_idx" ON "products"("updated_at");

