-- AlterTable
ALTER TABLE "ledger_movement" ADD COLUMN     "transformation_id" TEXT,
ADD COLUMN     "transformation_role" TEXT;

-- CreateIndex
CREATE INDEX "ledger_movement_transformation_id_idx" ON "ledger_movement"("transformation_id");
