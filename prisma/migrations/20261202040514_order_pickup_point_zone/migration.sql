-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "deliveryZoneId" UUID,
ADD COLUMN     "pickupPointId" UUID;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_pickupPointId_fkey" FOREIGN KEY ("pickupPointId") REFERENCES "PickupPoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_deliveryZoneId_fkey" FOREIGN KEY ("deliveryZoneId") REFERENCES "DeliveryZone"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written (prisma/checks.sql): the settings mutations validate these, the database holds them anyway.
ALTER TABLE "DeliverySlot" ADD CONSTRAINT "DeliverySlot_times_valid" CHECK ("weekday" BETWEEN 1 AND 7 AND "startMinutes" >= 0 AND "startMinutes" < "endMinutes" AND "endMinutes" <= 1440);
ALTER TABLE "DeliverySlot" ADD CONSTRAINT "DeliverySlot_capacity_nonnegative" CHECK ("capacity" >= 0);
ALTER TABLE "DeliveryZone" ADD CONSTRAINT "DeliveryZone_fee_nonnegative" CHECK ("feeMinor" >= 0);
ALTER TABLE "Shop" ADD CONSTRAINT "Shop_cardTextMaxLength_positive" CHECK ("cardTextMaxLength" > 0);
