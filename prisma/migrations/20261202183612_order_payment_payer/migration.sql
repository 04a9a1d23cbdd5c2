-- AlterTable
ALTER TABLE "OrderPayment" ADD COLUMN     "payerTelegramId" BIGINT;

-- Payments recorded before this column kept the payer only in their audit entry.
UPDATE "OrderPayment" AS p
SET "payerTelegramId" = (a."changes"->>'telegramUserId')::bigint
FROM "AuditLog" AS a
WHERE a."action" = 'recordTelegramPayment'
  AND a."changes"->>'telegramChargeId' = p."telegramChargeId"
  AND a."changes"->>'telegramUserId' ~ '^[0-9]+$';
