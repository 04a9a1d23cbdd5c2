import { emitEvent, isTMA, mockTelegramEnv } from '@tma.js/sdk-solid';

/**
 * Development only: imitates the Telegram client so the Mini App path (SDK start, theme, back button,
 * sign-in with init data) can be worked on in a desktop browser. index.tsx imports this file behind
 * `import.meta.env.DEV`, so production builds do not contain it (checked by grepping dist for
 * POSY_MOCK_TELEGRAM_ENV).
 *
 * It is opt-in, because outside Telegram the app is a plain PWA with its own login: open
 * http://localhost:5173/?mockTelegram to turn it on for the tab, ?mockTelegram=off to turn it off.
 * The init data is unsigned, so the server's loginWithTelegram refuses it unless it has a dev bypass.
 */
const marker = 'POSY_MOCK_TELEGRAM_ENV';
const url = new URL(window.location.href);
const requested = url.searchParams.get('mockTelegram');

if (requested !== null) {
  if (requested === 'off') sessionStorage.removeItem(marker);
  else sessionStorage.setItem(marker, '1');
  url.searchParams.delete('mockTelegram');
  window.history.replaceState(null, '', url);
}

if (sessionStorage.getItem(marker) && !isTMA()) {
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

  mockTelegramEnv({
    launchParams: {
      tgWebAppPlatform: 'tdesktop',
      tgWebAppVersion: '8.0',
      tgWebAppThemeParams: themeParams,
      tgWebAppData: new URLSearchParams([
        ['user', JSON.stringify({ id: 1, first_name: 'Dev', username: 'posy_dev', language_code: 'ru' })],
        ['auth_date', String(Math.floor(Date.now() / 1000))],
        ['hash', 'development-only-unsigned'],
        ['signature', 'development-only-unsigned'],
      ]),
    },
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
  console.info(`${marker}: the Telegram environment is mocked (?mockTelegram=off to stop).`);
}
