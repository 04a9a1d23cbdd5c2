import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Bytes of request bodies, by kind. */
export interface BodyLimits {
  /** Every request but a multipart one: JSON operations stay small. */
  default: number;
  /** A multipart request (an upload): the largest file we take, its headers and the operation beside it. */
  multipart: number;
}

const CONTENT_LENGTH = /^\d+$/;

/** Worded and coded as Yoga's own refusal, so clients see one answer whichever limit they met. */
const tooLarge = () =>
  new GraphQLError('Request body too large', {
    extensions: { code: 'REQUEST_ENTITY_TOO_LARGE', http: { status: 413 } },
  });

/**
 * Yoga's `maxRequestBodySize` is one number for every request; uploads need more than operations do, and
 * raising it for all would let any JSON request be ten times larger. This plugin takes its place (set
 * `maxRequestBodySize: false`): a multipart request may carry `limits.multipart` bytes, any other
 * `limits.default`. A declared Content-Length over the limit is refused before a byte is read (one within it
 * bounds the body already); a body without one (chunked) is counted as it is read and refused at the limit,
 * so no request is buffered past it.
 */
export function useRequestBodyLimits(limits: BodyLimits): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const type = request.headers.get('content-type') ?? '';
      const limit = /^multipart\/form-data\b/i.test(type) ? limits.multipart : limits.default;
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (!CONTENT_LENGTH.test(declared)) {
          throw new GraphQLError('The Content-Length header is invalid', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
        if (Number(declared) > limit) throw tooLarge();
        // Node's HTTP parser ends a body at its Content-Length, so a declared length within the limit bounds
        // it: most requests then pay no counting stream.
        return;
      }
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser(async (req) => parse(await readWithin(req, limit, fetchAPI)));
    },
    onResponse({ response }) {
      // The rest of a refused body is never read, so the connection cannot carry another request: say so,
      // or a client that reuses it (undici's keep-alive pool) fails its next request with ECONNRESET.
      if (response.status === 413) response.headers.set('connection', 'close');
    },
  };
}

/**
 * The request with its body read here, counted chunk by chunk off the body's own reader and refused
 * (413) at the first chunk past `limit`, so no more than the limit is ever held. The parsers buffer a
 * body whole anyway (JSON, and the multipart parser keeps files in memory), so reading it first costs
 * nothing extra, where piping it through a counting TransformStream cost every such request a second
 * stream and a promise per chunk.
 */
async function readWithin(request: Request, limit: number, fetchAPI: { Request: typeof Request }) {
  const reader = request.body!.getReader();
  const chunks: Uint8Array[] = [];
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
    if (read > limit) {
      // Stop reading: the rest of the body is the client's to discard (the response closes the connection).
      void reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: Buffer.concat(chunks, read),
  });
}
