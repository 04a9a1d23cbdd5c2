import type { CombinedError } from '@urql/core';
import { Show } from 'solid-js';
import { type ApiErrorCode, describeApiError } from '../../graphql/errors';
import { apiProblemMessage, t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

export interface ErrorMessageProps {
  error: CombinedError | undefined;
  /** Messages that say more in this place than the general one (a sign-in form's UNAUTHENTICATED is a wrong password). */
  overrides?: Partial<Record<ApiErrorCode, MessageKey>>;
  onRetry?: () => void;
}

/** A failed operation explained in the user's language; the server's own text is kept in the tooltip. */
export function ErrorMessage(props: ErrorMessageProps) {
  return (
    <Show when={props.error}>
      {(error) => {
        const problem = () => describeApiError(error());
        const text = () => {
          const override = props.overrides?.[problem().code];
          return override ? t(override) : apiProblemMessage(problem());
        };
        return (
          <div class="error-message" role="alert" title={problem().detail}>
            <span>{text()}</span>
            <Show when={props.onRetry}>
              {(retry) => (
                <button type="button" class="button button--small button--plain" onClick={() => retry()()}>
                  {t('app.retry')}
                </button>
              )}
            </Show>
          </div>
        );
      }}
    </Show>
  );
}
