import {
  backButton,
  initData,
  init as initTelegramSdk,
  isTMA,
  miniApp,
  retrieveLaunchParams,
  setDebug,
  themeParams,
  viewport,
} from '@tma.js/sdk-solid';
import { setDeviceLanguages } from './i18n/i18n';
import type { Launch } from './telegram/launch';
import { launchStartParam } from './telegram/start-param';
import { bindTelegramTheme } from './telegram/theme';

export interface InitOptions {
  /** Log the Telegram bridge's traffic to the console. @default false */
  debug?: boolean;
}

/**
 * Prepares the environment before the first render. Inside Telegram: starts the SDK, mounts the
 * mini app, theme, viewport and back button, binds the theme's CSS variables, expands to full height
 * and tells Telegram the app is ready. Outside Telegram the app runs as a plain PWA and there is
 * nothing to set up. Any failure is thrown for index.tsx to show; nothing is swallowed here.
 */
export async function init(options: InitOptions = {}): Promise<Launch> {
  if (!isTMA()) {
    return { kind: 'browser', standalone: window.matchMedia('(display-mode: standalone)').matches };
  }

  setDebug(options.debug ?? false);
  initTelegramSdk();
  const launchParams = retrieveLaunchParams();

  miniApp.mount();
  themeParams.mount();
  initData.restore();
  // Clients older than Bot API 6.1 have no back button: pages then draw their own (see useTelegramBackButton).
  backButton.mount.ifAvailable();
  // The viewport asks the Telegram client for its size, which may reject; that rejection is a startup error.
  if (viewport.mount.isAvailable()) {
    await viewport.mount();
    viewport.expand.ifAvailable();
  }
  bindTelegramTheme();
  miniApp.ready.ifAvailable();

  const languageCode = launchParams.tgWebAppData?.user?.language_code;
  if (languageCode) setDeviceLanguages([languageCode, ...navigator.languages]);

  return {
    kind: 'telegram',
    platform: launchParams.tgWebAppPlatform,
    rawInitData: initData.raw(),
    languageCode,
    // Telegram's own start parameter, else the one a bot's web_app button carried in the URL.
    startParam: launchStartParam(launchParams.tgWebAppStartParam, window.location.search),
  };
}
