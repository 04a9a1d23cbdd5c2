import { Show } from 'solid-js';
import { requestIdOf } from '../../graphql/errors';
import { t } from '../../i18n/i18n';

export interface ErrorPageProps {
  error: unknown;
  /** Offered as a button when given (e.g. an ErrorBoundary's reset); otherwise the button reloads the app. */
  onRetry?: () => void;
}

/** Name, message and causes: some SDK errors carry their meaning in the name alone (UnknownEnvError). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const own = error.message ? `${error.name}: ${error.message}` : error.name;
  return error.cause === undefined ? own : `${own}\n← ${describeError(error.cause)}`;
}

/** Full-screen failure: startup errors and anything a page throws. Shows the error's own text, never hides it. */
export function ErrorPage(props: ErrorPageProps) {
  return (
    <main class="page page--center error-page" role="alert">
      <div class="error-page__icon" aria-hidden="true">
        ✿
      </div>
      <h1>{t('startup.title')}</h1>
      <pre class="error-page__message">{describeError(props.error)}</pre>
      <Show when={requestIdOf(props.error)}>
        {(id) => <p class="error-page__request-id">{t('error.requestId', { id: id() })}</p>}
      </Show>
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
