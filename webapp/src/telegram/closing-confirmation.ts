import { createEffect, onCleanup } from 'solid-js';
import { telegramSdk } from './sdk';

/**
 * Asks Telegram to confirm closing the Mini App while `unsaved()` holds (a cart that is not empty, a
 * checkout half filled), so a swipe down does not lose it. Released when the caller goes away.
 */
export function useClosingConfirmation(unsaved: () => boolean): void {
  const closing = telegramSdk()?.closingBehavior;
  if (!closing?.isMounted()) return;
  createEffect(() => {
    if (unsaved()) closing.enableConfirmation.ifAvailable();
    else closing.disableConfirmation.ifAvailable();
  });
  onCleanup(() => closing.disableConfirmation.ifAvailable());
}
