import { z } from 'zod';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { visibleProducts } from '../common/access.js';
import { UnsupportedImage } from '../uploads/uploads.errors.js';
import { ImageRef } from '../uploads/uploads.schema.js';
import { editsCatalog } from './categories.schema.js';
import {
  addProductPhoto,
  MAX_PRODUCT_PHOTOS,
  removeProductPhoto,
  reorderProductPhotos,
} from './products.photos.service.js';
import { ProductRef } from './products.schema.js';

export const ProductPhotoRef = builder.prismaNode('ProductPhoto', {
  select: { id: true },
  id: { field: 'id' },
  description: 'A photo in a product’s gallery.',
  findUnique: (id, ctx) => ({ id, product: visibleProducts(ctx) }),
  nullable: true,
  fields: (t) => ({
    position: t.exposeInt('position', { description: 'Place in the gallery; the lowest is shown first.' }),
    image: t.relation('file', { type: ImageRef }),
  }),
});

builder.prismaObjectField('Product', 'photos', (t) =>
  t.relation('photos', {
    description: 'The gallery in order; the first is the one lists show.',
    query: { orderBy: [{ position: 'asc' }, { id: 'asc' }] },
  }),
);

/** The product a change answers, read with the selection the client asked for. */
const reread = (query: object, ctx: Context, id: string) =>
  ctx.prisma.product.findUniqueOrThrow({ ...query, where: { id } });

builder.mutationField('addProductPhoto', (t) =>
  t.prismaField({
    type: ProductRef,
    nullable: false,
    description: `Adds a photo at the end of the gallery (at most ${MAX_PRODUCT_PHOTOS}): an uploaded image by id, or a file sent with this request.`,
    authScopes: editsCatalog,
    errors: { types: [UnsupportedImage] },
    args: {
      productId: t.arg.globalID({ for: ProductRef, required: true }),
      imageId: t.arg.globalID({ for: ImageRef, required: false, description: 'From uploadImage.' }),
      file: t.arg({ type: 'Upload', required: false, description: 'Stored as a PRODUCT_PHOTO.' }),
    },
    resolve: async (query, _root, args, ctx) =>
      reread(
        query,
        ctx,
        await addProductPhoto(ctx, args.productId.id, { imageId: args.imageId?.id, file: args.file }),
      ),
  }),
);

builder.mutationField('removeProductPhoto', (t) =>
  t.prismaField({
    type: ProductRef,
    nullable: false,
    description: 'Takes a photo out of its product’s gallery; answers the product.',
    authScopes: editsCatalog,
    args: { id: t.arg.globalID({ for: ProductPhotoRef, required: true }) },
    resolve: async (query, _root, args, ctx) => reread(query, ctx, await removeProductPhoto(ctx, args.id.id)),
  }),
);

builder.mutationField('reorderProductPhotos', (t) =>
  t.prismaField({
    type: ProductRef,
    nullable: false,
    description: 'Puts the gallery in this order: every photo of the product, each once.',
    authScopes: editsCatalog,
    args: {
      productId: t.arg.globalID({ for: ProductRef, required: true }),
      productPhotoIds: t.arg.globalIDList({
        for: ProductPhotoRef,
        required: true,
        validate: z.array(z.unknown()).max(MAX_PRODUCT_PHOTOS),
      }),
    },
    resolve: async (query, _root, args, ctx) =>
      reread(
        query,
        ctx,
        await reorderProductPhotos(
          ctx,
          args.productId.id,
          args.productPhotoIds.map((p) => p.id),
        ),
      ),
  }),
);
