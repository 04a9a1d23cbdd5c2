import type { CombinedError } from '@urql/core';
import { createEffect, createMemo, createSignal, on, onCleanup, Show } from 'solid-js';
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
  /**
   * The screen still shows what was loaded before the failure (a refresh failed, not the first load):
   * the message says so, so the data stays readable and is not taken for current.
   */
  keptData?: boolean;
}

/**
 * Seconds left of a RATE_LIMITED wait, counted down once a second from when the error arrived;
 * undefined for any other error.
 */
function useCountdown(problem: () => ApiProblem) {
  const [now, setNow] = createSignal(Date.now());
  const deadline = createMemo(() => {
    const wait = problem().retryAfterSeconds;
    return wait === undefined ? undefined : Date.now() + wait * 1000;
  });
  createEffect(
    on(deadline, (end) => {
      if (end === undefined) return;
      setNow(Date.now());
      const timer = setInterval(() => {
        setNow(Date.now());
        if (Date.now() >= end) clearInterval(timer);
      }, 1000);
      onCleanup(() => clearInterval(timer));
    }),
  );
  return () => {
    const end = deadline();
    return end === undefined ? undefined : Math.max(0, Math.ceil((end - now()) / 1000));
  };
}

/**
 * A failed operation explained in the user's language; the server's own text is kept in the tooltip.
 * The one place errors are put into words (with apiProblemMessage): RATE_LIMITED says how long to wait.
 * A CONFLICT that this place has no message of its own for also shows the server's words, which say
 * what the conflict is where the general text cannot. A masked server error shows its request id, for
 * the user to quote. RATE_LIMITED counts its wait down, the retry offered only once it is over.
 * Expected refusals come as typed results instead: RefusalMessage.
 */
export function ErrorMessage(props: ErrorMessageProps) {
  return (
    <Show when={props.error}>
      {(error) => {
        const problem = createMemo(() => describeApiError(error()));
        const secondsLeft = useCountdown(problem);
        const specific = () => props.explain?.(problem()) ?? props.overrides?.[problem().code];
        const text = () => {
          const key = specific();
          if (key) return t(key);
          const left = secondsLeft();
          if (left === 0) return t('error.RATE_LIMITED.over');
          return apiProblemMessage(
            left === undefined ? problem() : { ...problem(), retryAfterSeconds: left },
          );
        };
        const serverWords = () =>
          problem().code === 'CONFLICT' && !specific() ? problem().detail : undefined;
        return (
          <div class="error-message" role="alert" title={problem().detail}>
            <span class="error-message__text">
              <Show when={props.keptData}>
                <span class="error-message__kept">{t('error.keptData')}</span>
              </Show>
              <span
                class="error-message__problem"
                aria-live={secondsLeft() === undefined ? undefined : 'off'}
              >
                {text()}
              </span>
              <Show when={serverWords()}>
                {(detail) => <span class="error-message__detail">{detail()}</span>}
              </Show>
              <Show when={problem().requestId}>
                {(id) => <span class="error-message__request-id">{t('error.requestId', { id: id() })}</span>}
              </Show>
            </span>
            <Show when={props.onRetry}>
              {(retry) => (
                <button
                  type="button"
                  class="button button--small button--plain"
                  disabled={(secondsLeft() ?? 0) > 0}
                  onClick={() => retry()()}
                >
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
