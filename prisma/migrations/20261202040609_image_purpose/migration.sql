-- CreateEnum
CREATE TYPE "ImagePurpose" AS ENUM ('PRODUCT_PHOTO', 'BOUQUET_PHOTO', 'DELIVERY_PROOF');

-- AlterTable: nothing uploaded files before this migration, but a row made by hand would stop it, so such a
-- row is given the purpose its key's visibility says (private keys are proofs of delivery).
ALTER TABLE "File" ADD COLUMN     "purpose" "ImagePurpose";
UPDATE "File" SET "purpose" = CASE WHEN "storageKey" LIKE 'private/%' THEN 'DELIVERY_PROOF'::"ImagePurpose" ELSE 'PRODUCT_PHOTO'::"ImagePurpose" END;
ALTER TABLE "File" ALTER COLUMN "purpose" SET NOT NULL;
