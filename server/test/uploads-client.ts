import { randomInt } from 'node:crypto';
import sharp from 'sharp';
import { decodeGlobalId } from '../src/graphql/global-id.js';
import type { TestApp } from './harness.js';
import { multipart } from './multipart.js';

/** uploadImage as a client sends it: the file as a multipart part, the purpose beside it. */
export const UPLOAD_IMAGE = /* GraphQL */ `
  mutation ($file: Upload!, $purpose: ImagePurpose!) {
    uploadImage(file: $file, purpose: $purpose) {
      __typename
      ... on MutationUploadImageSuccess {
        data { id purpose contentType byteSize width height url thumbnails { width url } }
      }
      ... on UnsupportedImage { reason message }
    }
  }
`;

/**
 * Uploads a small PNG of a random colour (so no two calls share bytes, and none answers another's stored
 * image) through the real uploadImage over HTTP multipart, as `headers`' viewer for their active shop.
 * @returns the Image's global id (what mutations take) and its File row's id
 */
export async function uploadTestImage(
  app: TestApp,
  headers: Record<string, string>,
  purpose: 'PRODUCT_PHOTO' | 'BOUQUET_PHOTO' | 'DELIVERY_PROOF',
): Promise<{ id: string; rowId: string }> {
  const bytes = await sharp({
    create: {
      width: 24,
      height: 16,
      channels: 3,
      background: { r: randomInt(256), g: randomInt(256), b: randomInt(256) },
    },
  })
    .png()
    .toBuffer();
  const result = await multipart(
    app,
    headers,
    UPLOAD_IMAGE,
    { purpose },
    {
      file: { bytes, name: 'bouquet.png', type: 'image/png' },
    },
  );
  const id = result.data?.uploadImage?.data?.id;
  if (!id) throw new Error(`uploadImage failed: ${JSON.stringify(result.errors ?? result.data)}`);
  return { id, rowId: decodeGlobalId(id).id };
}
