-- AlterEnum
ALTER TYPE "OrderStatus" ADD VALUE 'PICKED_UP' BEFORE 'CANCELLED';

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "anonymousSender" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "idempotencyHash" TEXT,
ADD COLUMN     "idempotencyKey" TEXT,
ADD COLUMN     "paidAt" TIMESTAMP(3),
ADD COLUMN     "paymentMethod" TEXT,
ADD COLUMN     "paymentReference" TEXT,
ADD COLUMN     "refundReason" TEXT,
ADD COLUMN     "refundedAt" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "Order_shopId_idempotencyKey_key" ON "Order"("shopId", "idempotencyKey");
