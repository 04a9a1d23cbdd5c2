import { emitEvent, mockTelegramEnv } from '@tma.js/sdk-solid';
import { signInitData } from './telegram/init-data-signing';
import { hasTelegramBridge, STORED_LAUNCH_KEY } from './telegram/launch-params';

/**
 * The bot token the server checks init data against outside production when no BOT_TOKEN is set
 * (server/src/config.ts, DEVELOPMENT_BOT_TOKEN). Public on purpose: it signs nothing real.
 */
const developmentBotToken = '1:posy-development-only';

/** The Telegram accounts of the demo shop's people (prisma/src/seed.ts). */
const demoTelegramUsers: Record<string, { first_name: string; username: string; language_code: string }> = {
  '100000001': { first_name: 'Anna Admin', username: 'admin', language_code: 'ru' },
  '100000002': { first_name: 'Max Manager', username: 'manager', language_code: 'en' },
  '100000003': { first_name: 'Fiona Florist', username: 'florist', language_code: 'ru' },
  '100000004': { first_name: 'Kirill Courier', username: 'courier', language_code: 'ru' },
  '100000005': { first_name: 'Chris Customer', username: 'customer', language_code: 'en' },
};

/** The demo customer, opening the demo shop's Mini App: who the Mini App is mostly for. */
const defaultTelegramUserId = '100000005';

const marker = 'POSY_MOCK_TELEGRAM_ENV';

/**
 * Development only: imitates the Telegram client so the Mini App path (SDK start, theme, back button,
 * sign-in with init data) can be worked on in a desktop browser. index.tsx imports this file behind
 * `import.meta.env.DEV`, so production builds do not contain it (checked by grepping dist for
 * POSY_MOCK_TELEGRAM_ENV).
 *
 * It is opt-in, because outside Telegram the app is a plain PWA with its own login: open
 * http://localhost:5173/?mockTelegram to turn it on for the tab as the demo customer,
 * ?mockTelegram=100000002 to be another demo account (its Telegram id; see demoTelegramUsers), and
 * ?mockTelegram=off to turn it off. The init data is signed with the development bot token, which the
 * server accepts outside production when it has no BOT_TOKEN, so the mock signs in for real.
 */
export async function mockTelegram(): Promise<void> {
  const url = new URL(window.location.href);
  const requested = url.searchParams.get('mockTelegram');
  if (requested !== null) {
    if (requested === 'off') sessionStorage.removeItem(marker);
    else sessionStorage.setItem(marker, requested in demoTelegramUsers ? requested : defaultTelegramUserId);
    url.searchParams.delete('mockTelegram');
    window.history.replaceState(null, '', url);
  }

  const userId = sessionStorage.getItem(marker);
  // A reload loses the bridge the mock installed (while the launch parameters stay in sessionStorage), so
  // a reload mocks again; a real Telegram client is never mocked over.
  if (!userId || hasTelegramBridge(window)) return;
  const user = demoTelegramUsers[userId] ?? demoTelegramUsers[defaultTelegramUserId];

  const themeParams = {
    accent_text_color: '#c0406a',
    bg_color: '#ffffff',
    button_color: '#c0406a',
    button_text_color: '#ffffff',
    destructive_text_color: '#d92d20',
    header_bg_color: '#ffffff',
    hint_color: '#8a8a8e',
    link_color: '#c0406a',
    secondary_bg_color: '#f2f2f6',
    section_bg_color: '#ffffff',
    section_header_text_color: '#8a8a8e',
    subtitle_text_color: '#8a8a8e',
    text_color: '#1c1c1e',
  } as const;
  const noInsets = { left: 0, top: 0, right: 0, bottom: 0 } as const;
  const startParam = 'shop-demo';
  const initData = await signInitData(
    {
      user: JSON.stringify({ id: Number(userId), ...user }),
      auth_date: String(Math.floor(Date.now() / 1000)),
      start_param: startParam,
      // Telegram's Ed25519 signature for third parties; nobody checks it here, but the SDK requires the field.
      signature: 'development-only',
    },
    developmentBotToken,
  );

  const launchQuery = new URLSearchParams({
    tgWebAppPlatform: 'tdesktop',
    tgWebAppVersion: '8.0',
    tgWebAppThemeParams: JSON.stringify(themeParams),
    tgWebAppStartParam: startParam,
    tgWebAppData: initData,
  }).toString();
  // Where init.ts looks for a launch without the address's hash (telegram/launch-params.ts).
  sessionStorage.setItem(STORED_LAUNCH_KEY, launchQuery);
  mockTelegramEnv({
    launchParams: launchQuery,
    onEvent(event) {
      if (event.name === 'web_app_request_theme') {
        emitEvent('theme_changed', { theme_params: themeParams });
      } else if (event.name === 'web_app_request_viewport') {
        emitEvent('viewport_changed', {
          height: window.innerHeight,
          width: window.innerWidth,
          is_expanded: true,
          is_state_stable: true,
        });
      } else if (event.name === 'web_app_request_safe_area') {
        emitEvent('safe_area_changed', noInsets);
      } else if (event.name === 'web_app_request_content_safe_area') {
        emitEvent('content_safe_area_changed', noInsets);
      }
    },
  });
  console.info(
    `${marker}: the Telegram environment is mocked as Telegram user ${userId} (?mockTelegram=off to stop).`,
  );
}
