import type { ServerResponse } from 'node:http';
import type { FileStorage } from '../storage/file-storage.js';
import { parseFileKey } from '../storage/file-storage.js';

export const FILES_PREFIX = '/files/';

/**
 * GET /files/<key>: public files to anyone, cached for a year (a key's bytes never change). Private files
 * (proofs of delivery) are not served here at all: they will need a signed URL, so the answer for one is the
 * same 404 as for an unknown key and reveals nothing.
 */
export async function serveFile(storage: FileStorage, encodedKey: string, res: ServerResponse) {
  const key = safeDecode(encodedKey);
  const parsed = key === null ? null : parseFileKey(key);
  const bytes = parsed?.visibility === 'public' ? await storage.get(key as string) : null;
  if (!parsed || !bytes) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    return res.end('not found');
  }
  res.writeHead(200, {
    'content-type': parsed.contentType,
    'content-length': bytes.byteLength,
    'cache-control': 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
  });
  res.end(bytes);
}

/** A malformed escape (`%E0`) is an unknown key, not a server error. */
function safeDecode(encoded: string) {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}
