import { Show } from 'solid-js';
import { liveLinkUp } from '../../graphql/subscription-socket';
import { t } from '../../i18n/i18n';

/**
 * A notice while the live link (the subscription socket) is down: what the page shows may be old until it
 * reconnects, and then the page reads it again (subscriptionsReconnected).
 */
export function LiveStatus() {
  return (
    <Show when={!liveLinkUp()}>
      <p class="live-status" role="status">
        {t('live.down')}
      </p>
    </Show>
  );
}
