-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "installationId" TEXT;

-- CreateIndex
CREATE INDEX "Session_userId_installationId_idx" ON "Session"("userId", "installationId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "Session_revokedAt_idx" ON "Session"("revokedAt");
