-- AlterTable
ALTER TABLE "StockItem" ADD COLUMN     "reserved" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "StockReservation" (
    "id" UUID NOT NULL,
    "orderId" UUID NOT NULL,
    "stockItemId" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "consumedAt" TIMESTAMP(3),
    "releasedAt" TIMESTAMP(3),

    CONSTRAINT "StockReservation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StockReservation_stockItemId_idx" ON "StockReservation"("stockItemId");

-- CreateIndex
CREATE UNIQUE INDEX "StockReservation_orderId_stockItemId_key" ON "StockReservation"("orderId", "stockItemId");

-- AddForeignKey
ALTER TABLE "StockReservation" ADD CONSTRAINT "StockReservation_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockReservation" ADD CONSTRAINT "StockReservation_stockItemId_fkey" FOREIGN KEY ("stockItemId") REFERENCES "StockItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Never below zero, whatever a bug or a race does: the service's row locks keep these true, the database refuses otherwise.
ALTER TABLE "StockItem" ADD CONSTRAINT "StockItem_onHand_nonnegative" CHECK ("onHand" >= 0);
ALTER TABLE "StockItem" ADD CONSTRAINT "StockItem_reserved_nonnegative" CHECK ("reserved" >= 0);
ALTER TABLE "StockBatch" ADD CONSTRAINT "StockBatch_quantityRemaining_nonnegative" CHECK ("quantityRemaining" >= 0);
