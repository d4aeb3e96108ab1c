-- CreateTable
CREATE TABLE "feed_state" (
    "entity" TEXT NOT NULL,
    "live" INTEGER NOT NULL DEFAULT 0,
    "holes" INTEGER NOT NULL DEFAULT 0,
    "layout" INTEGER NOT NULL DEFAULT 0,
    "oldest_hole_at" BIGINT,

    CONSTRAINT "feed_state_pkey" PRIMARY KEY ("entity")
);

-- CreateTable
CREATE TABLE "feed_holes" (
    "entity" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "deleted_at" BIGINT NOT NULL,

    CONSTRAINT "feed_holes_pkey" PRIMARY KEY ("entity","seq")
);

-- The feed's numbering is kept by triggers, so every insert and delete counts, whichever code
-- path makes it. The functions take the entity's name as their argument: a new entity's table
-- needs only its three CREATE TRIGGER statements.
INSERT INTO "feed_state" ("entity", "live") SELECT 'customers', count(*) FROM "customers";
INSERT INTO "feed_state" ("entity", "live") SELECT 'orders', count(*) FROM "orders";

-- Inserts into one table take turns from before their first sequence value is drawn until they
-- commit. Sequence order is then commit order: a reader never sees a record appear before one
-- it has already seen, which a crawler would otherwise see twice.
CREATE FUNCTION "feed_take_turn"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM "feed_state" WHERE "entity" = TG_ARGV[0] FOR NO KEY UPDATE;
    RETURN NULL;
END $$;

CREATE FUNCTION "feed_count_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "feed_state" SET "live" = "live" + (SELECT count(*) FROM "inserted") WHERE "entity" = TG_ARGV[0];
    RETURN NULL;
END $$;

-- A deleted record leaves a hole: its slot stays in the numbering until the service purges it.
CREATE FUNCTION "feed_hold_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    held integer;
    now_ms bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
BEGIN
    INSERT INTO "feed_holes" ("entity", "seq", "deleted_at") SELECT TG_ARGV[0], "seq", now_ms FROM "deleted";
    GET DIAGNOSTICS held = ROW_COUNT;
    IF held > 0 THEN
        UPDATE "feed_state"
        SET "live" = "live" - held, "holes" = "holes" + held, "oldest_hole_at" = COALESCE("oldest_hole_at", now_ms)
        WHERE "entity" = TG_ARGV[0];
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER "customers_feed_turn" BEFORE INSERT ON "customers"
    FOR EACH STATEMENT EXECUTE FUNCTION "feed_take_turn"('customers');
CREATE TRIGGER "customers_feed_insert" AFTER INSERT ON "customers" REFERENCING NEW TABLE AS "inserted"
    FOR EACH STATEMENT EXECUTE FUNCTION "feed_count_inserted"('customers');
CREATE TRIGGER "customers_feed_delete" AFTER DELETE ON "customers" REFERENCING OLD TABLE AS "deleted"
    FOR EACH STATEMENT EXECUTE FUNCTION "feed_hold_deleted"('customers');

CREATE TRIGGER "orders_feed_turn" BEFORE INSERT ON "orders"
    FOR EACH STATEMENT EXECUTE FUNCTION "feed_take_turn"('orders');
CREATE TRIGGER "orders_feed_insert" AFTER INSERT ON "orders" REFERENCING NEW TABLE AS "inserted"
    FOR EACH STATEMENT EXECUTE FUNCTION "feed_count_inserted"('orders');
CREATE TRIGGER "orders_feed_delete" AFTER DELETE ON "orders" REFERENCING OLD TABLE AS "deleted"
    FOR EACH STATEMENT EXECUTE FUNCTION "feed_hold_deleted"('orders');
