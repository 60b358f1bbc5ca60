-- The inbound document table becomes the one every adapter shares (libs/persistence inbound-document-intake.ts):
-- the IDoc number is kept, renamed to the generic document number, and the document type is added.
-- DropIndex
DROP INDEX "inbound_document_sender_idoc_number_status_idx";

-- AlterTable
ALTER TABLE "inbound_document" RENAME COLUMN "idoc_number" TO "document_number";
ALTER TABLE "inbound_document" ADD COLUMN     "document_type" TEXT;
UPDATE "inbound_document" SET "document_type" = 'DESADV' WHERE "document_number" IS NOT NULL;

-- CreateIndex
CREATE INDEX "inbound_document_sender_document_type_document_number_statu_idx" ON "inbound_document"("sender", "document_type", "document_number", "status");
