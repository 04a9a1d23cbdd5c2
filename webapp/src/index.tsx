import { render } from 'solid-js/web';
import { restoreSession } from './auth/session';
import { App } from './components/App/App';
import { loadMessages, locale } from './i18n/i18n';
import { init } from './init';
import { startServiceWorker } from './pwa/service-worker';
import './index.css';

const root = document.getElementById('root');

async function start(): Promise<void> {
  if (!root) throw new Error('index.html has no #root element');
  // Imported only in development: the condition is `false` in production builds, so the bundler drops the mock.
  if (import.meta.env.DEV) await (await import('./mockEnv')).mockTelegram();
  const launch = await init({ debug: import.meta.env.DEV });
  // Inside Telegram nothing is kept between launches: the login page signs in from initData.
  restoreSession(localStorage, { persist: launch.kind === 'browser' });
  await loadMessages(locale());
  // An invite link opened in Telegram: the router starts from the address bar, so put the invite there.
  if (launch.kind === 'telegram') {
    // init.ts loaded the module already, inside Telegram only.
    const { launchRedirect } = await import('./telegram/start-param');
    const redirect = launchRedirect(launch.startParam, window.location.pathname);
    if (redirect) window.history.replaceState(null, '', redirect);
  }
  render(() => <App launch={launch} />, root);
  // The service worker caches the app shell for installed use; an update waits for the user's word.
  void startServiceWorker().catch((error: unknown) => console.error(error));
}

start().catch(async (error: unknown) => {
  console.error(error);
  try {
    // The start may have failed before any messages arrived; without them there is only plain text.
    await loadMessages(locale());
    const { ErrorPage } = await import('./components/ErrorPage/ErrorPage');
    if (!root) throw error;
    root.replaceChildren();
    render(() => <ErrorPage error={error} />, root);
  } catch {
    document.body.textContent = `Posy could not start: ${String(error)}`;
  }
});
