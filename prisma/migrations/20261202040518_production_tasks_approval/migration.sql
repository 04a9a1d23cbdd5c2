-- CreateEnum
CREATE TYPE "BouquetApprovalStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'BOUQUET_APPROVAL_REQUESTED';

-- AlterTable
ALTER TABLE "ProductionTask" ADD COLUMN     "approvalComment" TEXT,
ADD COLUMN     "approvalDecidedAt" TIMESTAMP(3),
ADD COLUMN     "approvalRequestedAt" TIMESTAMP(3),
ADD COLUMN     "approvalStatus" "BouquetApprovalStatus";
