-- CreateTable
CREATE TABLE "inbound_document" (
    "id" BIGSERIAL NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "content_type" TEXT,
    "sha256" TEXT NOT NULL,
    "body" BYTEA NOT NULL,
    "document_type" TEXT,
    "document_number" TEXT,
    "sender" TEXT,
    "status" TEXT NOT NULL,
    "error_code" TEXT,
    "error_message" TEXT,
    "movement_count" INTEGER,
    "duplicate_of" BIGINT,
    "processed_at" TIMESTAMP(3),

    CONSTRAINT "inbound_document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "asn" (
    "id" BIGSERIAL NOT NULL,
    "document_id" BIGINT NOT NULL,
    "asn_id" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "supplier" TEXT NOT NULL,
    "buyer" TEXT,
    "ship_to" TEXT,
    "issued" TEXT,
    "status" TEXT NOT NULL,
    "accepted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "close_after" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "closed_by" TEXT,
    "warnings" TEXT[],

    CONSTRAINT "asn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "asn_line" (
    "asn_key" BIGINT NOT NULL,
    "line_number" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "gtin" TEXT,
    "supplier_part_number" TEXT,
    "batch_number" TEXT NOT NULL,
    "expiry_date" TEXT,
    "production_date" TEXT,
    "quantity" DECIMAL(38,6) NOT NULL,
    "unit" TEXT NOT NULL,
    "sscc" TEXT,
    "purchase_order" TEXT,
    "received" DECIMAL(38,6) NOT NULL DEFAULT 0,

    CONSTRAINT "asn_line_pkey" PRIMARY KEY ("asn_key","line_number")
);

-- CreateTable
CREATE TABLE "asn_receipt" (
    "movement_id" TEXT NOT NULL,
    "asn_key" BIGINT NOT NULL,
    "line_number" TEXT,
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "quantity" DECIMAL(38,6) NOT NULL,
    "unit" TEXT NOT NULL,
    "sscc" TEXT,
    "outcome" TEXT NOT NULL,
    "matched_by" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "asn_receipt_pkey" PRIMARY KEY ("movement_id")
);

-- CreateTable
CREATE TABLE "asn_discrepancy" (
    "id" BIGSERIAL NOT NULL,
    "asn_key" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "line_number" TEXT,
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "expected" DECIMAL(38,6),
    "received" DECIMAL(38,6) NOT NULL,
    "unit" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "alert_id" TEXT NOT NULL,
    "open_key" TEXT NOT NULL,
    "raised_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "asn_discrepancy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "applied_message" (
    "message_id" TEXT NOT NULL,
    "applied_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "applied_message_pkey" PRIMARY KEY ("message_id")
);

-- CreateTable
CREATE TABLE "outbox_message" (
    "id" BIGSERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "payload" BYTEA NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMP(3),

    CONSTRAINT "outbox_message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "inbound_document_sender_document_type_document_number_statu_idx" ON "inbound_document"("sender", "document_type", "document_number", "status");

-- CreateIndex
CREATE INDEX "inbound_document_sha256_idx" ON "inbound_document"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "asn_document_id_key" ON "asn"("document_id");

-- CreateIndex
CREATE INDEX "asn_status_id_idx" ON "asn"("status", "id");

-- CreateIndex
CREATE INDEX "asn_asn_id_idx" ON "asn"("asn_id");

-- CreateIndex
CREATE INDEX "asn_line_item_batch_number_idx" ON "asn_line"("item", "batch_number");

-- CreateIndex
CREATE INDEX "asn_line_sscc_idx" ON "asn_line"("sscc");

-- CreateIndex
CREATE INDEX "asn_receipt_asn_key_idx" ON "asn_receipt"("asn_key");

-- CreateIndex
CREATE UNIQUE INDEX "asn_discrepancy_open_key_key" ON "asn_discrepancy"("open_key");

-- CreateIndex
CREATE INDEX "asn_discrepancy_asn_key_idx" ON "asn_discrepancy"("asn_key");

-- CreateIndex
CREATE INDEX "outbox_message_published_at_id_idx" ON "outbox_message"("published_at", "id");
