-- CreateTable
CREATE TABLE "product_master_data" (
    "item" TEXT NOT NULL,
    "gtin" TEXT,
    "description" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "product_master_data_pkey" PRIMARY KEY ("item")
);
