-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "pauseReason" TEXT;
