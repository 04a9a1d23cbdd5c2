import type { CombinedError } from '@urql/core';
import { Show } from 'solid-js';
import { type ApiErrorCode, type ApiProblem, describeApiError } from '../../graphql/errors';
import { apiProblemMessage, t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

export interface ErrorMessageProps {
  error: CombinedError | undefined;
  /** Messages that say more in this place than the general one (a sign-in form's UNAUTHENTICATED is a wrong password). */
  overrides?: Partial<Record<ApiErrorCode, MessageKey>>;
  /** Like `overrides`, for messages that depend on more than the code (an invite's NOT_FOUND or BAD_USER_INPUT). */
  explain?: (problem: ApiProblem) => MessageKey | undefined;
  onRetry?: () => void;
}

/**
 * A failed operation explained in the user's language; the server's own text is kept in the tooltip.
 * The one place errors are put into words (with apiProblemMessage): RATE_LIMITED says how long to wait.
 * A CONFLICT that this place has no message of its own for also shows the server's words, which say
 * what the conflict is where the general text cannot. A masked server error shows its request id, for
 * the user to quote. Expected refusals come as typed results instead: RefusalMessage.
 */
export function ErrorMessage(props: ErrorMessageProps) {
  return (
    <Show when={props.error}>
      {(error) => {
        const problem = () => describeApiError(error());
        const specific = () => props.explain?.(problem()) ?? props.overrides?.[problem().code];
        const text = () => {
          const key = specific();
          return key ? t(key) : apiProblemMessage(problem());
        };
        const serverWords = () =>
          problem().code === 'CONFLICT' && !specific() ? problem().detail : undefined;
        return (
          <div class="error-message" role="alert" title={problem().detail}>
            <span class="error-message__text">
              <span>{text()}</span>
              <Show when={serverWords()}>
                {(detail) => <span class="error-message__detail">{detail()}</span>}
              </Show>
              <Show when={problem().requestId}>
                {(id) => <span class="error-message__request-id">{t('error.requestId', { id: id() })}</span>}
              </Show>
            </span>
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
