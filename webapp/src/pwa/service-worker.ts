import { createSignal } from 'solid-js';

const [updateWaiting, setUpdateWaiting] = createSignal(false);

/** A new version of the app is installed and waits for the user's word (components/UpdatePrompt). */
export { updateWaiting };

let activate: ((reloadPage?: boolean) => Promise<void>) | undefined;

/**
 * Registers the service worker (after the first render: its code is not the first screen's). A new
 * version does not take over by itself (registerType 'prompt'): it waits until the user chooses to
 * update, so nothing reloads under someone typing.
 */
export async function startServiceWorker(): Promise<void> {
  const { registerSW } = await import('virtual:pwa-register');
  activate = registerSW({ immediate: true, onNeedRefresh: () => setUpdateWaiting(true) });
}

/** Lets the waiting version take over and reloads the page into it. */
export function applyUpdate(): Promise<void> {
  return activate?.(true) ?? Promise.resolve();
}
