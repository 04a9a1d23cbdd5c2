import { createEffect, onCleanup } from 'solid-js';
import { telegramSdk } from './sdk';

export interface MainButtonOptions {
  text: () => string;
  enabled: () => boolean;
  /** Shows Telegram's progress spinner on the button while an action runs. */
  busy?: () => boolean;
  onClick: () => void;
}

/**
 * Binds Telegram's Main button to the calling page's primary action while it is mounted, following its
 * text and enabled state; hidden again when the page goes away.
 * @returns true when Telegram draws the button; false outside Telegram, where the page draws its own.
 */
export function useTelegramMainButton(options: MainButtonOptions): boolean {
  const mainButton = telegramSdk()?.mainButton;
  if (!mainButton?.isMounted()) return false;
  createEffect(() => {
    mainButton.setParams({
      text: options.text(),
      isEnabled: options.enabled(),
      isLoaderVisible: options.busy?.() ?? false,
      isVisible: true,
    });
  });
  const stopListening = mainButton.onClick(() => {
    if (options.enabled()) options.onClick();
  });
  onCleanup(() => {
    stopListening();
    mainButton.setParams({ isVisible: false, isLoaderVisible: false });
  });
  return true;
}
