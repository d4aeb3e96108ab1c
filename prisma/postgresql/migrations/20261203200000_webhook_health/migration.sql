-- AlterTable
ALTER TABLE "webhook_events" ADD COLUMN     "operator_retry" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "webhook_attempts" (
    "id" SERIAL NOT NULL,
    "webhook_event_id" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "status" INTEGER,
    "duration_ms" INTEGER NOT NULL,
    "error" TEXT,
    "response_body" TEXT,

    CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "url" TEXT NOT NULL,
    "failing_since" TIMESTAMP(3),
    "paused_at" TIMESTAMP(3),
    "pause_reason" TEXT,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("url")
);

-- CreateIndex
CREATE INDEX "webhook_attempts_webhook_event_id_id_idx" ON "webhook_attempts"("webhook_event_id", "id");

-- AddForeignKey
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_webhook_event_id_fkey" FOREIGN KEY ("webhook_event_id") REFERENCES "webhook_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

