import { Show } from 'solid-js';
import { t } from '../../i18n/i18n';

export interface ErrorPageProps {
  error: unknown;
  /** Offered as a button when given (e.g. an ErrorBoundary's reset); otherwise the button reloads the app. */
  onRetry?: () => void;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
  return String(error);
}

/** Full-screen failure: startup errors and anything a page throws. Shows the error's own text, never hides it. */
export function ErrorPage(props: ErrorPageProps) {
  return (
    <main class="page page--center error-page" role="alert">
      <div class="error-page__icon" aria-hidden="true">
        ✿
      </div>
      <h1>{t('startup.title')}</h1>
      <pre class="error-page__message">{messageOf(props.error)}</pre>
      <p class="hint">{t('startup.hint')}</p>
      <Show
        when={props.onRetry}
        fallback={
          <button type="button" class="button" onClick={() => window.location.reload()}>
            {t('app.reload')}
          </button>
        }
      >
        {(retry) => (
          <button type="button" class="button" onClick={() => retry()()}>
            {t('app.retry')}
          </button>
        )}
      </Show>
    </main>
  );
}
