import { useNavigate, useParams } from '@solidjs/router';
import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { activeShopAccess, session } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { RefusalMessage } from '../../components/ErrorMessage/RefusalMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { PhotoUpload } from '../../components/PhotoUpload/PhotoUpload';
import {
  type UploadImageRefusal,
  uploadImage,
  uploadImageRefusalMessages,
} from '../../components/PhotoUpload/upload-image';
import { Section } from '../../components/Section/Section';
import { Spinner } from '../../components/Spinner/Spinner';
import { followLive, isRowOrGone, liveFeed } from '../../graphql/live-refresh';
import { dateTime, t, timeWindow } from '../../i18n/i18n';
import { href, taskIdFromParams } from '../../route-paths';
import { useTelegramBackButton } from '../../telegram/backButton';
import { ProductionTaskChangedSubscription } from '../ProductionPage/production.loader';
import { taskActions, taskStatusClass } from '../ProductionPage/production-task';
import {
  FinishProductionTaskMutation,
  ReleaseProductionTaskMutation,
  TakeProductionTaskMutation,
} from './production-task.documents';
import { ProductionTaskQuery } from './production-task.loader';
import { type TaskRefusal, taskRefusalMessages } from './production-task-refusals';

/**
 * One production task: take it, see what to make and which batches to take the stems from (earliest
 * expiry first), and finish it with a photo of the bouquet, which the order then shows. Live: a colleague
 * taking it, or the order being cancelled, shows at once.
 */
