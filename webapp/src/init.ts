import { setDeviceLanguages } from './i18n/i18n';
import type { Launch } from './telegram/launch';
import { mayBeTelegramLaunch, STORED_LAUNCH_KEY } from './telegram/launch-key';

export interface InitOptions {
  /** Log the Telegram bridge's traffic to the console. @default false */
  debug?: boolean;
}

/**
 * Decides how the app was opened, before the first render. A Telegram launch (launch parameters and a
 * Telegram client to talk to) loads the SDK and starts it (telegram/start-sdk.ts); anything else runs as a
 * plain PWA and loads nothing more. A Mini App link opened in a plain browser carries launch parameters
 * but has no client: it is a browser launch that says so on the login page.
 */
export async function init(options: InitOptions = {}): Promise<Launch> {
  const stored = sessionStorage.getItem(STORED_LAUNCH_KEY);
  const standalone = window.matchMedia('(display-mode: standalone)').matches;
  if (!mayBeTelegramLaunch(window.location.hash, stored)) return { kind: 'browser', standalone };
  const { hasTelegramBridge, readLaunchParams, rememberLaunch } = await import('./telegram/launch-params');
  const params = readLaunchParams(window.location.hash, stored);
  if (!params) return { kind: 'browser', standalone };
  if (!hasTelegramBridge(window)) return { kind: 'browser', standalone, telegramLinkOutsideTelegram: true };

  rememberLaunch(sessionStorage, window.location.hash);
  // Both only in Telegram: a browser's first screen downloads neither the SDK nor the deep-link parser.
  const [{ startTelegramSdk }, { launchStartParam }] = await Promise.all([
    import('./telegram/start-sdk'),
    import('./telegram/start-param'),
  ]);
  await startTelegramSdk(params, { debug: options.debug ?? false });
  if (params.languageCode) setDeviceLanguages([params.languageCode, ...navigator.languages]);
  return {
    kind: 'telegram',
    platform: params.platform,
    rawInitData: params.rawInitData,
    languageCode: params.languageCode,
    // Telegram's own start parameter, else the one a bot's web_app button carried in the URL.
    startParam: launchStartParam(params.startParam, window.location.search),
  };
}
