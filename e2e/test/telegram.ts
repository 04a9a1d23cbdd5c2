import { createHmac } from 'node:crypto';
import { sign } from '@tma.js/init-data-node';
import type { Page } from 'playwright-core';

export interface TelegramUser {
  id: number;
  first_name: string;
  username?: string;
  language_code?: string;
}

const themeParams = {
  bg_color: '#ffffff',
  text_color: '#1c1c1e',
  hint_color: '#8a8a8e',
  link_color: '#c0406a',
  button_color: '#c0406a',
  button_text_color: '#ffffff',
  secondary_bg_color: '#f2f2f6',
};

/** Init data as Telegram hands it to a Mini App, signed for `botToken` (loginWithTelegram's argument). */
export function signedInitData(options: {
  user: TelegramUser;
  botToken: string;
  startParam?: string;
  /** Leave out `signature`, as some Telegram clients do. @default true */
  signature?: boolean;
}): string {
  const fields = {
    user: options.user,
    ...(options.startParam ? { start_param: options.startParam } : {}),
    // Telegram's Ed25519 signature for third parties: nobody checks it here; the SDK's parser requires it.
    signature: 'e2e',
  };
  if (options.signature !== false) return sign(fields, options.botToken, new Date());
  // The reference signer always writes a `signature` field: without one, sign as Telegram specifies
  // (https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app).
  const params = new URLSearchParams({
    auth_date: String(Math.floor(Date.now() / 1000)),
    user: JSON.stringify(options.user),
    ...(options.startParam ? { start_param: options.startParam } : {}),
  });
  const checkString = [...params.entries()]
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(options.botToken).digest();
  params.set('hash', createHmac('sha256', secret).update(checkString).digest('hex'));
  return params.toString();
}

/**
 * The address Telegram opens a Mini App at: the app's URL with the launch parameters in the hash, the
 * init data signed for `botToken` as Telegram signs it (by @tma.js/init-data-node's reference signer).
 */
export async function miniAppUrl(
  appUrl: string,
  options: {
    user: TelegramUser;
    botToken: string;
    startParam?: string;
    platform?: string;
    signature?: boolean;
  },
): Promise<string> {
  const initData = signedInitData(options);
  const hash = new URLSearchParams({
    tgWebAppData: initData,
    tgWebAppVersion: '8.0',
    tgWebAppPlatform: options.platform ?? 'android',
    tgWebAppThemeParams: JSON.stringify(themeParams),
    ...(options.startParam ? { tgWebAppStartParam: options.startParam } : {}),
  });
  return `${appUrl}/#${hash}`;
}

/**
 * Plays the Telegram client around the page, as Telegram's Android app does: the app posts events
 * through `window.TelegramWebviewProxy.postEvent`, and the client answers through
 * `window.Telegram.WebView.receiveEvent`. Returns the names of the events the app posted.
 */
export async function emulateTelegramClient(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript((theme) => {
    const posted: string[] = [];
    const noInsets = { left: 0, top: 0, right: 0, bottom: 0 };
    const answers: Record<string, () => [string, unknown]> = {
      web_app_request_theme: () => ['theme_changed', { theme_params: theme }],
      web_app_request_viewport: () => [
        'viewport_changed',
        { height: window.innerHeight, width: window.innerWidth, is_expanded: true, is_state_stable: true },
      ],
      web_app_request_safe_area: () => ['safe_area_changed', noInsets],
      web_app_request_content_safe_area: () => ['content_safe_area_changed', noInsets],
    };
    const target = window as unknown as {
      postedTelegramEvents: string[];
      TelegramWebviewProxy: { postEvent(name: string, data: string | undefined): void };
      Telegram?: { WebView?: { receiveEvent?(name: string, data: unknown): void } };
    };
    target.postedTelegramEvents = posted;
    target.TelegramWebviewProxy = {
      postEvent(name) {
        posted.push(name);
        const answer = answers[name];
        if (answer) setTimeout(() => target.Telegram?.WebView?.receiveEvent?.(...answer()));
      },
    };
  }, themeParams);
  return () =>
    page.evaluate(() => (window as unknown as { postedTelegramEvents: string[] }).postedTelegramEvents);
}
