import { createContext, useContext } from 'solid-js';

/** Opened as a Mini App inside Telegram. */
export interface TelegramLaunch {
  kind: 'telegram';
  /** Telegram client platform (ios, android, tdesktop, weba, …). */
  platform: string;
  /** Init data exactly as Telegram passed it: the server checks its signature, so it is never re-encoded. */
  rawInitData: string | undefined;
  /** The Telegram user's language, used before they sign in. */
  languageCode: string | undefined;
  /**
   * The deep link's payload (`shop-<slug>`, `order-<id>`, `invite-<token>`, `customer-<token>`; see
   * @posy/bot/deep-link): Telegram's start parameter, or the `startapp` query parameter of a bot button's URL.
   */
  startParam: string | undefined;
}

/** Opened as a web app or installed PWA. */
export interface BrowserLaunch {
  kind: 'browser';
  /** True when started from the home screen (display-mode: standalone). */
  standalone: boolean;
  /** A Mini App link opened in a plain browser: Telegram's launch parameters with no Telegram client. */
  telegramLinkOutsideTelegram?: boolean;
}

export type Launch = TelegramLaunch | BrowserLaunch;

export const LaunchContext = createContext<Launch>({ kind: 'browser', standalone: false });

/** How the app was opened: decides Telegram sign-in, the back button and the device label. */
export function useLaunch(): Launch {
  return useContext(LaunchContext);
}

/** Short description of this device for the server's session list ("Telegram ios", "PWA Android"). */
export function deviceLabel(launch: Launch, userAgent: string): string {
  if (launch.kind === 'telegram') return `Telegram ${launch.platform}`;
  const system =
    [/Android/, /iPhone|iPad|iPod/, /Windows/, /Mac OS X/, /Linux/]
      .map((pattern) => userAgent.match(pattern)?.[0])
      .find(Boolean) ?? 'unknown system';
  const label = system.startsWith('iP') ? 'iOS' : system === 'Mac OS X' ? 'macOS' : system;
  return `${launch.standalone ? 'PWA' : 'Browser'} ${label}`;
}
