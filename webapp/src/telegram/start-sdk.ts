// Starts the Telegram SDK for a Telegram launch. Imported dynamically by init.ts, so the SDK and this
// file are a chunk of their own that PWA users never load.
import type { TelegramLaunchParams } from './launch-params';
import { loadTelegramSdk } from './sdk';
import { bindTelegramTheme } from './theme';

/**
 * Mounts the mini app, theme, viewport and back button, binds the theme's CSS variables, expands to full
 * height and tells Telegram the app is ready. Any failure is thrown for index.tsx to show.
 */
export async function startTelegramSdk(
  params: TelegramLaunchParams,
  options: { debug: boolean },
): Promise<void> {
  const sdk = await loadTelegramSdk();
  const { backButton, miniApp, themeParams, viewport } = sdk;
  // The SDK reads launch parameters from the address, else from its session copy: hand it the patched ones
  // when the address has none it accepts (no `signature`, a reload without the hash).
  if (params.sdkNeedsCopy) sdk.mockTelegramEnv({ launchParams: params.sdkQuery });
  sdk.setDebug(options.debug);
  sdk.init();

  miniApp.mount();
  themeParams.mount();
  // Clients older than Bot API 6.1 have no back button: pages then draw their own (see useTelegramBackButton).
  backButton.mount.ifAvailable();
  // The checkout's primary action and the close confirmation of a cart that is not empty (issue 12).
  sdk.mainButton.mount.ifAvailable();
  sdk.closingBehavior.mount.ifAvailable();
  // The viewport asks the Telegram client for its size, which may reject; that rejection is a startup error.
  if (viewport.mount.isAvailable()) {
    await viewport.mount();
    viewport.expand.ifAvailable();
  }
  bindTelegramTheme(sdk);
  miniApp.ready.ifAvailable();
}
