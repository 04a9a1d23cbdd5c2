// Reading a Mini App launch without the Telegram SDK: the first screen decides "Telegram or PWA" from this
// alone, so PWA users never download the SDK (init.ts loads it only for a Telegram launch), and a client
// whose launch parameters the SDK's strict parser refuses still starts.

/** Where a Telegram launch's parameters are kept for reloads that lose the address's hash. */
import { STORED_LAUNCH_KEY } from './launch-key';

export { STORED_LAUNCH_KEY };

/** A Mini App launch as Telegram described it in the address's hash (https://docs.telegram-mini-apps.com/platform/launch-parameters). */
export interface TelegramLaunchParams {
  /** Init data exactly as Telegram passed it: the server checks its hash over these very bytes. */
  rawInitData: string;
  platform: string;
  version: string;
  startParam: string | undefined;
  languageCode: string | undefined;
  /**
   * The same parameters in the shape the SDK's parser insists on: clients that send no `signature` (older
   * ones, some desktop builds) or a user without `first_name` get empty strings there. Only the SDK reads
   * this; the server gets {@link rawInitData}.
   */
  sdkQuery: string;
  /** The SDK cannot read these parameters from the address by itself: patched, or read from storage. */
  sdkNeedsCopy: boolean;
}

/**
 * The launch parameters in `hash` (the address's `#…`, with or without the `#`), else in `stored` (an
 * earlier {@link TelegramLaunchParams.sdkQuery} source kept by {@link rememberLaunch}), else undefined.
 * Lenient where Telegram clients differ, strict only about what a launch must have: init data and a platform.
 */
export function readLaunchParams(hash: string, stored: string | null): TelegramLaunchParams | undefined {
  const fromHash = parseLaunchQuery(hash.replace(/^#/, ''));
  if (fromHash) return fromHash;
  const fromStorage = stored ? parseLaunchQuery(stored) : undefined;
  return fromStorage && { ...fromStorage, sdkNeedsCopy: true };
}

function parseLaunchQuery(query: string): TelegramLaunchParams | undefined {
  const params = new URLSearchParams(query);
  const rawInitData = params.get('tgWebAppData');
  const platform = params.get('tgWebAppPlatform');
  if (!rawInitData || !platform) return undefined;
  const initData = new URLSearchParams(rawInitData);
  const user = parseUser(initData.get('user'));
  // The SDK requires these fields; their content matters to nobody here (the server checks the hash).
  const patchSignature = !initData.has('signature');
  const patchUser = user !== undefined && typeof user.first_name !== 'string';
  if (patchSignature) initData.set('signature', '');
  if (patchUser) initData.set('user', JSON.stringify({ ...user, first_name: '' }));
  const version = params.get('tgWebAppVersion') || '6.0';
  const sdkParams = new URLSearchParams(params);
  sdkParams.set('tgWebAppData', initData.toString());
  sdkParams.set('tgWebAppVersion', version);
  return {
    rawInitData,
    platform,
    version,
    startParam: params.get('tgWebAppStartParam') || initData.get('start_param') || undefined,
    languageCode: typeof user?.language_code === 'string' ? user.language_code : undefined,
    sdkQuery: sdkParams.toString(),
    sdkNeedsCopy: patchSignature || patchUser || !params.get('tgWebAppVersion'),
  };
}

function parseUser(json: string | null): Record<string, unknown> | undefined {
  if (!json) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the hash's launch query for reloads (some clients reload without it). */
export function rememberLaunch(storage: Storage, hash: string): void {
  const query = hash.replace(/^#/, '');
  if (parseLaunchQuery(query)) storage.setItem(STORED_LAUNCH_KEY, query);
}

/**
 * Whether a Telegram client is around to talk to: its webview bridge (mobile and desktop apps), the
 * Windows Phone bridge, or a parent frame (Telegram Web). Launch parameters without one are a Mini App
 * link opened in a plain browser. The user agent is never read: webviews and browsers lie in it alike.
 */
export function hasTelegramBridge(win: Window): boolean {
  const candidate = win as Window & {
    TelegramWebviewProxy?: { postEvent?: unknown };
    external?: { notify?: unknown };
  };
  if (typeof candidate.TelegramWebviewProxy?.postEvent === 'function') return true;
  if (typeof candidate.external?.notify === 'function') return true;
  try {
    return win.self !== win.top;
  } catch {
    // A cross-origin parent refuses the comparison: that is a frame too.
    return true;
  }
}
