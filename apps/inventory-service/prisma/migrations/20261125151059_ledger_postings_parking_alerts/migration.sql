-- AlterTable
ALTER TABLE "stock_balance" ALTER COLUMN "updated_at" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "ledger_movement" ALTER COLUMN "occurred_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "applied_at" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "lot" ALTER COLUMN "recorded_at" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "applied_message" ALTER COLUMN "applied_at" SET DATA TYPE TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "ledger_posting" (
    "id" BIGSERIAL NOT NULL,
    "movement_id" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "location_key" TEXT NOT NULL,
    "location_kind" TEXT NOT NULL,
    "location_code" TEXT NOT NULL,
    "bin" TEXT,
    "delta" DECIMAL(38,6) NOT NULL,
    "unit" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ledger_posting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "parked_movement" (
    "movement_id" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "from_key" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "movement" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "parked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "parked_movement_pkey" PRIMARY KEY ("movement_id")
);

-- CreateTable
CREATE TABLE "warehouse_policy" (
    "plant" TEXT NOT NULL,
    "negative_stock" TEXT NOT NULL,

    CONSTRAINT "warehouse_policy_pkey" PRIMARY KEY ("plant")
);

-- CreateTable
CREATE TABLE "stock_alert" (
    "alert_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "item" TEXT,
    "batch_number" TEXT,
    "location_key" TEXT,
    "detail" TEXT NOT NULL,
    "open_key" TEXT,
    "raised_at" TIMESTAMPTZ(3) NOT NULL,
    "cleared_at" TIMESTAMPTZ(3),

    CONSTRAINT "stock_alert_pkey" PRIMARY KEY ("alert_id")
);

-- CreateTable
CREATE TABLE "outbox_message" (
    "id" BIGSERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "payload" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ledger_posting_occurred_at_idx" ON "ledger_posting"("occurred_at");

-- CreateIndex
CREATE INDEX "ledger_posting_item_batch_number_location_key_occurred_at_idx" ON "ledger_posting"("item", "batch_number", "location_key", "occurred_at");

-- CreateIndex
CREATE INDEX "parked_movement_item_batch_number_from_key_occurred_at_idx" ON "parked_movement"("item", "batch_number", "from_key", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "stock_alert_open_key_key" ON "stock_alert"("open_key");

-- CreateIndex
CREATE INDEX "outbox_message_published_at_id_idx" ON "outbox_message"("published_at", "id");

-- Backfill: the postings of movements applied before this migration (location keys are "kind:code#bin").
INSERT INTO "ledger_posting" ("movement_id", "item", "batch_number", "location_key", "location_kind", "location_code", "bin", "delta", "unit", "occurred_at")
SELECT m.movement_id, m.item, m.batch_number, p.key, p.kind,
       split_part(substr(p.key, length(p.kind) + 2), '#', 1),
       NULLIF(substr(substr(p.key, length(p.kind) + 2), length(split_part(substr(p.key, length(p.kind) + 2), '#', 1)) + 2), ''),
       p.delta, m.unit, m.occurred_at
FROM "ledger_movement" m
CROSS JOIN LATERAL (VALUES (m.from_key, split_part(m.from_key, ':', 1), -m.quantity), (m.to_key, split_part(m.to_key, ':', 1), m.quantity)) AS p(key, kind, delta);
