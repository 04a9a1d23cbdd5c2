-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "endingNoticeFor" TIMESTAMP(3),
ADD COLUMN     "quantity" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "windowMinutes" INTEGER NOT NULL DEFAULT 120;

-- CreateIndex
CREATE INDEX "Subscription_status_nextDeliveryAt_idx" ON "Subscription"("status", "nextDeliveryAt");

-- Hand-written (also in prisma/checks.sql): what the generator multiplies and adds must make sense.
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_quantity_positive" CHECK ("quantity" >= 1);
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_windowMinutes_positive" CHECK ("windowMinutes" >= 1);
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_priceMinor_nonnegative" CHECK ("priceMinor" >= 0);
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_validity_ordered" CHECK ("validFrom" < "validUntil");
