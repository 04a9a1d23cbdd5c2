-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "termDays" INTEGER;

-- Subscriptions made before this column: their term is the length they run for now, as nothing kept the
-- original one (a renewal by a manager may have lengthened it).
UPDATE "Subscription"
SET "termDays" = GREATEST(1, ROUND(EXTRACT(EPOCH FROM ("validUntil" - "validFrom")) / 86400));

ALTER TABLE "Subscription" ALTER COLUMN "termDays" SET NOT NULL;
