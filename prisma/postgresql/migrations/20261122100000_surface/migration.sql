-- CreateTable
CREATE TABLE "store" (
    "id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "store_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "categories" (
    "seq" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "key_is_number" BOOLEAN NOT NULL,
    "parent_key" TEXT,
    "title" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "available" BOOLEAN NOT NULL,
    "published_at" TIMESTAMP(3),
    "doc_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "categories_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "products" (
    "seq" SERIAL NOT NULL,
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
    "published_at" TIMESTAMP(3) NOT NULL,
    "tags" TEXT NOT NULL,
    "images" TEXT NOT NULL,
    "doc_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "products_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "write_locks" (
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "write_locks_pkey" PRIMARY KEY ("name")
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

-- AddForeignKey
ALTER TABLE "categories" ADD CONSTRAINT "categories_parent_key_fkey" FOREIGN KEY ("parent_key") REFERENCES "categories"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "products" ADD CONSTRAINT "products_category_key_fkey" FOREIGN KEY ("category_key") REFERENCES "categories"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

