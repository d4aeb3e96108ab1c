-- The products feed is numbered like orders and customers (see 20261122200000_feed_numbering):
-- a counter row, and the three triggers that keep it, with the functions that migration made.
INSERT INTO "feed_state" ("entity", "live") SELECT 'products', count(*) FROM "products";

CREATE TRIGGER "products_feed_turn" BEFORE INSERT ON "products"
    FOR EACH STATEMENT EXECUTE FUNCTION "feed_take_turn"('products');
CREATE TRIGGER "products_feed_insert" AFTER INSERT ON "products" REFERENCING NEW TABLE AS "inserted"
    FOR EACH STATEMENT EXECUTE FUNCTION "feed_count_inserted"('products');
CREATE TRIGGER "products_feed_delete" AFTER DELETE ON "products" REFERENCING OLD TABLE AS "deleted"
    FOR EACH STATEMENT EXECUTE FUNCTION "feed_hold_deleted"('products');
