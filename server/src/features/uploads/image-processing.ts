import { fileTypeFromBuffer } from 'file-type';
import type { FileExtension } from '../../storage/file-storage.js';
import { UnsupportedImage } from './uploads.errors.js';

/** What an uploaded image may be. */
export const IMAGE_LIMITS = {
  /** Bytes of the uploaded file: 10 MiB, a phone photo with room to spare. */
  maxBytes: 10 * 1024 * 1024,
  /** Pixels of the decoded image (width × height): 40 MP; more is a decompression bomb, not a photo. */
  maxPixels: 40_000_000,
};

/** Widths of the WebP thumbnails stored beside every image: a list tile, a phone screen. */
export const THUMBNAIL_WIDTHS = [320, 960] as const;

/** The image types we take, by the MIME type file-type sniffs, with the extension they are stored under. */
const ACCEPTED = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
type AcceptedType = keyof typeof ACCEPTED;

/** sharp's name for each accepted format (what `metadata().format` says and `toFormat` takes). */
const SHARP_FORMAT = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' } as const;

const LABEL = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' } as const;

/** Image extensions a file name may claim, with the type each claims; other names claim nothing. */
const CLAIMED_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  jfif: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
  avif: 'image/avif',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  svg: 'image/svg+xml',
};

/** Spellings of a declared type that mean an accepted one. */
const DECLARED_ALIASES: Record<string, string> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg' };

export interface ProcessedImage {
  ext: FileExtension;
  contentType: AcceptedType;
  /** The image re-encoded: orientation applied, every metadata block (EXIF, GPS, XMP, ICC) gone. */
  bytes: Buffer;
  width: number;
  height: number;
  thumbnails: { width: number; bytes: Buffer }[];
}

/**
 * Checks an upload is a JPEG, PNG or WebP by its bytes (never its name or declared type, which the client
 * writes), then decodes and re-encodes it: EXIF orientation applied, all metadata dropped (a phone photo's
 * EXIF holds where it was taken), and WebP thumbnails made at THUMBNAIL_WIDTHS (never enlarged).
 * Only bytes file-type recognised as an accepted type reach libvips, so its other decoders (SVG, PDF, TIFF,
 * …) never see an upload.
 * @throws UnsupportedImage naming the reason
 */
export async function processImage(upload: {
  bytes: Uint8Array;
  name: string;
  declaredType: string;
}): Promise<ProcessedImage> {
  const { bytes } = upload;
  if (bytes.byteLength === 0) throw new UnsupportedImage('EMPTY', 'The file is empty');
  if (bytes.byteLength > IMAGE_LIMITS.maxBytes) throw tooLarge();
  const sniffed = await fileTypeFromBuffer(bytes);
  if (!sniffed?.mime.startsWith('image/')) {
    throw new UnsupportedImage('NOT_AN_IMAGE', 'The file is not an image; send a JPEG, PNG or WebP photo');
  }
  if (!(sniffed.mime in ACCEPTED)) {
    throw new UnsupportedImage(
      'UNSUPPORTED_TYPE',
      `${sniffed.ext.toUpperCase()} images are not taken; send a JPEG, PNG or WebP photo`,
    );
  }
  const type = sniffed.mime as AcceptedType;
  const claimed = claimedTypes(upload.name, upload.declaredType).find((claim) => claim !== type);
  if (claimed) {
    throw new UnsupportedImage(
      'TYPE_MISMATCH',
      `The file is a ${LABEL[type]} image but its name or type says ${claimed}; save it again with the right extension`,
    );
  }
  return encode(bytes, type);
}

/**
 * The image types the client claims: by the name's extension, and by an image/* Content-Type. Both count: a
 * PNG named photo.png but sent as image/jpeg lies as much as one named photo.jpg. A name without an image
 * extension ("blob", as browsers name camera captures) and a generic type (application/octet-stream) claim
 * nothing.
 */
function claimedTypes(name: string, declaredType: string): string[] {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  const byName = extension ? CLAIMED_BY_EXTENSION[extension] : undefined;
  const declared = declaredType.split(';')[0]!.trim().toLowerCase();
  const byType = declared.startsWith('image/') ? (DECLARED_ALIASES[declared] ?? declared) : undefined;
  return [byName, byType].filter((claim): claim is string => claim !== undefined);
}

async function encode(bytes: Uint8Array, type: AcceptedType): Promise<ProcessedImage> {
  const format = SHARP_FORMAT[type];
  // failOn 'error': a truncated or damaged file is refused rather than stored half grey.
  // animated false: the first frame only of an animated WebP or PNG.
  // Loaded on first upload: libvips took ~180 ms of every start.
  const { default: sharp } = await import('sharp');
  const input = sharp(bytes, { failOn: 'error', limitInputPixels: IMAGE_LIMITS.maxPixels, animated: false });
  try {
    const metadata = await input.metadata();
    if (metadata.format !== format) throw new UnsupportedImage('UNREADABLE', 'The image cannot be read');
    // rotate() with no angle applies the EXIF orientation; the output then carries no metadata at all.
    const oriented = input.rotate();
    // One after the other, not at once: turning a 40 MP image holds all of it decoded (160 MB), and two
    // uploads at a time should not need six of those.
    const original = await oriented
      .clone()
      .toFormat(format, ENCODING[format])
      .toBuffer({ resolveWithObject: true });
    const thumbnails: ProcessedImage['thumbnails'] = [];
    for (const width of THUMBNAIL_WIDTHS) {
      const thumbnail = await oriented
        .clone()
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer();
      thumbnails.push({ width, bytes: thumbnail });
    }
    return {
      ext: ACCEPTED[type],
      contentType: type,
      bytes: original.data,
      width: original.info.width,
      height: original.info.height,
      thumbnails,
    };
  } catch (error) {
    if (error instanceof UnsupportedImage) throw error;
    const message = error instanceof Error ? error.message : '';
    if (/pixel limit/i.test(message)) {
      throw new UnsupportedImage(
        'TOO_MANY_PIXELS',
        `The image has more than ${IMAGE_LIMITS.maxPixels / 1_000_000} megapixels; send a smaller one`,
      );
    }
    throw new UnsupportedImage('UNREADABLE', 'The image cannot be read: it may be damaged or cut short');
  }
}

/** Re-encoding settings: close to the original's look at a fraction of a camera's bytes. */
const ENCODING = {
  jpeg: { quality: 85, mozjpeg: true },
  png: { compressionLevel: 9 },
  webp: { quality: 85 },
} as const;

export function tooLarge() {
  return new UnsupportedImage(
    'TOO_LARGE',
    `The file is larger than ${IMAGE_LIMITS.maxBytes / 1024 / 1024} MB; send a smaller photo`,
  );
}
