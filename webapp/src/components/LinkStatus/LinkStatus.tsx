import { Show } from 'solid-js';
import { linkProblem } from '../../graphql/link-status';
import { t } from '../../i18n/i18n';

const messages = { offline: 'link.offline', server: 'link.server', 'live-down': 'link.liveDown' } as const;

/**
 * The "not live" banner over every screen: shown while the device is offline, the server does not
 * answer, or the socket of live updates is lost, so data read from the cache is never taken for current.
 */
export function LinkStatus() {
  return (
    <Show when={linkProblem()}>
      {(problem) => (
        <p class="link-status" role="status" data-link-problem={problem()}>
          {t(messages[problem()])}
        </p>
      )}
    </Show>
  );
}
