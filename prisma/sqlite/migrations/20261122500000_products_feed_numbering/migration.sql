-- The products feed is numbered like orders and customers (see 20261122200000_feed_numbering).
INSERT INTO "feed_state" ("entity", "live") SELECT 'products', count(*) FROM "products";

CREATE TRIGGER "products_feed_insert" AFTER INSERT ON "products" BEGIN
    UPDATE "feed_state" SET "live" = "live" + 1 WHERE "entity" = 'products';
END;

CREATE TRIGGER "products_feed_delete" AFTER DELETE ON "products" BEGIN
    INSERT INTO "feed_holes" ("entity", "seq", "deleted_at")
    VALUES ('products', OLD."seq", CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
    UPDATE "feed_state"
    SET "live" = "live" - 1, "holes" = "holes" + 1,
        "oldest_hole_at" = COALESCE("oldest_hole_at", CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
    WHERE "entity" = 'products';
END;
