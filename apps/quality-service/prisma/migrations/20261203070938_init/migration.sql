-- CreateTable
CREATE TABLE "quality_lot" (
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "disposition" TEXT,
    "holds" INTEGER NOT NULL DEFAULT 0,
    "recalls" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT,
    "expiry_date" DATE,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "quality_lot_pkey" PRIMARY KEY ("item","batch_number")
);

-- CreateTable
CREATE TABLE "status_change" (
    "change_id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "previous_status" TEXT,
    "disposition" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "changed_by" TEXT NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,
    "hold_id" TEXT,
    "inspection_id" TEXT,

    CONSTRAINT "status_change_pkey" PRIMARY KEY ("change_id")
);

-- CreateTable
CREATE TABLE "hold" (
    "hold_id" TEXT NOT NULL,
    "group_id" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "placed_by" TEXT NOT NULL,
    "placed_at" TIMESTAMPTZ(3) NOT NULL,
    "recall_case_id" TEXT,
    "released_at" TIMESTAMPTZ(3),
    "released_by" TEXT,
    "release_reason" TEXT,

    CONSTRAINT "hold_pkey" PRIMARY KEY ("hold_id")
);

-- CreateTable
CREATE TABLE "inspection_plan" (
    "item" TEXT NOT NULL,
    "required" BOOLEAN NOT NULL,
    "characteristics" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inspection_plan_pkey" PRIMARY KEY ("item")
);

-- CreateTable
CREATE TABLE "inspection" (
    "inspection_id" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "movement_id" TEXT,
    "characteristics" JSONB NOT NULL,
    "certificate_of_analysis" JSONB,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "decision" TEXT,
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "decision_reason" TEXT,

    CONSTRAINT "inspection_pkey" PRIMARY KEY ("inspection_id")
);

-- CreateTable
CREATE TABLE "inspection_result" (
    "id" BIGSERIAL NOT NULL,
    "inspection_id" TEXT NOT NULL,
    "characteristic" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "unit" TEXT,
    "conforms" BOOLEAN NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "inspection_result_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "quality_lot_expiry_date_idx" ON "quality_lot"("expiry_date");

-- CreateIndex
CREATE INDEX "status_change_item_batch_number_seq_idx" ON "status_change"("item", "batch_number", "seq");

-- CreateIndex
CREATE INDEX "hold_group_id_idx" ON "hold"("group_id");

-- CreateIndex
CREATE INDEX "hold_item_batch_number_idx" ON "hold"("item", "batch_number");

-- CreateIndex
CREATE UNIQUE INDEX "inspection_movement_id_key" ON "inspection"("movement_id");

-- CreateIndex
CREATE INDEX "inspection_item_batch_number_idx" ON "inspection"("item", "batch_number");

-- CreateIndex
CREATE INDEX "inspection_result_inspection_id_id_idx" ON "inspection_result"("inspection_id", "id");

-- CreateIndex
CREATE INDEX "outbox_message_published_at_id_idx" ON "outbox_message"("published_at", "id");
