// The Telegram SDK, for the modules that use it once the app runs inside Telegram. It is loaded with a
// dynamic import by init.ts for a Telegram launch only, so it is a chunk of its own that PWA users never
// download; everything else reaches it through telegramSdk(), which is undefined outside Telegram.
export type TelegramSdk = typeof import('./sdk-parts');

let loaded: TelegramSdk | undefined;

/** Loads the SDK (once) and makes it available through {@link telegramSdk}. */
export async function loadTelegramSdk(): Promise<TelegramSdk> {
  loaded ??= await import('./sdk-parts');
  return loaded;
}

/** The SDK when the app runs inside Telegram, else undefined. */
export function telegramSdk(): TelegramSdk | undefined {
  return loaded;
}
