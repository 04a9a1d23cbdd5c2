/**
 * Where uploaded bytes live, by key. Local disk by default; an S3-compatible store implements the same three
 * calls. Keys are content-addressed (`<visibility>/<sha256>.<ext>`), so a key's bytes never change and may be
 * cached forever.
 */
export interface FileStorage {
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** null when there is no such key. */
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}

/** Public files (product photos) are served to anyone; private ones (proofs of delivery) need a signed URL. */
export type FileVisibility = 'public' | 'private';

const CONTENT_TYPES = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;
export type FileExtension = keyof typeof CONTENT_TYPES;

const KEY = /^(public|private)\/([0-9a-f]{64})(?:-(\d{2,4}))?\.(jpg|png|webp)$/;

/** `public/<sha256>.webp`, or with a width for a thumbnail: `public/<sha256>-320.webp`. */
export function fileKey(visibility: FileVisibility, sha256: string, ext: FileExtension, width?: number) {
  return `${visibility}/${sha256}${width ? `-${width}` : ''}.${ext}`;
}

/** What a key says about its file, or null for anything that is not a key we make (e.g. `../x`). */
export function parseFileKey(key: string) {
  const match = KEY.exec(key);
  if (!match) return null;
  const ext = match[4] as FileExtension;
  return {
    visibility: match[1] as FileVisibility,
    digest: match[2] as string,
    contentType: CONTENT_TYPES[ext],
  };
}

/** The key of a thumbnail `width` px wide stored beside `key` (always WebP), or null when `key` is none of ours. */
export function thumbnailKey(key: string, width: number) {
  const parsed = parseFileKey(key);
  return parsed ? fileKey(parsed.visibility, parsed.digest, 'webp', width) : null;
}
