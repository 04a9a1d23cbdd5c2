-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "orderId" UUID;

-- CreateIndex
CREATE INDEX "Notification_orderId_createdAt_idx" ON "Notification"("orderId", "createdAt");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Notifications queued before this column existed name their order in the payload.
UPDATE "Notification" AS n SET "orderId" = o."id"
FROM "Order" AS o
WHERE n."payload" ->> 'orderId' = o."id"::text AND n."orderId" IS NULL;
