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
 * bounds the body already); a body without one (chunked) is counted as it streams and cut off at the limit,
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
      setRequestParser(async (req) => {
        const limited = limitedBody(req, limit, fetchAPI);
        try {
          return await parse(limited.request);
        } catch (error) {
          // The multipart parser words a cut-off stream as invalid multipart data (400): say what happened.
          if (limited.exceeded()) throw tooLarge();
          throw error;
        }
      });
    },
    onResponse({ response }) {
      // The rest of a refused body is never read, so the connection cannot carry another request: say so,
      // or a client that reuses it (undici's keep-alive pool) fails its next request with ECONNRESET.
      if (response.status === 413) response.headers.set('connection', 'close');
    },
  };
}

/** The request with a body that errors once it passes `limit` bytes (as Yoga's own limit does), and whether it did. */
function limitedBody(
  request: Request,
  limit: number,
  fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream },
) {
  // A native stream must be piped through a native TransformStream (graphql-yoga#4583).
  const Transform =
    request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let read = 0;
  let exceeded = false;
  const body = request.body!.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read <= limit) return controller.enqueue(chunk);
        exceeded = true;
        controller.error(tooLarge());
      },
    }),
  );
  const limited = new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body,
    // @ts-expect-error Node's RequestInit lacks `duplex`, which a streamed body needs
    duplex: 'half',
  });
  return { request: limited, exceeded: () => exceeded };
}
