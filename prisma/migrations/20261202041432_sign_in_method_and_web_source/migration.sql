-- CreateEnum
CREATE TYPE "SignInMethod" AS ENUM ('TELEGRAM', 'PASSWORD', 'LOGIN_CODE');

-- AlterEnum
ALTER TYPE "OrderSource" ADD VALUE 'WEB';

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "signInMethod" "SignInMethod";
