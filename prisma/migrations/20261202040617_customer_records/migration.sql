-- CreateEnum
CREATE TYPE "ImportantDateKind" AS ENUM ('BIRTHDAY', 'ANNIVERSARY', 'OTHER');

-- DropIndex
DROP INDEX "Customer_shopId_phone_idx";

-- AlterTable
ALTER TABLE "ImportantDate" ADD COLUMN     "kind" "ImportantDateKind" NOT NULL DEFAULT 'OTHER';

-- CreateIndex
CREATE UNIQUE INDEX "Customer_shopId_phone_key" ON "Customer"("shopId", "phone");

-- Hand-written (prisma/checks.sql): one default address per customer, and dates that can be on a calendar.
CREATE UNIQUE INDEX "CustomerAddress_one_default" ON "CustomerAddress"("customerId") WHERE "isDefault";
ALTER TABLE "ImportantDate" ADD CONSTRAINT "ImportantDate_month_range" CHECK ("month" BETWEEN 1 AND 12);
ALTER TABLE "ImportantDate" ADD CONSTRAINT "ImportantDate_day_range" CHECK ("day" BETWEEN 1 AND 31);
ALTER TABLE "ImportantDate" ADD CONSTRAINT "ImportantDate_remindDaysBefore_range" CHECK ("remindDaysBefore" BETWEEN 0 AND 365);
