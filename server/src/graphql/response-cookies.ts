import type { Plugin } from 'graphql-yoga';

/**
 * What an operation over HTTP may see of its request and add to its response. WebSocket operations
 * have none: their upgrade response went out when the socket opened.
 */
export interface HttpExchange {
  requestHeaders: Headers;
  /** Adds one `Set-Cookie` header (a serialized cookie) to the response. */
  setCookie(cookie: string): void;
}

/**
 * Lets resolvers set cookies: Yoga builds the response after execution, so the cookies an operation
 * asked for wait beside its request until `onResponse` appends them.
 */
export function createResponseCookies() {
  const pending = new WeakMap<Request, string[]>();
  const plugin: Plugin = {
    onResponse({ request, response }) {
      for (const cookie of pending.get(request) ?? []) response.headers.append('set-cookie', cookie);
    },
  };
  return {
    plugin,
    exchangeFor(request: Request): HttpExchange {
      return {
        requestHeaders: request.headers,
        setCookie(cookie) {
          const cookies = pending.get(request) ?? [];
          cookies.push(cookie);
          pending.set(request, cookies);
        },
      };
    },
  };
}
