import { ImagePurpose } from '@posy/prisma';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { parseFileKey, thumbnailKey } from '../../storage/file-storage.js';
import { visibleImages } from '../common/access.js';
import { DomainErrorRef } from '../common/domain-error.schema.js';
import { editsCatalog } from '../products/categories.schema.js';
import { THUMBNAIL_WIDTHS } from './image-processing.js';
import { UNSUPPORTED_IMAGE_REASONS, UnsupportedImage } from './uploads.errors.js';
import { storeImage } from './uploads.service.js';

export const ImagePurposeEnum = builder.enumType(ImagePurpose, { name: 'ImagePurpose' });

/**
 * Who may upload an image for each purpose: catalog photos those who edit the catalog, bouquet photos also
 * florists (they photograph what they made), proofs of delivery also couriers. Customers none.
 */
export const imageUploaders = {
  PRODUCT_PHOTO: editsCatalog,
  BOUQUET_PHOTO: { shopRole: ['ADMIN', 'MANAGER', 'FLORIST'] },
  DELIVERY_PROOF: { shopRole: ['ADMIN', 'MANAGER', 'COURIER'] },
} as const satisfies Record<ImagePurpose, object>;

/** Where a public key is served (GET /files/<key>); private files have no URL until signed URLs exist. */
function publicUrl(ctx: Context, key: string | null) {
  return key && parseFileKey(key)?.visibility === 'public' ? `${ctx.appUrl}/files/${key}` : null;
}

const ImageThumbnailRef = builder.objectRef<{ width: number; url: string }>('ImageThumbnail').implement({
  description: 'A WebP copy of an image, this wide (never wider than the image itself).',
  fields: (t) => ({ width: t.exposeInt('width'), url: t.exposeString('url') }),
});

export const ImageRef = builder.prismaNode('File', {
  select: { id: true },
  name: 'Image',
  description: 'An uploaded photo: re-encoded without its metadata, with thumbnails beside it.',
  id: { field: 'id' },
  findUnique: (id, ctx) => ({ id, AND: [visibleImages(ctx)] }),
  nullable: true,
  fields: (t) => ({
    purpose: t.expose('purpose', { type: ImagePurposeEnum }),
    contentType: t.exposeString('contentType', {
      description: 'Sniffed from the bytes, never taken from the client.',
    }),
    byteSize: t.exposeInt('byteSize'),
    width: t.exposeInt('width', { nullable: true }),
    height: t.exposeInt('height', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    url: t.string({
      nullable: true,
      description:
        'Cached for a year (the bytes of a URL never change). Null for proofs of delivery: private.',
      select: { storageKey: true },
      resolve: (file, _args, ctx) => publicUrl(ctx, file.storageKey),
    }),
    thumbnails: t.field({
      type: [ImageThumbnailRef],
      description: 'Narrowest first; none for private images.',
      select: { storageKey: true, width: true },
      resolve: (file, _args, ctx) => {
        const thumbnails: { width: number; url: string }[] = [];
        for (const nominal of THUMBNAIL_WIDTHS) {
          const url = publicUrl(ctx, thumbnailKey(file.storageKey, nominal));
          // A thumbnail is never enlarged: of an image narrower than it, it is the image's width, once.
          const width = Math.min(nominal, file.width ?? nominal);
          if (url && !thumbnails.some((t) => t.width === width)) thumbnails.push({ width, url });
        }
        return thumbnails;
      },
    }),
  }),
});

export const UnsupportedImageReasonEnum = builder.enumType('UnsupportedImageReason', {
  values: UNSUPPORTED_IMAGE_REASONS,
});

builder.objectType(UnsupportedImage, {
  name: 'UnsupportedImage',
  description: 'The upload is no image we take (JPEG, PNG or WebP up to 10 MB); nothing was stored.',
  interfaces: [DomainErrorRef],
  fields: (t) => ({ reason: t.expose('reason', { type: UnsupportedImageReasonEnum }) }),
});

builder.mutationField('uploadImage', (t) =>
  t.prismaField({
    type: ImageRef,
    nullable: false,
    description:
      'Stores a photo (a multipart request) for the active shop; production and delivery then name it by id. ' +
      'The same bytes for the same purpose answer the image already stored.',
    authScopes: (_root, args) => imageUploaders[args.purpose],
    errors: { types: [UnsupportedImage] },
    args: {
      file: t.arg({ type: 'Upload', required: true }),
      purpose: t.arg({ type: ImagePurposeEnum, required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = await storeImage(ctx, args.file, args.purpose);
      return ctx.prisma.file.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
