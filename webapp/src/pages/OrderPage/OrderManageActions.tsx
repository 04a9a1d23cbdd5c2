import { createMutation, createQuery } from '@urql/solid';
import { createEffect, createSignal, For, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { Disclosure } from '../../components/Disclosure/Disclosure';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { RefusalMessage } from '../../components/ErrorMessage/RefusalMessage';
import { ReasonForm } from '../../components/ReasonForm/ReasonForm';
import { t } from '../../i18n/i18n';
import { type ManagedOrder, orderManageActions } from './order-manage';
import {
  AssignCourierMutation,
  AssignFloristMutation,
  CancelOrderMutation,
  MarkOrderPaidMutation,
  OrderTaskQuery,
  OrderTeamQuery,
  UpdateOrderMutation,
} from './order-manage.documents';
import { type OrderManageRefusal, orderManageRefusalMessages } from './order-manage-refusals';

export interface OrderForManaging extends ManagedOrder {
  id: string;
  version: number;
  cardText: string | null;
  deliveryAddress: string | null;
  recipientName: string | null;
  recipientPhone: string | null;
  florist: { id: string } | null;
  courier: { id: string } | null;
}

/**
 * A manager's actions on one order: cancel with a reason, give it a florist and a courier, edit it until
 * production, mark it paid. Each is sent with the version shown: a change made meanwhile is refused
 * (StaleVersion), said so, and the order read again. Which ones show is orderManageActions' rule.
 */
export function OrderManageActions(props: { order: OrderForManaging; onChanged: () => void }) {
  const can = () => orderManageActions(props.order, activeShopAccess()?.role);
  const anything = () => Object.values(can()).some(Boolean);
  const [refusal, setRefusal] = createSignal<OrderManageRefusal>();
  const [done, setDone] = createSignal<string>();

  function answered(answer: { __typename: string } | undefined, success: string) {
    if (!answer) return;
    const refused = answer.__typename.endsWith('Success') ? undefined : (answer as OrderManageRefusal);
    setRefusal(refused);
    setDone(refused ? undefined : success);
    props.onChanged();
  }

  return (
    // Kept while it says what was just done: cancelling leaves nothing to manage, and the section going
    // with its status would leave the change unannounced.
    <Show when={anything() || done()}>
      <section class="section order-manage">
        <h2 class="section__title">{t('orderManage.title')}</h2>
        <div class="section__body">
          <div role="status" class="order-manage__done">
            {done() ?? ''}
          </div>
          <RefusalMessage refusal={refusal()} messages={orderManageRefusalMessages} />
          <Show when={can().assignCourier || can().assignFlorist}>
            <Assignments order={props.order} can={can()} answered={answered} />
          </Show>
          <Show when={can().markPaid}>
            <MarkPaid order={props.order} answered={answered} />
          </Show>
          <Show when={can().edit}>
            <EditOrder order={props.order} answered={answered} />
          </Show>
          <Show when={can().cancel}>
            <CancelOrder order={props.order} answered={answered} />
          </Show>
        </div>
      </section>
    </Show>
  );
}

type Answered = (answer: { __typename: string } | undefined, success: string) => void;

function Assignments(props: {
  order: OrderForManaging;
  can: { assignCourier: boolean; assignFlorist: boolean };
  answered: Answered;
}) {
  const [team] = createQuery({ query: OrderTeamQuery });
  const [tasks, refetchTasks] = createQuery({ query: OrderTaskQuery, pause: () => !props.can.assignFlorist });
  const [courierState, assignCourier] = createMutation(AssignCourierMutation);
  const [floristState, assignFlorist] = createMutation(AssignFloristMutation);
  const people = (role: 'COURIER' | 'FLORIST') =>
    team.data?.staff.filter((member) => member.role === role).map((member) => member.user) ?? [];
  const task = () => tasks.data?.productionQueue.find((open) => open.order.id === props.order.id);

  return (
    <>
      <Show when={props.can.assignCourier}>
        <Picker
          id="assign-courier"
          label={t('order.courier')}
          value={props.order.courier?.id ?? ''}
          people={people('COURIER')}
          disabled={courierState.fetching}
          onPick={async (courierId) =>
            props.answered(
              (
                await assignCourier({
                  orderId: props.order.id,
                  version: props.order.version,
                  courierId: courierId || null,
                })
              ).data?.assignCourier,
              t('orderManage.courierAssigned'),
            )
          }
        />
      </Show>
      <Show when={props.can.assignFlorist && task()}>
        {(open) => (
          <Picker
            id="assign-florist"
            label={t('order.florist')}
            value={props.order.florist?.id ?? open().florist?.id ?? ''}
            people={people('FLORIST')}
            disabled={floristState.fetching}
            noneLabel={t('order.unassigned')}
            onPick={async (floristId) => {
              if (!floristId) return;
              props.answered(
                (await assignFlorist({ taskId: open().id, floristId })).data?.assignProductionTask,
                t('orderManage.floristAssigned'),
              );
              refetchTasks({ requestPolicy: 'network-only' });
            }}
          />
        )}
      </Show>
      <ErrorMessage error={team.error ?? tasks.error ?? courierState.error ?? floristState.error} />
    </>
  );
}

function Picker(props: {
  id: string;
  label: string;
  value: string;
  people: { id: string; name: string }[];
  disabled: boolean;
  noneLabel?: string;
  onPick: (id: string) => void;
}) {
  return (
    <div class="field">
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      <select
        id={props.id}
        class="field__input"
        value={props.value}
        disabled={props.disabled}
        onChange={(event) => props.onPick(event.currentTarget.value)}
      >
        <option value="">{props.noneLabel ?? t('order.unassigned')}</option>
        <For each={props.people}>{(person) => <option value={person.id}>{person.name}</option>}</For>
      </select>
    </div>
  );
}

function MarkPaid(props: { order: OrderForManaging; answered: Answered }) {
  const [method, setMethod] = createSignal('CASH');
  const [reference, setReference] = createSignal('');
  const [state, markPaid] = createMutation(MarkOrderPaidMutation);
  return (
    <Disclosure summary={t('orderManage.markPaid')}>
      <form
        class="form"
        onSubmit={async (event) => {
          event.preventDefault();
          props.answered(
            (
              await markPaid({
                id: props.order.id,
                version: props.order.version,
                method: method(),
                reference: reference().trim() || null,
              })
            ).data?.markOrderPaid,
            t('orderManage.paid'),
          );
        }}
      >
        <div class="field">
          <label class="field__label" for="payment-method">
            {t('orderManage.paymentMethod')}
          </label>
          <select
            id="payment-method"
            class="field__input"
            value={method()}
            onChange={(event) => setMethod(event.currentTarget.value)}
          >
            <For each={['CASH', 'CARD', 'TRANSFER'] as const}>
              {(option) => <option value={option}>{t(`paymentMethod.${option}`)}</option>}
            </For>
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="payment-reference">
            {t('orderManage.paymentReference')}
          </label>
          <input
            id="payment-reference"
            class="field__input"
            value={reference()}
            onInput={(event) => setReference(event.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button button--primary" disabled={state.fetching}>
          {t('orderManage.markPaidSubmit')}
        </button>
        <ErrorMessage error={state.error} />
      </form>
    </Disclosure>
  );
}

/**
 * The order's editable fields as they were when the form was filled from it, sent with that version: a
 * colleague's change that arrives live meanwhile is not overwritten with what the form still shows, the
 * server refuses it (StaleVersion), and the form is filled again from the order as it now is.
 */
function EditOrder(props: { order: OrderForManaging; answered: Answered }) {
  const [baseVersion, setBaseVersion] = createSignal(props.order.version);
  const [cardText, setCardText] = createSignal('');
  const [address, setAddress] = createSignal('');
  const [recipientName, setRecipientName] = createSignal('');
  const [recipientPhone, setRecipientPhone] = createSignal('');
  const fill = (order: OrderForManaging) => {
    setBaseVersion(order.version);
    setCardText(order.cardText ?? '');
    setAddress(order.deliveryAddress ?? '');
    setRecipientName(order.recipientName ?? '');
    setRecipientPhone(order.recipientPhone ?? '');
  };
  fill(props.order);
  const [refillAt, setRefillAt] = createSignal<number>();
  createEffect(() => {
    const wanted = refillAt();
    if (wanted !== undefined && props.order.version >= wanted) {
      setRefillAt(undefined);
      fill(props.order);
    }
  });
  const [state, updateOrder] = createMutation(UpdateOrderMutation);
  return (
    <Disclosure summary={t('orderManage.edit')}>
      <form
        class="form"
        onSubmit={async (event) => {
          event.preventDefault();
          const name = recipientName().trim();
          const phone = recipientPhone().trim();
          const answer = (
            await updateOrder({
              id: props.order.id,
              version: baseVersion(),
              patch: {
                cardText: cardText().trim(),
                ...(props.order.fulfillment === 'DELIVERY' ? { deliveryAddress: address().trim() } : {}),
                ...(name && phone ? { recipient: { name, phone } } : {}),
              },
            })
          ).data?.updateOrder;
          props.answered(answer, t('orderManage.saved'));
          if (answer?.__typename === 'MutationUpdateOrderSuccess') fill(answer.data);
          // The order as it now is comes live or with the page's refetch: fill the form when it is here.
          else if (answer?.__typename === 'StaleVersion') setRefillAt(answer.current);
        }}
      >
        <Show when={props.order.fulfillment === 'DELIVERY'}>
          <div class="field">
            <label class="field__label" for="edit-address">
              {t('order.address')}
            </label>
            <input
              id="edit-address"
              class="field__input"
              value={address()}
              onInput={(event) => setAddress(event.currentTarget.value)}
            />
          </div>
        </Show>
        <div class="field">
          <label class="field__label" for="edit-recipient-name">
            {t('newOrder.recipientName')}
          </label>
          <input
            id="edit-recipient-name"
            class="field__input"
            value={recipientName()}
            onInput={(event) => setRecipientName(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label class="field__label" for="edit-recipient-phone">
            {t('newOrder.recipientPhone')}
          </label>
          <input
            id="edit-recipient-phone"
            class="field__input"
            type="tel"
            value={recipientPhone()}
            onInput={(event) => setRecipientPhone(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label class="field__label" for="edit-card-text">
            {t('order.card')}
          </label>
          <textarea
            id="edit-card-text"
            class="field__input"
            rows={3}
            value={cardText()}
            onInput={(event) => setCardText(event.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button button--primary" disabled={state.fetching}>
          {t('orderManage.save')}
        </button>
        <ErrorMessage error={state.error} />
      </form>
    </Disclosure>
  );
}

function CancelOrder(props: { order: OrderForManaging; answered: Answered }) {
  const [state, cancelOrder] = createMutation(CancelOrderMutation);
  return (
    <Disclosure summary={t('orderManage.cancel')}>
      <ReasonForm
        id="cancel-reason"
        label={t('order.cancelReason')}
        submitLabel={t('orderManage.cancelSubmit')}
        error={state.error}
        busy={state.fetching}
        onSubmit={async (reason) =>
          props.answered(
            (await cancelOrder({ id: props.order.id, version: props.order.version, reason })).data
              ?.cancelOrder,
            t('orderManage.cancelled'),
          )
        }
      />
    </Disclosure>
  );
}
