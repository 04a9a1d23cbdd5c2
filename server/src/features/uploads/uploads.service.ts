import { createHash } from 'node:crypto';
import type { ImagePurpose } from '@posy/prisma';
import { type Context, requireShop } from '../../context.js';
import { badInput, notFound } from '../../errors.js';
import { type FileVisibility, fileKey } from '../../storage/file-storage.js';
import { IMAGE_LIMITS, processImage, tooLarge } from './image-processing.js';

/** What the multipart request spec hands a resolver for an `Upload` argument: a WHATWG File. */
export type UploadedFile = Pick<File, 'name' | 'type' | 'size' | 'arrayBuffer'>;

/** Proofs of delivery show a customer's door: never public. Catalog and bouquet photos are. */
export const visibilityOf = (purpose: ImagePurpose): FileVisibility =>
  purpose === 'DELIVERY_PROOF' ? 'private' : 'public';

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * Stores an uploaded photo for the active shop, the one way every feature takes one (catalog photos,
 * bouquet photos, proofs of delivery): checked by its bytes, re-encoded without metadata, thumbnails beside
 * it (see processImage), then a File row. The same bytes uploaded again in the same shop for the same
 * purpose answer the File already stored.
 *
 * Keys are per shop and purpose (a digest of shop, purpose and content), so no two shops ever share a key or
 * learn from one whether the other has an image. A refusal stores nothing, on disk or in the database.
 * @returns the File's id
 * @throws UnsupportedImage (uploads.errors.ts; a typed result) when the upload is no acceptable image
 */
export async function storeImage(ctx: Context, file: UploadedFile, purpose: ImagePurpose): Promise<string> {
  const shopId = requireShop(ctx);
  // Before reading: the request's own limit (src/http/body-limits.ts) keeps it near this size anyway.
  if (file.size > IMAGE_LIMITS.maxBytes) throw tooLarge();
  const image = await processImage({
    bytes: new Uint8Array(await file.arrayBuffer()),
    name: file.name ?? '',
    declaredType: file.type ?? '',
  });
  const contentSha256 = sha256(image.bytes);
  const keyDigest = sha256(`${shopId}:${purpose}:${contentSha256}`);
  const visibility = visibilityOf(purpose);
  const storageKey = fileKey(visibility, keyDigest, image.ext);
  ctx.audit.changes = {
    purpose,
    name: file.name,
    contentType: image.contentType,
    byteSize: image.bytes.byteLength,
    width: image.width,
    height: image.height,
    sha256: contentSha256,
  };

  const stored = await ctx.prisma.file.findUnique({ where: { storageKey }, select: { id: true } });
  if (stored) {
    ctx.audit.target = { type: 'File', id: stored.id };
    return stored.id;
  }
  const writes = [
    { key: storageKey, bytes: image.bytes },
    ...image.thumbnails.map((t) => ({
      key: fileKey(visibility, keyDigest, 'webp', t.width),
      bytes: t.bytes,
    })),
  ];
  // Bytes first, then the row: a row never points at missing bytes. If the row cannot be written, the
  // bytes go too (unless a concurrent upload of the same image wrote the row, and owns them).
  await Promise.all(writes.map((w) => ctx.files.put(w.key, w.bytes)));
  try {
    const row = await ctx.prisma.file.create({
      data: {
        shopId,
        uploadedById: ctx.viewer.kind === 'user' ? ctx.viewer.userId : null,
        purpose,
        storageKey,
        contentType: image.contentType,
        byteSize: image.bytes.byteLength,
        sha256: contentSha256,
        width: image.width,
        height: image.height,
      },
      select: { id: true },
    });
    ctx.audit.target = { type: 'File', id: row.id };
    return row.id;
  } catch (error) {
    if ((error as { code?: string }).code !== 'P2002') {
      await Promise.all(writes.map((w) => ctx.files.delete(w.key))).catch(() => undefined);
    }
    throw error;
  }
}

/**
 * An image of the active shop that may be attached where only `purposes` fit (a catalog photo takes
 * PRODUCT_PHOTO or BOUQUET_PHOTO; a proof of delivery only DELIVERY_PROOF). Production and delivery call
 * this with the image id a client got from `uploadImage`.
 * @throws NOT_FOUND for an unknown id or another shop's image (alike, so ids of other shops reveal nothing);
 *   BAD_USER_INPUT when the image was uploaded for another purpose
 */
export async function attachableImage(
  ctx: Context,
  fileId: string,
  purposes: readonly ImagePurpose[],
  field = 'imageId',
): Promise<string> {
  const file = await ctx.prisma.file.findFirst({
    where: { id: fileId, shopId: requireShop(ctx) },
    select: { id: true, purpose: true },
  });
  if (!file) throw notFound('An image with this id');
  if (!purposes.includes(file.purpose)) {
    throw badInput(
      `This image was uploaded as ${file.purpose} and cannot be used here (takes ${purposes.join(' or ')})`,
      field,
    );
  }
  return file.id;
}
