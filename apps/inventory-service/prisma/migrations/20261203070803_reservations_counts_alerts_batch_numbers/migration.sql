-- CreateTable
CREATE TABLE "stock_reservation" (
    "reservation_id" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "order_line_id" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "location_key" TEXT NOT NULL,
    "location_kind" TEXT NOT NULL,
    "location_code" TEXT NOT NULL,
    "bin" TEXT,
    "quantity" DECIMAL(38,6) NOT NULL,
    "held" DECIMAL(38,6) NOT NULL,
    "unit" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "reason" TEXT,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "stock_reservation_pkey" PRIMARY KEY ("reservation_id")
);

-- CreateTable
CREATE TABLE "reservation_version" (
    "reservation_id" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "location_key" TEXT NOT NULL,
    "held" DECIMAL(38,6) NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reservation_version_pkey" PRIMARY KEY ("reservation_id","version")
);

-- CreateTable
CREATE TABLE "batch_number_rule" (
    "item" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,

    CONSTRAINT "batch_number_rule_pkey" PRIMARY KEY ("item")
);

-- CreateTable
CREATE TABLE "batch_number_sequence" (
    "scope" TEXT NOT NULL,
    "last_value" BIGINT NOT NULL,

    CONSTRAINT "batch_number_sequence_pkey" PRIMARY KEY ("scope")
);

-- CreateTable
CREATE TABLE "issued_batch_number" (
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "sequence" BIGINT NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "issued_batch_number_pkey" PRIMARY KEY ("item","batch_number")
);

-- CreateTable
CREATE TABLE "lot_transformation" (
    "transformation_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "response" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lot_transformation_pkey" PRIMARY KEY ("transformation_id")
);

-- CreateTable
CREATE TABLE "stock_count" (
    "count_id" TEXT NOT NULL,
    "location_key" TEXT NOT NULL,
    "counted_at" TIMESTAMPTZ(3) NOT NULL,
    "counted_by" TEXT NOT NULL,
    "document" JSONB NOT NULL,
    "result" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_count_pkey" PRIMARY KEY ("count_id")
);

-- CreateTable
CREATE TABLE "item_alert_setting" (
    "item" TEXT NOT NULL,
    "near_expiry_days" INTEGER NOT NULL,
    "slow_moving_days" INTEGER NOT NULL,

    CONSTRAINT "item_alert_setting_pkey" PRIMARY KEY ("item")
);

-- CreateTable
CREATE TABLE "safety_stock" (
    "item" TEXT NOT NULL,
    "plant" TEXT NOT NULL,
    "quantity" DECIMAL(38,6) NOT NULL,
    "unit" TEXT NOT NULL,

    CONSTRAINT "safety_stock_pkey" PRIMARY KEY ("item","plant")
);

-- CreateIndex
CREATE INDEX "stock_reservation_item_batch_number_location_key_idx" ON "stock_reservation"("item", "batch_number", "location_key");

-- CreateIndex
CREATE INDEX "reservation_version_item_batch_number_location_key_changed__idx" ON "reservation_version"("item", "batch_number", "location_key", "changed_at");

-- CreateIndex
CREATE INDEX "stock_count_location_key_counted_at_idx" ON "stock_count"("location_key", "counted_at");
