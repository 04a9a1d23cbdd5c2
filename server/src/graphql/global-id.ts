import { AppError } from '../errors.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A Relay global id: base64url("Type:uuid"), opaque to clients, decodable by us. */
export const encodeGlobalId = (typename: string, id: string | number | bigint) =>
  Buffer.from(`${typename}:${id}`).toString('base64url');

/** Global ids are base64url("Type:uuid"); anything else is the caller's mistake, not a server error. */
export function decodeGlobalId(globalId: string) {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  const typename = decoded.slice(0, colon);
  const id = decoded.slice(colon + 1);
  if (colon < 1 || !UUID.test(id))
    throw new AppError('BAD_USER_INPUT', `Invalid id: ${globalId.slice(0, 64)}`);
  return { typename, id };
}
