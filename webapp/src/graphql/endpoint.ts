/**
 * The GraphQL endpoint. The server serves the app and /graphql on one origin (and `vite dev` proxies
 * /graphql), so the default is relative; VITE_API_URL points a build at another server.
 * @default '/graphql'
 */
export const graphqlUrl: string = import.meta.env.VITE_API_URL || '/graphql';

/** The WebSocket address of a GraphQL endpoint given as an http(s) URL or a path of this origin. */
export function webSocketUrl(httpUrl: string, base: string): string {
  const url = new URL(httpUrl, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
