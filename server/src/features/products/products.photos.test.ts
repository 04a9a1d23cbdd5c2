import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSecondShop, type SecondShop } from '../../../test/fixtures/second-shop.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { multipart, type Part, storedFiles } from '../../../test/multipart.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { MAX_PRODUCT_PHOTOS } from './products.photos.service.js';

const PHOTOS = 'photos { id position image { id contentType width url thumbnails { width url } } }';
const ADD = `mutation ($productId: ID!, $imageId: ID, $file: Upload) {
  addProductPhoto(productId: $productId, imageId: $imageId, file: $file) {
    __typename
    ... on MutationAddProductPhotoSuccess { data { id ${PHOTOS} } }
    ... on UnsupportedImage { reason }
  }
}`;
const REMOVE = `mutation ($id: ID!) { removeProductPhoto(id: $id) { id ${PHOTOS} } }`;
const REORDER = `mutation ($productId: ID!, $ids: [ID!]!) {
  reorderProductPhotos(productId: $productId, productPhotoIds: $ids) { id ${PHOTOS} }
}`;
const UPLOAD = `mutation ($file: Upload!, $purpose: ImagePurpose!) {
  uploadImage(file: $file, purpose: $purpose) { ... on MutationUploadImageSuccess { data { id } } }
}`;

let app: TestApp;
let manager: Record<string, string>;
let florist: Record<string, string>;
let customer: Record<string, string>;
let shopB: SecondShop;
let managerB: Record<string, string>;
let productId: string;
let productBId: string;

/** The row id inside a global id (`Type:uuid`, base64url). */
const rowId = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;

/** A small distinct JPEG of one colour, so each upload is a different image. */
const jpeg = async (background: string): Promise<Part> => ({
  bytes: await sharp({ create: { width: 400, height: 300, channels: 3, background } })
    .jpeg()
    .toBuffer(),
  name: `${background.slice(1)}.jpg`,
  type: 'image/jpeg',
});

async function uploadImage(headers: Record<string, string>, part: Part, purpose = 'PRODUCT_PHOTO') {
  const result = await multipart(app, headers, UPLOAD, { purpose }, { file: part });
  const id = result.data?.uploadImage?.data?.id;
  if (!id) throw new Error(`upload failed: ${JSON.stringify(result)}`);
  return id as string;
}

/** Photos of the demo product, rows of File, files on disk: what a refusal must leave as it was. */
const state = async () => ({
  photos: await app.prisma.productPhoto.findMany({ orderBy: { id: 'asc' } }),
  files: await app.prisma.file.count(),
  disk: await storedFiles(app),
});

beforeAll(async () => {
  app = await startTestApp();
  manager = await app.signIn('manager@posy.demo');
  florist = await app.signIn('florist@posy.demo');
  customer = await app.signIn('customer@posy.demo');
  shopB = await createSecondShop(app.prisma);
  managerB = { ...(await app.signIn(shopB.users.MANAGER.email)), 'x-shop-id': shopB.shopId };
  const demo = await app.prisma.product.findFirstOrThrow({ where: { shop: { slug: 'demo' }, active: true } });
  productId = encodeGlobalId('Product', demo.id);
  productBId = encodeGlobalId('Product', shopB.ids.Product![0]!);
});
afterAll(() => app?.stop());

