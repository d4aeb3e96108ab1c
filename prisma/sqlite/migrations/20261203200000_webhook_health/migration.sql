-- CreateTable
CREATE TABLE "webhook_attempts" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "webhook_event_id" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "status" INTEGER,
    "duration_ms" INTEGER NOT NULL,
    "error" TEXT,
    "response_body" TEXT,
    CONSTRAINT "webhook_attempts_webhook_event_id_fkey" FOREIGN KEY ("webhook_event_id") REFERENCES "webhook_events" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "url" TEXT NOT NULL PRIMARY KEY,
    "failing_since" DATETIME,
    "paused_at" DATETIME,
    "pause_reason" TEXT
);

-- AlterTable (a constant default lets SQLite add the column in place)
ALTER TABLE "webhook_events" ADD COLUMN "operator_retry" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "webhook_attempts_webhook_event_id_id_idx" ON "webhook_attempts"("webhook_event_id", "id");