export default function ProductionTaskPage() {
  const params = useParams<{ taskId: string }>();
  const navigate = useNavigate();
  const telegramBack = useTelegramBackButton(() => navigate(href.production()));
  const taskId = () => taskIdFromParams(params);
  const [result, refetch] = createQuery({ query: ProductionTaskQuery, variables: () => ({ id: taskId() }) });
  const reread = () => refetch({ requestPolicy: 'network-only' });
  followLive(
    [
      liveFeed(ProductionTaskChangedSubscription, {
        concerns: (event) => isRowOrGone(event.productionTaskChanged, taskId()),
      }),
    ],
    reread,
  );

  const [take, sendTake] = createMutation(TakeProductionTaskMutation);
  const [release, sendRelease] = createMutation(ReleaseProductionTaskMutation);
  const [finish, sendFinish] = createMutation(FinishProductionTaskMutation);
  const [refusal, setRefusal] = createSignal<TaskRefusal>();
  const [photoRefusal, setPhotoRefusal] = createSignal<UploadImageRefusal>();
  const [photo, setPhoto] = createSignal<{ id: string; url: string | null }>();
  const [note, setNote] = createSignal('');
  const busy = () => take.fetching || release.fetching || finish.fetching;
  const timeZone = () => activeShopAccess()?.shop.timezone;

  function answered(answer: { __typename: string } | undefined) {
    const refused = answer && !answer.__typename.endsWith('Success') ? (answer as TaskRefusal) : undefined;
    setRefusal(refused);
    if (answer) reread();
  }

  async function uploadPhoto(file: File, onProgress: (fraction: number) => void) {
    setPhotoRefusal(undefined);
    const answer = await uploadImage(file, 'BOUQUET_PHOTO', onProgress);
    if (answer.__typename === 'MutationUploadImageSuccess') setPhoto(answer.data);
    else setPhotoRefusal(answer);
  }

  async function finishTask() {
    const chosen = photo();
    if (!chosen) return;
    const answer = (await sendFinish({ id: taskId(), photoId: chosen.id, note: note().trim() || null })).data
      ?.finishProductionTask;
    answered(answer);
  }

  return (
    <main class="page">
      <Show
        when={result.data?.productionTask}
        fallback={
          <>
            <PageHeader
              title={t('production.title')}
              backHref={telegramBack ? undefined : href.production()}
            />
            <Show when={result.fetching} fallback={<p class="empty">{t('productionTask.notFound')}</p>}>
              <Spinner />
            </Show>
            <ErrorMessage error={result.error} onRetry={reread} />
          </>
        }
      >
        {(task) => {
          const can = () =>
            taskActions(task(), { role: activeShopAccess()?.role, userId: session()?.user.id });
          return (
            <>
              <PageHeader
                title={t('productionTask.title', { number: task().order.number })}
                subtitle={
                  task().dueAt
                    ? t('production.dueAt', { time: dateTime(task().dueAt ?? '', { timeZone: timeZone() }) })
                    : t('production.noDue')
                }
                backHref={telegramBack ? undefined : href.production()}
              />
              <div class="order-status-row">
                <span class={`badge ${taskStatusClass(task().status)}`}>
                  {t(`taskStatus.${task().status}`)}
                </span>
                <Show when={task().florist}>{(florist) => <span>{florist().name}</span>}</Show>
              </div>

              <div class="order-actions">
                <Show when={can().take}>
                  <button
                    type="button"
                    class="button button--primary"
                    disabled={busy()}
                    onClick={async () =>
                      answered((await sendTake({ id: taskId() })).data?.takeProductionTask)
                    }
                  >
                    {t('productionTask.take')}
                  </button>
                </Show>
                <Show when={can().release}>
                  <button
                    type="button"
                    class="button button--small"
                    disabled={busy()}
                    onClick={async () =>
                      answered((await sendRelease({ id: taskId() })).data?.releaseProductionTask)
                    }
                  >
                    {t('productionTask.release')}
                  </button>
                </Show>
                <RefusalMessage refusal={refusal()} messages={taskRefusalMessages} />
                <ErrorMessage error={take.error ?? release.error ?? finish.error} />
              </div>

              <Section title={t('productionTask.composition')}>
                <For each={task().composition}>
                  {(line) => (
                    <div class="production-line">
                      <h3 class="production-line__title">
                        {line.productName} × {line.quantity}
                      </h3>
                      <ul class="items">
                        <For each={line.components}>
                          {(component) => (
                            <li class="items__row">
                              <span class="items__name">{component.stockItem.name}</span>
                              <span class="items__quantity">
                                {t('productionTask.perUnit', { count: component.perUnit })}
                              </span>
                              <span class="items__total">{component.quantity}</span>
                            </li>
                          )}
                        </For>
                      </ul>
                    </div>
                  )}
                </For>
              </Section>

              <Section title={t('productionTask.batches')}>
                <Show
                  when={task().batches.length > 0}
                  fallback={<p class="empty">{t('productionTask.noBatches')}</p>}
                >
                  <ul class="items">
                    <For each={task().batches}>
                      {(use) => (
                        <li class="items__row">
                          <span class="items__name">{use.stockItem.name}</span>
                          <span class="items__quantity">
                            {use.expiresAt
                              ? t('productionTask.expires', {
                                  date: dateTime(use.expiresAt, { timeZone: timeZone() }),
                                })
                              : t('productionTask.received', {
                                  date: dateTime(use.batch.receivedAt, { timeZone: timeZone() }),
                                })}
                          </span>
                          <span class="items__total">{use.quantity}</span>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </Section>

              <Section title={t('order.window')}>
                <p>
                  {t(`fulfillment.${task().order.fulfillment}`)}:{' '}
                  {timeWindow(task().order.windowStart, task().order.windowEnd, { timeZone: timeZone() }) ??
                    t('order.windowMissing')}
                </p>
                <Show when={task().order.cardText}>
                  {(cardText) => <blockquote class="card-text">{cardText()}</blockquote>}
                </Show>
              </Section>

              <Show when={can().finish}>
                <Section title={t('productionTask.finish')}>
                  <PhotoUpload label={t('productionTask.photo')} disabled={busy()} onUpload={uploadPhoto} />
                  <RefusalMessage refusal={photoRefusal()} messages={uploadImageRefusalMessages} />
                  <Show when={photo()?.url}>
                    {(url) => <img class="task-photo" src={url()} alt={t('productionTask.photoPreview')} />}
                  </Show>
                  <div class="field">
                    <label class="field__label" for="task-note">
                      {t('productionTask.note')}
                    </label>
                    <textarea
                      id="task-note"
                      class="field__input"
                      rows={2}
                      value={note()}
                      onInput={(event) => setNote(event.currentTarget.value)}
                    />
                  </div>
                  <button
                    type="button"
                    class="button button--primary"
                    disabled={busy() || !photo()}
                    onClick={() => void finishTask()}
                  >
                    {t('productionTask.finishButton')}
                  </button>
                </Section>
              </Show>

              <Show when={task().photo?.url}>
                {(url) => (
                  <Section title={t('productionTask.photo')}>
                    <img class="task-photo" src={url()} alt={t('productionTask.photoPreview')} />
                    <Show when={task().note}>{(taskNote) => <p>{taskNote()}</p>}</Show>
                  </Section>
                )}
              </Show>
            </>
          );
        }}
      </Show>
    </main>
  );
}
