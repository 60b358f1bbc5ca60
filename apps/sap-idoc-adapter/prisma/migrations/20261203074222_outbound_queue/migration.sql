-- CreateTable
CREATE TABLE "sap_outbound_message" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "dedup_key" TEXT NOT NULL,
    "ordering_key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "body" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMP(3),

    CONSTRAINT "sap_outbound_message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sap_outbound_message_dedup_key_key" ON "sap_outbound_message"("dedup_key");

-- CreateIndex
CREATE INDEX "sap_outbound_message_status_next_attempt_at_idx" ON "sap_outbound_message"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "sap_outbound_message_ordering_key_id_idx" ON "sap_outbound_message"("ordering_key", "id");
