/** Where a Telegram launch's parameters are kept for reloads inside the same Mini App (sessionStorage). */
export const STORED_LAUNCH_KEY = 'posy.telegram-launch';

/**
 * Whether the address or the tab's storage may hold Telegram launch parameters: when neither does, the app
 * is a plain PWA and the parser (telegram/launch-params.ts) is never downloaded.
 */
export function mayBeTelegramLaunch(hash: string, stored: string | null): boolean {
  return stored !== null || hash.includes('tgWebAppData');
}
