import { createQuery } from '@urql/solid';
import { Show } from 'solid-js';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Spinner } from '../../components/Spinner/Spinner';
import { t } from '../../i18n/i18n';
import { CheckoutRulesForm } from './CheckoutRulesForm';
import { CheckoutSettingsQuery } from './checkout-settings.loader';
import { DeliverySlots } from './DeliverySlots';
import { DeliveryZones } from './DeliveryZones';
import { ShopClosures } from './ShopClosures';

/**
 * What checkout offers customers, for admins and managers: the same-day cut-off and card text limit,
 * the weekly delivery slots, the closure days and the delivery zones. Each change is saved on its own
 * and the settings are read again, so the page shows what the server keeps.
 */
export default function CheckoutSettingsPage() {
  const [result, refetch] = createQuery({ query: CheckoutSettingsQuery });
  const reload = () => refetch({ requestPolicy: 'network-only' });

  return (
    <main class="page">
      <PageHeader title={t('checkoutSettings.title')} />
      <ErrorMessage error={result.error} onRetry={reload} />
      <Show when={result.data?.checkoutSettings} fallback={<Show when={result.fetching}>{<Spinner />}</Show>}>
        {(settings) => (
          <>
            <CheckoutRulesForm settings={settings()} onSaved={reload} />
            <DeliverySlots slots={settings().slots} onChanged={reload} />
            <ShopClosures closures={settings().closures} timeZone={settings().timezone} onChanged={reload} />
            <DeliveryZones zones={settings().zones} onChanged={reload} />
          </>
        )}
      </Show>
    </main>
  );
}
