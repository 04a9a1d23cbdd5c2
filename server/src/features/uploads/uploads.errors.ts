import { DomainError } from '../../domain-error.js';

/** Why an upload was not taken as an image; the client shows a message per reason. */
export const UNSUPPORTED_IMAGE_REASONS = [
  /** Zero bytes. */
  'EMPTY',
  /** Over the byte limit (IMAGE_LIMITS.maxBytes). */
  'TOO_LARGE',
  /** The bytes are no image we know of (a script, a PDF, text). */
  'NOT_AN_IMAGE',
  /** An image, but of a type we do not take (GIF, HEIC, SVG, …). */
  'UNSUPPORTED_TYPE',
  /** The file's name or declared type says one image type and its bytes another (a PNG named .jpg). */
  'TYPE_MISMATCH',
  /** More pixels than IMAGE_LIMITS.maxPixels: decoding it would take too much memory. */
  'TOO_MANY_PIXELS',
  /** It starts like an image of an accepted type but cannot be decoded (truncated, damaged). */
  'UNREADABLE',
] as const;
export type UnsupportedImageReason = (typeof UNSUPPORTED_IMAGE_REASONS)[number];

/** The upload was refused; nothing was stored. */
export class UnsupportedImage extends DomainError {
  constructor(
    readonly reason: UnsupportedImageReason,
    message: string,
  ) {
    super(message);
  }
}
