-- CreateTable
CREATE TABLE "crawls" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entity" TEXT NOT NULL,
    "token_index" INTEGER NOT NULL,
    "per_page" INTEGER NOT NULL,
    "started_at" DATETIME NOT NULL,
    "last_seen_at" DATETIME NOT NULL,
    "saw_first_page" BOOLEAN NOT NULL DEFAULT false,
    "pages_served" INTEGER NOT NULL DEFAULT 0,
    "highest_page" INTEGER NOT NULL DEFAULT 0,
    "last_page" INTEGER NOT NULL DEFAULT 0,
    "finished_at" DATETIME,
    "refused_401" INTEGER NOT NULL DEFAULT 0,
    "refused_422" INTEGER NOT NULL DEFAULT 0,
    "refused_429" INTEGER NOT NULL DEFAULT 0,
    "refused_503" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "activity_hours" (
    "entity" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "feed_pages" INTEGER NOT NULL DEFAULT 0,
    "feed_refused" INTEGER NOT NULL DEFAULT 0,
    "docs_accepted" INTEGER NOT NULL DEFAULT 0,
    "docs_rejected" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("entity", "hour")
);

-- CreateIndex
CREATE INDEX "crawls_entity_token_index_per_page_id_idx" ON "crawls"("entity", "token_index", "per_page", "id");

-- CreateIndex
CREATE INDEX "crawls_entity_last_seen_at_idx" ON "crawls"("entity", "last_seen_at");

-- CreateIndex
CREATE INDEX "activity_hours_hour_idx" ON "activity_hours"("hour");

