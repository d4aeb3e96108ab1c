-- CreateTable
CREATE TABLE "feed_state" (
    "entity" TEXT NOT NULL PRIMARY KEY,
    "live" INTEGER NOT NULL DEFAULT 0,
    "holes" INTEGER NOT NULL DEFAULT 0,
    "layout" INTEGER NOT NULL DEFAULT 0,
    "oldest_hole_at" BIGINT
);

-- CreateTable
CREATE TABLE "feed_holes" (
    "entity" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "deleted_at" BIGINT NOT NULL,

    PRIMARY KEY ("entity", "seq")
);

-- The feed's numbering is kept by triggers, so every insert and delete counts, whichever code
-- path makes it. SQLite runs one writer at a time, so sequence order is already commit order.
-- A deleted record leaves a hole: its slot stays in the numbering until the service purges it.
INSERT INTO "feed_state" ("entity", "live") SELECT 'customers', count(*) FROM "customers";
INSERT INTO "feed_state" ("entity", "live") SELECT 'orders', count(*) FROM "orders";

CREATE TRIGGER "customers_feed_insert" AFTER INSERT ON "customers" BEGIN
    UPDATE "feed_state" SET "live" = "live" + 1 WHERE "entity" = 'customers';
END;

CREATE TRIGGER "customers_feed_delete" AFTER DELETE ON "customers" BEGIN
    INSERT INTO "feed_holes" ("entity", "seq", "deleted_at")
    VALUES ('customers', OLD."seq", CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
    UPDATE "feed_state"
    SET "live" = "live" - 1, "holes" = "holes" + 1,
        "oldest_hole_at" = COALESCE("oldest_hole_at", CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
    WHERE "entity" = 'customers';
END;

CREATE TRIGGER "orders_feed_insert" AFTER INSERT ON "orders" BEGIN
    UPDATE "feed_state" SET "live" = "live" + 1 WHERE "entity" = 'orders';
END;

CREATE TRIGGER "orders_feed_delete" AFTER DELETE ON "orders" BEGIN
    INSERT INTO "feed_holes" ("entity", "seq", "deleted_at")
    VALUES ('orders', OLD."seq", CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
    UPDATE "feed_state"
    SET "live" = "live" - 1, "holes" = "holes" + 1,
        "oldest_hole_at" = COALESCE("oldest_hole_at", CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
    WHERE "entity" = 'orders';
END;
