import { parseLaunchParamsQuery } from '@tma.js/sdk-solid';
import { describe, expect, test } from 'vitest';
import { hasTelegramBridge, readLaunchParams, rememberLaunch, STORED_LAUNCH_KEY } from './launch-params';

const user = { id: 42, first_name: 'Ann', language_code: 'ru' };

/** A launch query as Telegram puts it in the hash; `initData` fields are its tgWebAppData. */
function launchQuery(initData: Record<string, string>, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    tgWebAppData: new URLSearchParams({ auth_date: '1700000000', hash: 'abc', ...initData }).toString(),
    tgWebAppPlatform: 'ios',
    tgWebAppVersion: '8.0',
    tgWebAppThemeParams: '{"bg_color":"#ffffff"}',
    ...extra,
  }).toString();
}

describe('readLaunchParams', () => {
  test('a launch the SDK accepts is read as it is, and the SDK needs no copy', () => {
    const query = launchQuery({ user: JSON.stringify(user), signature: 'sig', start_param: 'shop-demo' });
    const params = readLaunchParams(`#${query}`, null);
    expect(params).toMatchObject({
      rawInitData: new URLSearchParams(query).get('tgWebAppData'),
      platform: 'ios',
      version: '8.0',
      startParam: 'shop-demo',
      languageCode: 'ru',
      sdkNeedsCopy: false,
    });
  });

  test('a client that sends no signature starts: the SDK gets a copy it accepts, the server the original', () => {
    const query = launchQuery({ user: JSON.stringify(user) });
    // What made the app show "Posy could not start" before: the SDK's own parser refuses it.
    expect(() => parseLaunchParamsQuery(query)).toThrow();
    const params = readLaunchParams(query, null);
    expect(params?.sdkNeedsCopy).toBe(true);
    expect(params?.rawInitData).toBe(new URLSearchParams(query).get('tgWebAppData'));
    const parsed = parseLaunchParamsQuery(params?.sdkQuery ?? '');
    expect(parsed.tgWebAppData?.user?.id).toBe(42);
    expect(parsed.tgWebAppPlatform).toBe('ios');
  });

  test('a user without first_name or optional fields, and no version, still starts', () => {
    const query = launchQuery({ user: JSON.stringify({ id: 7 }) }, { tgWebAppVersion: '' });
    const params = readLaunchParams(query, null);
    expect(params).toMatchObject({ languageCode: undefined, version: '6.0', sdkNeedsCopy: true });
    expect(parseLaunchParamsQuery(params?.sdkQuery ?? '').tgWebAppData?.user?.id).toBe(7);
  });

  test('Telegram start parameter comes from the launch, else from the init data', () => {
    const both = launchQuery({ signature: 's', start_param: 'inner' }, { tgWebAppStartParam: 'outer' });
    expect(readLaunchParams(both, null)?.startParam).toBe('outer');
    expect(readLaunchParams(launchQuery({ signature: 's' }), null)?.startParam).toBeUndefined();
  });

  test('a reload without the hash reads the stored launch; no launch at all is a browser', () => {
    const query = launchQuery({ user: JSON.stringify(user), signature: 'sig' });
    const storage = memoryStorage();
    rememberLaunch(storage, `#${query}`);
    expect(storage.getItem(STORED_LAUNCH_KEY)).toBe(query);
    expect(readLaunchParams('', storage.getItem(STORED_LAUNCH_KEY))).toMatchObject({
      platform: 'ios',
      sdkNeedsCopy: true,
    });
    expect(readLaunchParams('', null)).toBeUndefined();
    expect(readLaunchParams('#/orders', null)).toBeUndefined();
    // Without init data or a platform it is no launch, and nothing is remembered.
    rememberLaunch(storage, '#tgWebAppPlatform=ios');
    expect(storage.getItem(STORED_LAUNCH_KEY)).toBe(query);
    expect(readLaunchParams('#tgWebAppPlatform=ios', null)).toBeUndefined();
  });
});

describe('hasTelegramBridge', () => {
  const topWindow = () => {
    const win = {} as { self: unknown; top: unknown };
    win.self = win;
    win.top = win;
    return win;
  };

  test('the webview proxy, the Windows Phone bridge or a parent frame is a Telegram client', () => {
    expect(hasTelegramBridge({ ...topWindow(), TelegramWebviewProxy: { postEvent() {} } } as never)).toBe(
      true,
    );
    expect(hasTelegramBridge({ ...topWindow(), external: { notify() {} } } as never)).toBe(true);
    expect(hasTelegramBridge({ self: {}, top: {} } as never)).toBe(true);
  });

  test('a plain top-level browser window is none', () => {
    const win = topWindow();
    expect(hasTelegramBridge(win as never)).toBe(false);
    expect(hasTelegramBridge({ ...win, self: win, TelegramWebviewProxy: {} } as never)).toBe(false);
  });
});

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}
