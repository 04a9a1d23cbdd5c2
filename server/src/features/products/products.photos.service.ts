import type { ImagePurpose } from '@posy/prisma';
import { type Context, requireShop } from '../../context.js';
import { badInput, notFound } from '../../errors.js';
import { attachableImage, storeImage, type UploadedFile } from '../uploads/uploads.service.js';
import { announceProductChange, editableProduct } from './products.service.js';

/** Photos one product may have: a gallery, not an archive. */
export const MAX_PRODUCT_PHOTOS = 12;

/** What may become a catalog photo: a catalog upload, or a florist's photo of a bouquet they made. */
const CATALOG_PURPOSES: readonly ImagePurpose[] = ['PRODUCT_PHOTO', 'BOUQUET_PHOTO'];

/**
 * Adds a photo at the end of a product's gallery: an image uploaded before (`imageId`, from `uploadImage`) or
 * a file uploaded with this request (stored as a PRODUCT_PHOTO). An image already in the gallery stays
 * where it is, so a retried request adds it once.
 * @throws NOT_FOUND for a product or image of another shop; BAD_USER_INPUT for neither or both of
 *   imageId and file, a full gallery, or an image of another purpose; UnsupportedImage for a bad file
 */
export async function addProductPhoto(
  ctx: Context,
  productId: string,
  image: { imageId?: string | null; file?: UploadedFile | null },
) {
  if (!image.imageId === !image.file) throw badInput('Give either imageId or file, not both', 'imageId');
  // The product first: a request that cannot succeed stores no file.
  await editableProduct(ctx, productId);
  const photos = await ctx.prisma.productPhoto.findMany({
    where: { productId },
    select: { fileId: true, position: true },
  });
  const full = photos.length >= MAX_PRODUCT_PHOTOS;
  const refuseFull = () =>
    badInput(`A product has at most ${MAX_PRODUCT_PHOTOS} photos; remove one first`, 'productId');
  // A file is checked against a full gallery before it is stored: bytes written in a transaction that then
  // rolls back would stay on disk, unreferenced.
  if (image.file && full) throw refuseFull();
  const fileId = image.imageId
    ? await attachableImage(ctx, image.imageId, CATALOG_PURPOSES)
    : await storeImage(ctx, image.file as UploadedFile, 'PRODUCT_PHOTO');
  ctx.audit.target = { type: 'Product', id: productId };
  ctx.audit.changes = { ...ctx.audit.changes, imageId: fileId };
  if (photos.some((p) => p.fileId === fileId)) return productId;
  if (full) throw refuseFull();
  const position = Math.max(-1, ...photos.map((p) => p.position)) + 1;
  await ctx.prisma.productPhoto.create({ data: { productId, fileId, position }, select: { id: true } });
  announceProductChange(ctx, productId);
  return productId;
}

/**
 * Takes a photo out of its product's gallery. The image itself stays (other products or records may show it).
 * @returns the product's id
 * @throws NOT_FOUND for a photo of another shop's or an archived product
 */
export async function removeProductPhoto(ctx: Context, photoId: string) {
  const photo = await ctx.prisma.productPhoto.findFirst({
    where: { id: photoId, product: { shopId: requireShop(ctx), archivedAt: null } },
    select: { id: true, productId: true, fileId: true },
  });
  if (!photo) throw notFound('A product photo with this id');
  await ctx.prisma.productPhoto.delete({ where: { id: photo.id }, select: { id: true } });
  ctx.audit.target = { type: 'Product', id: photo.productId };
  ctx.audit.changes = { photoId: photo.id, imageId: photo.fileId };
  announceProductChange(ctx, photo.productId);
  return photo.productId;
}

/**
 * Puts a product's photos in the given order; the first is the one lists show.
 * @throws BAD_USER_INPUT unless `photoIds` names each of the product's photos exactly once
 */
export async function reorderProductPhotos(ctx: Context, productId: string, photoIds: string[]) {
  await editableProduct(ctx, productId);
  const photos = await ctx.prisma.productPhoto.findMany({ where: { productId }, select: { id: true } });
  const current = new Set(photos.map((p) => p.id));
  if (
    new Set(photoIds).size !== photoIds.length ||
    photoIds.length !== current.size ||
    !photoIds.every((id) => current.has(id))
  ) {
    throw badInput('Name each of the product’s photos exactly once', 'productPhotoIds');
  }
  for (const [position, id] of photoIds.entries()) {
    await ctx.prisma.productPhoto.update({ where: { id }, data: { position }, select: { id: true } });
  }
  ctx.audit.target = { type: 'Product', id: productId };
  ctx.audit.changes = { productPhotoIds: photoIds };
  announceProductChange(ctx, productId);
  return productId;
}
