import { mapExchange } from '@urql/core';
import { type Accessor, createMemo, createRoot, createSignal } from 'solid-js';

/** The subscription socket: not needed yet (or closed after the last subscription), connected, or lost. */
export type SocketState = 'idle' | 'connected' | 'down';

const [browserOnline, setBrowserOnline] = createSignal(
  typeof navigator === 'undefined' ? true : navigator.onLine,
);
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => setBrowserOnline(true));
  window.addEventListener('offline', () => setBrowserOnline(false));
}
const [serverReached, setServerReached] = createSignal(true);
const [socket, setSocket] = createSignal<SocketState>('idle');

/** Set by the subscription socket (subscription-socket.ts). */
export const setSocketState = setSocket;

/** Why what is on screen is not live, or `null` when it is. */
export type LinkProblem = 'offline' | 'server' | 'live-down';

/**
 * Whether what the screen shows is live: the device online, the last request answered, and the
 * socket of live updates connected whenever a screen follows one. Reactive.
 */
export const linkProblem: Accessor<LinkProblem | null> = createRoot(() =>
  createMemo(() => {
    if (!browserOnline()) return 'offline';
    if (!serverReached()) return 'server';
    if (socket() === 'down') return 'live-down';
    return null;
  }),
);

/**
 * Watches what the network answers (placed after the cache, so it sees only real requests): no answer
 * at all marks the server unreachable, any answer marks it reached again.
 */
export const linkStatusExchange = mapExchange({
  onResult(result) {
    const unreachable = result.error?.networkError !== undefined && result.error.graphQLErrors.length === 0;
    if (result.operation.kind !== 'subscription') setServerReached(!unreachable);
  },
});
