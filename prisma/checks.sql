-- Rules of the database that schema.prisma cannot express (Prisma has no CHECK constraints). Each one was added
-- by hand to the migration named beside it; the drift test (test/drift.test.ts) applies this file to the
-- database it builds from schema.prisma, so migrations and schema still have to agree, constraints included.

-- 20261202014743_stock_reservations: never below zero, whatever a bug or a race does.
ALTER TABLE "StockItem" ADD CONSTRAINT "StockItem_onHand_nonnegative" CHECK ("onHand" >= 0);
ALTER TABLE "StockItem" ADD CONSTRAINT "StockItem_reserved_nonnegative" CHECK ("reserved" >= 0);
ALTER TABLE "StockBatch" ADD CONSTRAINT "StockBatch_quantityRemaining_nonnegative" CHECK ("quantityRemaining" >= 0);

-- 20261202040617_customer_records: one default address per customer, and dates that can be on a calendar.
CREATE UNIQUE INDEX "CustomerAddress_one_default" ON "CustomerAddress"("customerId") WHERE "isDefault";
ALTER TABLE "ImportantDate" ADD CONSTRAINT "ImportantDate_month_range" CHECK ("month" BETWEEN 1 AND 12);
ALTER TABLE "ImportantDate" ADD CONSTRAINT "ImportantDate_day_range" CHECK ("day" BETWEEN 1 AND 31);
ALTER TABLE "ImportantDate" ADD CONSTRAINT "ImportantDate_remindDaysBefore_range" CHECK ("remindDaysBefore" BETWEEN 0 AND 365);
-- 20261202040540_subscription_lifecycle: what the subscription order generator multiplies and adds must make sense.
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_quantity_positive" CHECK ("quantity" >= 1);
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_windowMinutes_positive" CHECK ("windowMinutes" >= 1);
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_priceMinor_nonnegative" CHECK ("priceMinor" >= 0);
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_validity_ordered" CHECK ("validFrom" < "validUntil");
-- 20261202040514_order_pickup_point_zone: checkout settings stay sane whatever writes them.
ALTER TABLE "DeliverySlot" ADD CONSTRAINT "DeliverySlot_times_valid" CHECK ("weekday" BETWEEN 1 AND 7 AND "startMinutes" >= 0 AND "startMinutes" < "endMinutes" AND "endMinutes" <= 1440);
ALTER TABLE "DeliverySlot" ADD CONSTRAINT "DeliverySlot_capacity_nonnegative" CHECK ("capacity" >= 0);
ALTER TABLE "DeliveryZone" ADD CONSTRAINT "DeliveryZone_fee_nonnegative" CHECK ("feeMinor" >= 0);
ALTER TABLE "Shop" ADD CONSTRAINT "Shop_cardTextMaxLength_positive" CHECK ("cardTextMaxLength" > 0);
-- 20261202183608_important_date_reminders: the reminder scan's lookup by the day of year its reminder is due
-- (server/src/features/customers/important-date.scan.ts); Prisma cannot declare an expression index.
CREATE INDEX "ImportantDate_reminder_day_idx" ON "ImportantDate"
  (((make_date(2000, "month", 1) + ("day" - 1)) - DATE '2000-01-01' - "remindDaysBefore"));
