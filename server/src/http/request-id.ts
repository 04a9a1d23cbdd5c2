import { randomUUID } from 'node:crypto';

const ACCEPTABLE = /^[\w.:-]{1,128}$/;

/** Takes the caller's `x-request-id` when it is sane (a proxy's trace id), else makes one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && ACCEPTABLE.test(value) ? value : randomUUID();
}
