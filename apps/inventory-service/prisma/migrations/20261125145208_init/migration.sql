-- CreateTable
CREATE TABLE "stock_balance" (
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "location_key" TEXT NOT NULL,
    "location_kind" TEXT NOT NULL,
    "location_code" TEXT NOT NULL,
    "bin" TEXT,
    "on_hand" DECIMAL(38,6) NOT NULL,
    "unit" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "stock_balance_pkey" PRIMARY KEY ("item","batch_number","location_key")
);

-- CreateTable
CREATE TABLE "ledger_movement" (
    "movement_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "quantity" DECIMAL(38,6) NOT NULL,
    "unit" TEXT NOT NULL,
    "from_key" TEXT NOT NULL,
    "to_key" TEXT NOT NULL,
    "occurred_at" TIMESTAMP(3) NOT NULL,
    "source_system" TEXT NOT NULL,
    "source_document" TEXT NOT NULL,
    "source_line" TEXT NOT NULL,
    "applied_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_movement_pkey" PRIMARY KEY ("movement_id")
);

-- CreateTable
CREATE TABLE "lot" (
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "production_date" DATE,
    "expiry_date" DATE,
    "supplier" TEXT,
    "supplier_batch_number" TEXT,
    "recorded_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "lot_pkey" PRIMARY KEY ("item","batch_number")
);

-- CreateTable
CREATE TABLE "applied_message" (
    "message_id" TEXT NOT NULL,
    "applied_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "applied_message_pkey" PRIMARY KEY ("message_id")
);

-- CreateIndex
CREATE INDEX "stock_balance_location_key_idx" ON "stock_balance"("location_key");

-- CreateIndex
CREATE INDEX "ledger_movement_item_batch_number_occurred_at_idx" ON "ledger_movement"("item", "batch_number", "occurred_at");
