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
CREATE TABLE "gtin_item" (
    "gtin" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gtin_item_pkey" PRIMARY KEY ("gtin")
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
CREATE INDEX "outbox_message_published_at_id_idx" ON "outbox_message"("published_at", "id");
