import { onCleanup, onMount } from 'solid-js';
import { telegramSdk } from './sdk';

let pagesShowingButton = 0;

/**
 * Binds Telegram's back button to the calling page for as long as it is mounted: shown on mount,
 * `onBack` on press, hidden when the last page that wants it goes away (whether the next page mounts
 * before or after the previous one is cleaned up is the router's business, so a count is kept, not a flag).
 * @returns true when Telegram draws the button; false outside Telegram, where the page draws its own.
 */
export function useTelegramBackButton(onBack: () => void): boolean {
  const backButton = telegramSdk()?.backButton;
  if (!backButton?.isMounted()) return false;
  onMount(() => {
    pagesShowingButton += 1;
    backButton.show();
    const stopListening = backButton.onClick(onBack);
    onCleanup(() => {
      stopListening();
      pagesShowingButton -= 1;
      if (pagesShowingButton === 0) backButton.hide();
    });
  });
  return true;
}
