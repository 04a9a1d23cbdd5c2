import { createSignal, onCleanup } from 'solid-js';

/** How long typing pauses before a search box asks the server: one query per pause, not one per letter. */
export const searchDelayMs = 300;

/**
 * A search box's text as typed (for the input) and as settled once typing paused for `delayMs` (for the
 * query). Call it inside a component: the pending timer goes with it.
 */
export function createSettledSearch(initial = '', delayMs = searchDelayMs) {
  const [typed, setTypedNow] = createSignal(initial);
  const [settled, setSettled] = createSignal(initial);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  function setTyped(value: string) {
    setTypedNow(value);
    clearTimeout(timer);
    timer = setTimeout(() => setSettled(value), delayMs);
  }
  return { typed, settled, setTyped };
}
