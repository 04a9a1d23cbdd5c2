import { createMutation, createQuery } from '@urql/solid';
import { Match, Show, Switch } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { Section } from '../../components/Section/Section';
import { dateTime, t } from '../../i18n/i18n';
import {
  GiveLocationConsentMutation,
  MyLocationConsentQuery,
  WithdrawLocationConsentMutation,
} from './location.documents';
import { positionSentAt, sharingFor, sharingProblem, startSharing, stopSharing } from './location-sharing';

/**
 * Sharing the courier's position with the shop and this order's customer while the bouquet is on the
 * way: only after the courier agreed (giveLocationConsent, asked here in plain words) and pressed start.
 */
export function LocationSharing(props: { orderId: string }) {
  const [consent, refetchConsent] = createQuery({ query: MyLocationConsentQuery });
  const [giving, giveConsent] = createMutation(GiveLocationConsentMutation);
  const [withdrawing, withdrawConsent] = createMutation(WithdrawLocationConsentMutation);
  const consentActive = () => consent.data?.myLocationConsent?.active === true;
  const sharing = () => sharingFor() === props.orderId;

  async function agreeAndStart() {
    const answer = await giveConsent({});
    if (answer.data?.giveLocationConsent.active) {
      refetchConsent({ requestPolicy: 'network-only' });
      startSharing(props.orderId);
    }
  }

  async function withdraw() {
    stopSharing();
    await withdrawConsent({});
    refetchConsent({ requestPolicy: 'network-only' });
  }

  return (
    <Section bodyClass="form" title={t('courier.location.title')}>
      <Switch>
        <Match when={sharing()}>
          <p class="hint" role="status">
            {positionSentAt()
              ? t('courier.location.sentAt', {
                  at: dateTime(positionSentAt() ?? '', { timeZone: activeShopAccess()?.shop.timezone }),
                })
              : t('courier.location.sharing')}
          </p>
          <button type="button" class="button" onClick={stopSharing}>
            {t('courier.location.stop')}
          </button>
        </Match>
        <Match when={consentActive()}>
          <button type="button" class="button button--primary" onClick={() => startSharing(props.orderId)}>
            {t('courier.location.start')}
          </button>
          <button
            type="button"
            class="button button--plain"
            disabled={withdrawing.fetching}
            onClick={() => void withdraw()}
          >
            {t('courier.location.withdraw')}
          </button>
        </Match>
        <Match when={consent.data}>
          <p class="hint">{t('courier.location.consent')}</p>
          <button
            type="button"
            class="button button--primary"
            disabled={giving.fetching}
            onClick={() => void agreeAndStart()}
          >
            {t('courier.location.agree')}
          </button>
        </Match>
      </Switch>
      <Show when={sharingProblem()}>
        {(which) => (
          <p class="error-message" role="alert">
            {t(`courier.location.problem.${which()}`)}
          </p>
        )}
      </Show>
      <ErrorMessage error={consent.error ?? giving.error ?? withdrawing.error} />
    </Section>
  );
}
