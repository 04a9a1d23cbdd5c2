-- CreateEnum
CREATE TYPE "CourierAssignment" AS ENUM ('MANAGER_ASSIGNS', 'COURIERS_TAKE_FROM_POOL');

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'HANDOVER_CODE';

-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "courierAssignment" "CourierAssignment" NOT NULL DEFAULT 'MANAGER_ASSIGNS';

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "approvedWithoutCodeAt" TIMESTAMP(3),
ADD COLUMN     "assignmentCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "enRouteAt" TIMESTAMP(3),
ADD COLUMN     "failedAt" TIMESTAMP(3),
ADD COLUMN     "handoverAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "handoverCodeHash" TEXT,
ADD COLUMN     "handoverLockedAt" TIMESTAMP(3);
