import { createQuery, createSubscription } from '@urql/solid';
import type { ResultOf } from 'gql.tada';
import { createEffect, createSignal, on, onCleanup } from 'solid-js';
import { session } from '../../auth/session';
import { describeApiError } from '../../graphql/errors';
import { courierSynced } from '../../offline/courier-sync';
import { loadDay, type SavedDay, saveDay } from '../../offline/offline-day';
import { MyDeliveryChangedSubscription } from './courier.documents';
import { CourierDayQuery, courierToday } from './courier.loader';

export type CourierDay = ResultOf<typeof CourierDayQuery>;
export type CourierDelivery = CourierDay['myDeliveries'][number];

/**
 * The courier's day: from the server while there is a connection (each answer kept in IndexedDB), and
 * the kept one while there is none, with when it was loaded. Re-read after the queue sent something and
 * when the browser is back online, so the screen shows the server's state rather than the guess.
 */
export function useCourierDay() {
  const date = courierToday();
  const owner = () => `${session()?.user.id ?? ''}/${session()?.activeShopId ?? ''}`;
  const [result, refetch] = createQuery({
    query: CourierDayQuery,
    variables: { date },
    requestPolicy: 'cache-and-network',
  });
  const [saved, setSaved] = createSignal<SavedDay<CourierDay>>();
  const reload = () => refetch({ requestPolicy: 'network-only' });

  createEffect(() => {
    const data = result.data;
    // A plain copy: urql's results may be proxies, which IndexedDB cannot clone. Keeping the day is a
    // convenience: a full disk must not break the screen.
    if (data) void saveDay(owner(), date, JSON.parse(JSON.stringify(data)) as CourierDay).catch(() => {});
  });
  createEffect(() => {
    const error = result.error;
    if (!error || describeApiError(error).code !== 'NETWORK' || result.data) return;
    void loadDay<CourierDay>(owner()).then((day) => setSaved(day?.date === date ? day : undefined));
  });
  createEffect(on(courierSynced, reload, { defer: true }));
  // A manager gave or took a delivery, or changed one: the list follows without a reload.
  const [changed] = createSubscription({ query: MyDeliveryChangedSubscription });
  createEffect(on(() => changed.data, reload, { defer: true }));
  const whenOnline = () => reload();
  window.addEventListener('online', whenOnline);
  onCleanup(() => window.removeEventListener('online', whenOnline));

  return {
    date,
    /** The day to show: the server's answer, else the kept copy. */
    day: (): CourierDay | undefined => result.data ?? saved()?.data,
    /** When the shown day was loaded, when it is the kept copy (offline). */
    savedAt: (): string | undefined => (result.data ? undefined : saved()?.savedAt),
    fetching: () => result.fetching,
    error: () => (result.data || saved() ? undefined : result.error),
    reload,
  };
}
