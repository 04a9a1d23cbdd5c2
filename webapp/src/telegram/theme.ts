import { createEffect, createRoot } from 'solid-js';
import type { TelegramSdk } from './sdk';

/**
 * Exposes Telegram's colours and viewport as CSS variables (--tg-theme-bg-color, --tg-viewport-stable-height, …)
 * that src/index.css reads with fallbacks, and marks <html data-theme> light or dark for the few rules that
 * need to know; both follow Telegram's theme changes live. Call after the components are mounted.
 */
export function bindTelegramTheme(sdk: TelegramSdk): void {
  const { miniApp, themeParams, viewport } = sdk;
  themeParams.bindCssVars();
  miniApp.bindCssVars();
  if (viewport.isMounted()) viewport.bindCssVars();
  createRoot(() => {
    createEffect(() => {
      document.documentElement.dataset.theme = themeParams.isDark() ? 'dark' : 'light';
    });
  });
}
