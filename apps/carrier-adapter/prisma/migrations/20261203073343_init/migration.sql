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
CREATE TABLE "shipment_line" (
    "goods_issue_movement_id" TEXT NOT NULL,
    "delivery_number" TEXT NOT NULL,
    "ship_to" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "quantity" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "sscc" TEXT,
    "expiry_date" TEXT,
    "production_date" TEXT,
    "issued_at" TEXT NOT NULL,
    "delivered_movement_id" TEXT,

    CONSTRAINT "shipment_line_pkey" PRIMARY KEY ("goods_issue_movement_id")
);

-- CreateTable
CREATE TABLE "shipment_delivered" (
    "delivery_number" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "delivered_at" TEXT NOT NULL,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "shipment_delivered_pkey" PRIMARY KEY ("delivery_number")
);

-- CreateTable
CREATE TABLE "shipment_key_link" (
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "delivery_number" TEXT NOT NULL,

    CONSTRAINT "shipment_key_link_pkey" PRIMARY KEY ("kind","value","delivery_number")
);

-- CreateTable
CREATE TABLE "parked_delivery" (
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "occurred_at" TEXT NOT NULL,
    "parked_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "parked_delivery_pkey" PRIMARY KEY ("kind","value","event_id")
);

-- CreateTable
CREATE TABLE "tracking_event" (
    "event_id" TEXT NOT NULL,
    "document_id" BIGINT NOT NULL,
    "format" TEXT NOT NULL,
    "carrier" TEXT,
    "status" TEXT NOT NULL,
    "carrier_status" TEXT NOT NULL,
    "occurred_at" TEXT NOT NULL,
    "keys" JSONB NOT NULL,
    "location" TEXT,
    "message" TEXT,
    "delivery_numbers" TEXT[],
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tracking_event_pkey" PRIMARY KEY ("event_id")
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

-- CreateTable
CREATE TABLE "applied_message" (
    "message_id" TEXT NOT NULL,
    "applied_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "applied_message_pkey" PRIMARY KEY ("message_id")
);

-- CreateIndex
CREATE INDEX "inbound_document_sender_document_type_document_number_statu_idx" ON "inbound_document"("sender", "document_type", "document_number", "status");

-- CreateIndex
CREATE INDEX "inbound_document_sha256_idx" ON "inbound_document"("sha256");

-- CreateIndex
CREATE INDEX "shipment_line_delivery_number_idx" ON "shipment_line"("delivery_number");

-- CreateIndex
CREATE INDEX "shipment_line_item_batch_number_idx" ON "shipment_line"("item", "batch_number");

-- CreateIndex
CREATE INDEX "shipment_key_link_delivery_number_idx" ON "shipment_key_link"("delivery_number");

-- CreateIndex
CREATE INDEX "tracking_event_delivery_numbers_idx" ON "tracking_event" USING GIN ("delivery_numbers");

-- CreateIndex
CREATE INDEX "outbox_message_published_at_id_idx" ON "outbox_message"("published_at", "id");
