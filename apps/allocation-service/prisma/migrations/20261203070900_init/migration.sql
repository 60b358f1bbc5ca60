-- CreateTable
CREATE TABLE "lot_stock" (
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "location_key" TEXT NOT NULL,
    "location_kind" TEXT NOT NULL,
    "location_code" TEXT NOT NULL,
    "bin" TEXT,
    "on_hand" DECIMAL(38,6) NOT NULL,
    "reserved" DECIMAL(38,6) NOT NULL DEFAULT 0,
    "unit" TEXT NOT NULL,

    CONSTRAINT "lot_stock_pkey" PRIMARY KEY ("item","batch_number","location_key")
);

-- CreateTable
CREATE TABLE "lot" (
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3),
    "expiry_date" DATE,
    "expiry_recorded_at" TIMESTAMPTZ(3),
    "status" TEXT,
    "status_changed_at" TIMESTAMPTZ(3),

    CONSTRAINT "lot_pkey" PRIMARY KEY ("item","batch_number")
);

-- CreateTable
CREATE TABLE "order_line" (
    "order_line_id" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "warehouse" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "decision" JSONB,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelled_at" TIMESTAMPTZ(3),

    CONSTRAINT "order_line_pkey" PRIMARY KEY ("order_line_id")
);

-- CreateTable
CREATE TABLE "reservation" (
    "reservation_id" TEXT NOT NULL,
    "order_line_id" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "location_key" TEXT NOT NULL,
    "location" JSONB NOT NULL,
    "quantity" DECIMAL(38,6) NOT NULL,
    "unit" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "reason" TEXT,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reservation_pkey" PRIMARY KEY ("reservation_id")
);

-- CreateTable
CREATE TABLE "allocation_audit" (
    "id" BIGSERIAL NOT NULL,
    "order_line_id" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "location_key" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "quantity" DECIMAL(38,6),
    "detail" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "allocation_audit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_constraint" (
    "customer" TEXT NOT NULL,
    "min_remaining_shelf_life_days" INTEGER,
    "excluded_batch_numbers" TEXT[],
    "max_lots_per_line" INTEGER,

    CONSTRAINT "customer_constraint_pkey" PRIMARY KEY ("customer")
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
CREATE INDEX "lot_stock_item_location_code_idx" ON "lot_stock"("item", "location_code");

-- CreateIndex
CREATE INDEX "reservation_order_line_id_idx" ON "reservation"("order_line_id");

-- CreateIndex
CREATE INDEX "reservation_item_batch_number_state_idx" ON "reservation"("item", "batch_number", "state");

-- CreateIndex
CREATE INDEX "allocation_audit_order_line_id_id_idx" ON "allocation_audit"("order_line_id", "id");

-- CreateIndex
CREATE INDEX "allocation_audit_item_batch_number_id_idx" ON "allocation_audit"("item", "batch_number", "id");

-- CreateIndex
CREATE INDEX "outbox_message_published_at_id_idx" ON "outbox_message"("published_at", "id");