describe('product photos', () => {
  test('a manager builds a gallery from an uploaded image and a file sent along, reorders and removes', async () => {
    const imageId = await uploadImage(manager, await jpeg('#aa0000'));
    const byId = await multipart(app, manager, ADD, { productId, imageId }, {});
    expect(byId.errors).toBeUndefined();
    const byFile = await multipart(app, manager, ADD, { productId }, { file: await jpeg('#00aa00') });
    const photos = byFile.data?.addProductPhoto.data.photos;
    expect(photos).toHaveLength(2);
    expect(photos[0].image.id).toBe(imageId);
    expect(photos.map((p: { position: number }) => p.position)).toEqual([0, 1]);
    expect(photos[1].image).toMatchObject({ contentType: 'image/jpeg', width: 400 });
    expect(photos[1].image.thumbnails.map((t: { width: number }) => t.width)).toEqual([320, 400]);
    expect((await fetch(photos[1].image.url)).status).toBe(200);

    // The catalog shows the gallery to customers too.
    const seen = await app.gql(
      `query ($id: ID!) { node(id: $id) { ... on Product { ${PHOTOS} } } }`,
      { id: productId },
      customer,
    );
    expect(seen.data?.node.photos.map((p: { id: string }) => p.id)).toEqual(
      photos.map((p: { id: string }) => p.id),
    );

    const reordered = await app.gql(REORDER, { productId, ids: [photos[1].id, photos[0].id] }, manager);
    expect(reordered.data?.reorderProductPhotos.photos.map((p: { id: string }) => p.id)).toEqual([
      photos[1].id,
      photos[0].id,
    ]);

    const removed = await app.gql(REMOVE, { id: photos[1].id }, manager);
    expect(removed.data?.removeProductPhoto.photos.map((p: { id: string }) => p.id)).toEqual([photos[0].id]);
    // The image itself stays: another product or record may show it.
    expect(await app.prisma.file.count({ where: { id: rowId(imageId) } })).toBe(1);
  });

  test('adding the same image twice keeps one photo', async () => {
    const imageId = await uploadImage(manager, await jpeg('#0000aa'));
    await multipart(app, manager, ADD, { productId, imageId }, {});
    const before = await state();
    const again = await multipart(app, manager, ADD, { productId, imageId }, {});
    expect(again.data?.addProductPhoto.__typename).toBe('MutationAddProductPhotoSuccess');
    expect((await state()).photos).toEqual(before.photos);
  });

  test('an image of shop B cannot be attached in shop A, nor shop A’s product touched from shop B', async () => {
    const imageB = await uploadImage(managerB, await jpeg('#123456'));
    const before = await state();
    for (const imageId of [imageB, encodeGlobalId('Image', shopB.ids.File![0]!)]) {
      const result = await multipart(app, manager, ADD, { productId, imageId }, {});
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const imageA = await uploadImage(manager, await jpeg('#654321'));
    const mid = await state();
    const intoB = await multipart(app, manager, ADD, { productId: productBId, imageId: imageA }, {});
    expect(intoB.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const fromB = await multipart(app, managerB, ADD, { productId, imageId: imageB }, {});
    expect(fromB.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // A file sent along with a product of another shop is not even stored.
    const withFile = await multipart(app, managerB, ADD, { productId }, { file: await jpeg('#abcdef') });
    expect(withFile.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await state()).toEqual(mid);
    expect(mid.photos).toEqual(before.photos);
  });

  test('a florist cannot add, remove or reorder catalog photos, even with a bouquet photo of their own', async () => {
    const bouquet = await uploadImage(florist, await jpeg('#ff00ff'), 'BOUQUET_PHOTO');
    const [photo] = (await state()).photos;
    const before = await state();
    const attempts = [
      await multipart(app, florist, ADD, { productId, imageId: bouquet }, {}),
      await multipart(app, florist, ADD, { productId }, { file: await jpeg('#ff00fe') }),
      await app.gql(REMOVE, { id: encodeGlobalId('ProductPhoto', photo!.id) }, florist),
      await app.gql(REORDER, { productId, ids: [] }, florist),
    ];
    for (const attempt of attempts) expect(attempt.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await state()).toEqual(before);
    // A manager may make the florist's bouquet photo a catalog photo.
    const made = await multipart(app, manager, ADD, { productId, imageId: bouquet }, {});
    expect(made.data?.addProductPhoto.__typename).toBe('MutationAddProductPhotoSuccess');
  });

  test('a full gallery refuses another photo, and a file sent along is not even stored', async () => {
    const product = await app.prisma.product.findFirstOrThrow({
      where: { shop: { slug: 'demo' }, active: true, photos: { none: {} } },
    });
    const image = await uploadImage(manager, await jpeg('#111111'));
    await app.prisma.productPhoto.createMany({
      data: Array.from({ length: MAX_PRODUCT_PHOTOS }, (_, position) => ({
        productId: product.id,
        fileId: rowId(image),
        position,
      })),
    });
    const full = encodeGlobalId('Product', product.id);
    const other = await uploadImage(manager, await jpeg('#222222'));
    const before = await state();
    const byId = await multipart(app, manager, ADD, { productId: full, imageId: other }, {});
    const byFile = await multipart(app, manager, ADD, { productId: full }, { file: await jpeg('#333333') });
    for (const result of [byId, byFile]) {
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(/at most 12 photos/);
    }
    expect(await state()).toEqual(before);
  });

  test('bad input is refused with a clear error and changes nothing', async () => {
    const proof = await uploadImage(
      await app.signIn('courier@posy.demo'),
      await jpeg('#0f0f0f'),
      'DELIVERY_PROOF',
    );
    const photos = (
      await app.prisma.productPhoto.findMany({
        where: { productId: rowId(productId) },
        orderBy: { position: 'asc' },
      })
    ).map((p) => encodeGlobalId('ProductPhoto', p.id));
    const before = await state();
    const cases = [
      [
        'a proof of delivery as a catalog photo',
        await multipart(app, manager, ADD, { productId, imageId: proof }, {}),
      ],
      ['neither image nor file', await multipart(app, manager, ADD, { productId }, {})],
      [
        'both image and file',
        await multipart(app, manager, ADD, { productId, imageId: proof }, { file: await jpeg('#0e0e0e') }),
      ],
      ['a reorder leaving a photo out', await app.gql(REORDER, { productId, ids: photos.slice(1) }, manager)],
      [
        'a reorder naming a photo twice',
        await app.gql(REORDER, { productId, ids: [...photos.slice(1), photos[1]] }, manager),
      ],
    ] as const;
    for (const [label, result] of cases) {
      expect(result.errors?.[0]?.extensions?.code, label).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message, label).toMatch(/\w{4}/);
    }
    const notImage = await multipart(
      app,
      manager,
      ADD,
      { productId },
      {
        file: { bytes: Buffer.from('#!/bin/sh\necho hi\n'), name: 'x.png', type: 'image/png' },
      },
    );
    expect(notImage.data?.addProductPhoto).toMatchObject({
      __typename: 'UnsupportedImage',
      reason: 'NOT_AN_IMAGE',
    });
    expect(await state()).toEqual(before);
  });
});
