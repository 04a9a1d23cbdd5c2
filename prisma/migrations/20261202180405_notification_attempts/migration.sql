-- CreateEnum
CREATE TYPE "NotificationAttemptOutcome" AS ENUM ('SENT', 'RETRY', 'FAILED', 'SKIPPED', 'INTERRUPTED');

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "claimedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "NotificationAttempt" (
    "id" UUID NOT NULL,
    "notificationId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "outcome" "NotificationAttemptOutcome",
    "errorCode" INTEGER,
    "description" TEXT,
    "retryAfterSeconds" INTEGER,

    CONSTRAINT "NotificationAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "NotificationAttempt_notificationId_number_key" ON "NotificationAttempt"("notificationId", "number");

-- CreateIndex
CREATE INDEX "Notification_status_claimedAt_idx" ON "Notification"("status", "claimedAt");

-- AddForeignKey
ALTER TABLE "NotificationAttempt" ADD CONSTRAINT "NotificationAttempt_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "Notification"("id") ON DELETE CASCADE ON UPDATE CASCADE;
