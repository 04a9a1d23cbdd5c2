import { miniApp, themeParams, viewport } from '@tma.js/sdk-solid';
import { createEffect, createRoot } from 'solid-js';

/**
 * Exposes Telegram's colours and viewport as CSS variables (--tg-theme-bg-color, --tg-viewport-stable-height, …)
 * that src/index.css reads with fallbacks, and marks <html data-theme> light or dark for the few rules that
 * need to know. Call after the components are mounted.
 */
export function bindTelegramTheme(): void {
  themeParams.bindCssVars();
  miniApp.bindCssVars();
  if (viewport.isMounted()) viewport.bindCssVars();
  createRoot(() => {
    createEffect(() => {
      document.documentElement.dataset.theme = themeParams.isDark() ? 'dark' : 'light';
    });
  });
}
