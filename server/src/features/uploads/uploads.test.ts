import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { multipart, multipartForm, type Part, storedFiles } from '../../../test/multipart.js';
import { UPLOAD_IMAGE } from '../../../test/uploads-client.js';
import { operationLimits } from '../../graphql/yoga.js';
import { IMAGE_LIMITS } from './image-processing.js';

/** A marker written into the fixture's EXIF, to look for in what is stored. */
const EXIF_MARKER = 'Posy-EXIF-marker 52.5200N 13.4050E';

let app: TestApp;
let manager: Record<string, string>;
let florist: Record<string, string>;
let courier: Record<string, string>;
let customer: Record<string, string>;
/** A 1800 × 1200 JPEG whose EXIF says "rotate 90° clockwise to show" (orientation 6) and holds EXIF_MARKER. */
let rotatedJpeg: Buffer;
let png: Buffer;
beforeAll(async () => {
  app = await startTestApp();
  manager = await app.signIn('manager@posy.demo');
  florist = await app.signIn('florist@posy.demo');
  courier = await app.signIn('courier@posy.demo');
  customer = await app.signIn('customer@posy.demo');
  rotatedJpeg = await sharp({ create: { width: 1800, height: 1200, channels: 3, background: '#c0392b' } })
    .jpeg()
    .withExif({ IFD0: { Artist: EXIF_MARKER, Copyright: EXIF_MARKER } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
  png = await sharp({ create: { width: 40, height: 30, channels: 4, background: '#27ae60' } })
    .png()
    .toBuffer();
});
afterAll(() => app?.stop());

/** The PNG with its header (IHDR) rewritten to claim these dimensions, its checksum made to match. */
function withDimensions(image: Buffer, width: number, height: number) {
  const copy = Buffer.from(image);
  // Signature (8), IHDR length (4), "IHDR" (4), then width and height; the CRC covers type and data (17 bytes).
  copy.writeUInt32BE(width, 16);
  copy.writeUInt32BE(height, 20);
  copy.writeUInt32BE(crc32(copy.subarray(12, 29)), 29);
  return copy;
}

const upload = (headers: Record<string, string>, file: Part, purpose = 'PRODUCT_PHOTO') =>
  multipart(app, headers, UPLOAD_IMAGE, { purpose }, { file });

/** What is stored: rows of File and files on disk. */
const stored = async () => ({ rows: await app.prisma.file.count(), files: await storedFiles(app) });

describe('uploadImage', () => {
  test('a JPEG with EXIF is stored turned upright, with no metadata left, and thumbnails beside it', async () => {
    const before = await stored();
    const result = await upload(manager, { bytes: rotatedJpeg, name: 'bouquet.jpg', type: 'image/jpeg' });
    expect(result.errors).toBeUndefined();
    const image = result.data?.uploadImage.data;
    expect(image).toMatchObject({
      purpose: 'PRODUCT_PHOTO',
      contentType: 'image/jpeg',
      width: 1200,
      height: 1800,
    });
    expect(image.thumbnails.map((t: { width: number }) => t.width)).toEqual([320, 960]);

    const original = new Uint8Array(await (await fetch(image.url)).arrayBuffer());
    const metadata = await sharp(original).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 1200, height: 1800 });
    expect(metadata.exif).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
    expect(Buffer.from(original).includes(EXIF_MARKER)).toBe(false);
    expect(Buffer.from(rotatedJpeg).includes(EXIF_MARKER)).toBe(true);

    const row = await app.prisma.file.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(row).toMatchObject({
      byteSize: original.byteLength,
      width: 1200,
      height: 1800,
      contentType: 'image/jpeg',
    });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    const after = await stored();
    expect(after.rows).toBe(before.rows + 1);
    expect(after.files.length).toBe(before.files.length + 3);

    for (const thumbnail of image.thumbnails as { width: number; url: string }[]) {
      const response = await fetch(thumbnail.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const served = await sharp(new Uint8Array(await response.arrayBuffer())).metadata();
      expect(served).toMatchObject({ format: 'webp', width: thumbnail.width, height: thumbnail.width * 1.5 });
      expect(served.exif).toBeUndefined();
    }
    const response = await fetch(image.url);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  test('a PNG is stored and served as a PNG, whatever the request calls it', async () => {
    const result = await upload(manager, { bytes: png, name: 'leaf.png', type: 'application/octet-stream' });
    const image = result.data?.uploadImage.data;
    expect(image).toMatchObject({ contentType: 'image/png', width: 40, height: 30 });
    // Never enlarged: a thumbnail of an image narrower than it is the image's width, listed once.
    expect(image.thumbnails.map((t: { width: number }) => t.width)).toEqual([40]);
    const thumbnail = await fetch(image.thumbnails[0].url);
    expect((await sharp(new Uint8Array(await thumbnail.arrayBuffer())).metadata()).width).toBe(40);
    expect((await fetch(image.url)).headers.get('content-type')).toBe('image/png');
  });

  test('the same bytes uploaded again answer the image already stored', async () => {
    const first = await upload(manager, { bytes: png, name: 'a.png', type: 'image/png' });
    const before = await stored();
    const again = await upload(manager, { bytes: png, name: 'b.png', type: 'image/png' });
    expect(again.data?.uploadImage.data.id).toBe(first.data?.uploadImage.data.id);
    expect(await stored()).toEqual(before);
  });

  const refusals: [string, () => Part, string][] = [
    [
      'a PNG renamed .jpg and sent as image/jpeg',
      () => ({ bytes: png, name: 'photo.jpg', type: 'image/jpeg' }),
      'TYPE_MISMATCH',
    ],
    [
      'a PNG named .png but sent as image/jpeg',
      () => ({ bytes: png, name: 'photo.png', type: 'image/jpeg' }),
      'TYPE_MISMATCH',
    ],
    [
      'a shell script renamed .png',
      () => ({
        bytes: Buffer.from('#!/bin/sh\nrm -rf / --no-preserve-root\n'),
        name: 'photo.png',
        type: 'image/png',
      }),
      'NOT_AN_IMAGE',
    ],
    [
      'a zero-byte file',
      () => ({ bytes: new Uint8Array(0), name: 'empty.jpg', type: 'image/jpeg' }),
      'EMPTY',
    ],
    [
      'a file one byte over 10 MB (the request itself is within its limit)',
      () => ({ bytes: new Uint8Array(IMAGE_LIMITS.maxBytes + 1), name: 'big.jpg', type: 'image/jpeg' }),
      'TOO_LARGE',
    ],
    [
      'a GIF',
      () => ({
        bytes: Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64'),
        name: 'a.gif',
        type: 'image/gif',
      }),
      'UNSUPPORTED_TYPE',
    ],
    [
      'a PNG whose header claims 10000 × 10000 pixels (a decompression bomb)',
      () => ({ bytes: withDimensions(png, 10_000, 10_000), name: 'bomb.png', type: 'image/png' }),
      'TOO_MANY_PIXELS',
    ],
    [
      'a JPEG cut short',
      () => ({ bytes: rotatedJpeg.subarray(0, 400), name: 'cut.jpg', type: 'image/jpeg' }),
      'UNREADABLE',
    ],
  ];
  test.each(refusals)(
    '%s is refused with a typed reason and nothing is stored',
    async (_label, part, reason) => {
      const before = await stored();
      const result = await upload(manager, part());
      expect(result.errors).toBeUndefined();
      expect(result.data?.uploadImage).toMatchObject({ __typename: 'UnsupportedImage', reason });
      expect(result.data?.uploadImage.message).toMatch(/\w/);
      expect(await stored()).toEqual(before);
    },
  );

  test('an 11 MB upload is refused with 413 before its body is read, and nothing is stored', async () => {
    const before = await stored();
    const result = await upload(manager, {
      bytes: new Uint8Array(11 * 1024 * 1024),
      name: 'huge.jpg',
      type: 'image/jpeg',
    });
    expect(result.status).toBe(413);
    expect(result.errors?.[0]?.extensions?.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    expect(await stored()).toEqual(before);
  });

  test('an 11 MB upload without a Content-Length (chunked) is cut off at the limit, and nothing is stored', async () => {
    const before = await stored();
    const form = multipartForm(
      UPLOAD_IMAGE,
      { purpose: 'PRODUCT_PHOTO' },
      {
        file: { bytes: new Uint8Array(11 * 1024 * 1024), name: 'huge.jpg', type: 'image/jpeg' },
      },
    );
    const encoded = new Response(form);
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    let offset = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.byteLength) return controller.close();
        controller.enqueue(bytes.subarray(offset, offset + 256 * 1024));
        offset += 256 * 1024;
      },
    });
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { ...manager, 'content-type': encoded.headers.get('content-type')! },
      body,
      // @ts-expect-error Node's RequestInit lacks `duplex`, which a streamed body needs
      duplex: 'half',
    });
    expect(response.status).toBe(413);
    expect(await stored()).toEqual(before);
  });

  test('only multipart requests get the upload limit: a 2 MB photo is taken, a 2 MB JSON request is not', async () => {
    const noise = await sharp(
      Buffer.from(Array.from({ length: 900 * 900 * 3 }, () => Math.floor(Math.random() * 256))),
      {
        raw: { width: 900, height: 900, channels: 3 },
      },
    )
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(noise.byteLength).toBeGreaterThan(2 * operationLimits.maxRequestBytes);
    const result = await upload(manager, { bytes: noise, name: 'noise.png', type: 'image/png' });
    expect(result.data?.uploadImage.__typename).toBe('MutationUploadImageSuccess');

    const json = await app.gql(
      'query ($pad: String) { __typename }',
      { pad: 'x'.repeat(noise.byteLength) },
      manager,
    );
    expect(json.status).toBe(413);
  });

  test('who may upload what: catalog photos managers and catalog keys, bouquets florists, proofs couriers', async () => {
    const part = () => ({ bytes: png, name: 'p.png', type: 'image/png' });
    const catalogKey = await app.insertApiKey({ scopes: ['catalog:write'] });
    const readKey = await app.insertApiKey({ scopes: ['catalog:read'] });
    const cases: [Record<string, string>, string, boolean][] = [
      [manager, 'PRODUCT_PHOTO', true],
      [catalogKey.headers, 'PRODUCT_PHOTO', true],
      [readKey.headers, 'PRODUCT_PHOTO', false],
      [florist, 'PRODUCT_PHOTO', false],
      [florist, 'BOUQUET_PHOTO', true],
      [florist, 'DELIVERY_PROOF', false],
      [courier, 'DELIVERY_PROOF', true],
      [courier, 'BOUQUET_PHOTO', false],
      [customer, 'PRODUCT_PHOTO', false],
      [customer, 'DELIVERY_PROOF', false],
      // Anonymous, past CSRF prevention (a browser form without the header is refused before GraphQL).
      [{ 'x-graphql-yoga-csrf': '1' }, 'PRODUCT_PHOTO', false],
    ];
    for (const [headers, purpose, allowed] of cases) {
      const before = await stored();
      const result = await upload(headers, part(), purpose);
      const where = `${JSON.stringify(headers).slice(0, 40)} ${purpose}: ${JSON.stringify(result.errors)}`;
      if (allowed) {
        expect(result.data?.uploadImage.__typename, where).toBe('MutationUploadImageSuccess');
      } else {
        expect(result.errors?.[0]?.extensions?.code ?? where).toMatch(/^(FORBIDDEN|UNAUTHENTICATED)$/);
        expect(await stored(), where).toEqual(before);
      }
    }
  });

  test('a proof of delivery is private: no URL, no thumbnail URLs, not served', async () => {
    const result = await upload(
      courier,
      { bytes: rotatedJpeg, name: 'door.jpg', type: 'image/jpeg' },
      'DELIVERY_PROOF',
    );
    const image = result.data?.uploadImage.data;
    expect(image).toMatchObject({ purpose: 'DELIVERY_PROOF', url: null, thumbnails: [] });
    const row = await app.prisma.file.findFirstOrThrow({
      where: { purpose: 'DELIVERY_PROOF' },
      orderBy: { createdAt: 'desc' },
    });
    expect(row.storageKey).toMatch(/^private\//);
    const digest = row.storageKey.slice('private/'.length, -'.jpg'.length);
    expect((await storedFiles(app)).filter((f) => f.includes(digest))).toEqual([
      `private/${digest}-320.webp`,
      `private/${digest}-960.webp`,
      `private/${digest}.jpg`,
    ]);
    expect((await fetch(`${app.url}/files/${row.storageKey}`)).status).toBe(404);
  });

  test('a file written into the query instead of a multipart part is a clear BAD_USER_INPUT', async () => {
    const result = await app.gql(UPLOAD_IMAGE, { file: 'not a file', purpose: 'PRODUCT_PHOTO' }, manager);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
