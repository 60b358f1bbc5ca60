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
CREATE TABLE "erp_item" (
    "erp" TEXT NOT NULL,
    "erp_item" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "unit" TEXT,

    CONSTRAINT "erp_item_pkey" PRIMARY KEY ("erp","erp_item")
);

-- CreateTable
CREATE TABLE "pull_cursor" (
    "erp" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "document_type" TEXT NOT NULL,
    "modified_at" TEXT NOT NULL,
    "bill_number" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pull_cursor_pkey" PRIMARY KEY ("erp","account","document_type")
);

-- CreateTable
CREATE TABLE "outbound_status" (
    "id" BIGSERIAL NOT NULL,
    "erp" TEXT NOT NULL,
    "change_id" TEXT NOT NULL,
    "erp_item" TEXT NOT NULL,
    "batch_number" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "delivered_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbound_status_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "applied_message" (
    "message_id" TEXT NOT NULL,
    "applied_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

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
CREATE INDEX "erp_item_erp_item_idx" ON "erp_item"("erp", "item");

-- CreateIndex
CREATE INDEX "outbound_status_state_next_attempt_at_idx" ON "outbound_status"("state", "next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "outbound_status_erp_change_id_key" ON "outbound_status"("erp", "change_id");

-- CreateIndex
CREATE INDEX "outbox_message_published_at_id_idx" ON "outbox_message"("published_at", "id");
