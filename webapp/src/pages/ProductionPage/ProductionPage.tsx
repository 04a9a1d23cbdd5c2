import { A } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import type { ResultOf } from 'gql.tada';
import { For, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Spinner } from '../../components/Spinner/Spinner';
import { followLive, liveFeed } from '../../graphql/live-refresh';
import { dateTime, t } from '../../i18n/i18n';
import { href } from '../../route-paths';
import {
  ProductionQueueQuery,
  type ProductionTaskCardFields,
  ProductionTaskChangedSubscription,
} from './production.loader';
import { taskStatusClass } from './production-task';

/**
 * The florist's queue: open tasks by the time they must be ready, live (productionTaskChanged), so a task
 * a colleague takes or a manager confirms shows without a reload.
 */
export default function ProductionPage() {
  const [result, refetch] = createQuery({ query: ProductionQueueQuery });
  const reread = () => refetch({ requestPolicy: 'network-only' });
  followLive([liveFeed(ProductionTaskChangedSubscription)], reread);

  return (
    <main class="page">
      <PageHeader title={t('production.title')} subtitle={activeShopAccess()?.shop.name} />
      <Show
        when={result.data}
        fallback={
          <Show when={result.fetching}>
            <Spinner />
          </Show>
        }
      >
        {(data) => (
          <Show
            when={data().productionQueue.length > 0}
            fallback={<p class="empty">{t('production.empty')}</p>}
          >
            <ul class="order-list">
              <For each={data().productionQueue}>{(task) => <TaskCard task={task} />}</For>
            </ul>
          </Show>
        )}
      </Show>
      <ErrorMessage error={result.error} onRetry={reread} />
    </main>
  );
}

function TaskCard(props: { task: ResultOf<typeof ProductionTaskCardFields> }) {
  const timeZone = () => activeShopAccess()?.shop.timezone;
  return (
    <li>
      <A class="order-card task-card" href={href.productionTask(props.task.id)}>
        <div class="order-card__top">
          <span class="order-card__number">#{props.task.order.number}</span>
          <span class={`badge ${taskStatusClass(props.task.status)}`}>
            {t(`taskStatus.${props.task.status}`)}
          </span>
        </div>
        <div class="order-card__customer">
          {props.task.composition.map((line) => `${line.productName} × ${line.quantity}`).join(', ')}
        </div>
        <div class="order-card__meta">
          <span>
            {props.task.dueAt
              ? t('production.dueAt', { time: dateTime(props.task.dueAt, { timeZone: timeZone() }) })
              : t('production.noDue')}
          </span>
          <span>{t(`fulfillment.${props.task.order.fulfillment}`)}</span>
          <Show when={props.task.florist}>{(florist) => <span>{florist().name}</span>}</Show>
        </div>
      </A>
    </li>
  );
}
