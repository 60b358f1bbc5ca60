-- CreateTable
CREATE TABLE "trace_movement" (
    "movement_id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "movement" JSONB NOT NULL,
    "stored_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trace_movement_pkey" PRIMARY KEY ("movement_id")
);

-- CreateTable
CREATE TABLE "recall_case" (
    "recall_id" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "state" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "lots" JSONB NOT NULL,
    "impact" JSONB NOT NULL,
    "impact_ms" DOUBLE PRECISION NOT NULL,
    "open_allocations" JSONB NOT NULL,
    "opened_by" TEXT NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "locked_by" TEXT,
    "locked_at" TIMESTAMPTZ(3),
    "lock_result" JSONB,
    "closed_by" TEXT,
    "closed_at" TIMESTAMPTZ(3),
    "close_reason" TEXT,

    CONSTRAINT "recall_case_pkey" PRIMARY KEY ("recall_id")
);

-- CreateTable
CREATE TABLE "recall_recovery" (
    "id" BIGSERIAL NOT NULL,
    "recall_id" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "quantity" DECIMAL(38,6) NOT NULL,
    "unit" TEXT NOT NULL,
    "recovered_from" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "note" TEXT,

    CONSTRAINT "recall_recovery_pkey" PRIMARY KEY ("id")
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

-- CreateTable
CREATE TABLE "applied_message" (
    "message_id" TEXT NOT NULL,
    "applied_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "applied_message_pkey" PRIMARY KEY ("message_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "trace_movement_seq_key" ON "trace_movement"("seq");

-- CreateIndex
CREATE INDEX "trace_movement_item_batch_number_idx" ON "trace_movement"("item", "batch_number");

-- CreateIndex
CREATE INDEX "trace_movement_occurred_at_idx" ON "trace_movement"("occurred_at");

-- CreateIndex
CREATE INDEX "recall_recovery_recall_id_id_idx" ON "recall_recovery"("recall_id", "id");

-- CreateIndex
CREATE INDEX "outbox_message_published_at_id_idx" ON "outbox_message"("published_at", "id");
