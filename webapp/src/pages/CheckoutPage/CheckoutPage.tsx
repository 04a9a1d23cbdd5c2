import { A, useNavigate } from '@solidjs/router';
import { createMutation, createQuery, useClient } from '@urql/solid';
import { createSignal, For, Index, type JSX, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Spinner } from '../../components/Spinner/Spinner';
import { useCart } from '../../features/cart/cart';
import { type PaymentOutcome, payOrder } from '../../features/payment/pay-order';
import { money, t, timeWindow } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { href } from '../../route-paths';
import { useTelegramBackButton } from '../../telegram/backButton';
import { resultFeedback, tapFeedback } from '../../telegram/haptics';
import { useLaunch } from '../../telegram/launch';
import { useTelegramMainButton } from '../../telegram/main-button';
import { CheckoutOptionsQuery, CheckoutSlotsQuery, PlaceOrderMutation } from './checkout.documents';
import {
  type CheckoutField,
  type CheckoutForm,
  checkoutProblems,
  orderInput,
  shopToday,
} from './checkout-form';

type SlotReason = 'CLOSED' | 'CUT_OFF' | 'FULL' | 'INACTIVE' | 'LEAD_TIME' | 'PAST';

/** Why the server refused the order, said where the customer can fix it. */
type Refusal = { kind: 'slot'; reason: SlotReason } | { kind: 'stock' } | { kind: 'key' };

const fieldMessages: Record<CheckoutField, MessageKey> = {
  ownPhone: 'checkout.problem.phone',
  recipientName: 'checkout.problem.recipientName',
  recipientPhone: 'checkout.problem.phone',
  address: 'checkout.problem.address',
  pickupPointId: 'checkout.problem.pickupPoint',
  slotId: 'checkout.problem.slot',
  cardText: 'checkout.problem.cardText',
};

/**
 * Checkout: who receives the bouquet, where and when (a slot of `availableSlots`, unavailable ones shown
 * as such), the card, and the order sent with an idempotency key; then payment in Telegram where the shop
 * takes it, else the order page says to pay at the shop.
 */
export default function CheckoutPage() {
  const navigate = useNavigate();
  const client = useClient();
  const cart = useCart();
  const launch = useLaunch();
  const timeZone = () => activeShopAccess()?.shop.timezone;
  const telegramBack = useTelegramBackButton(() => navigate(href.cart()));
  const [options] = createQuery({ query: CheckoutOptionsQuery });
  const [form, setForm] = createStore<CheckoutForm>({
    fulfillment: 'DELIVERY',
    forMe: false,
    ownName: '',
    ownPhone: '',
    recipientName: '',
    recipientPhone: '',
    address: '',
    zoneId: '',
    pickupPointId: '',
    date: shopToday(timeZone()),
    slotId: '',
    cardText: '',
    anonymous: false,
    instructions: '',
  });
  const [slots, refetchSlots] = createQuery({
    query: CheckoutSlotsQuery,
    variables: () => ({
      date: form.date,
      productIds: cart.lines().map((line) => line.productId),
      zoneId: form.fulfillment === 'DELIVERY' && form.zoneId ? form.zoneId : null,
    }),
    pause: () => !/^\d{4}-\d{2}-\d{2}$/.test(form.date),
    requestPolicy: 'cache-and-network',
  });
  const [placed, placeOrder] = createMutation(PlaceOrderMutation);
  const [submitted, setSubmitted] = createSignal(false);
  const [refusal, setRefusal] = createSignal<Refusal>();
  const [paying, setPaying] = createSignal(false);
  // One key per attempt at this order: a retry after a lost answer gets the same order back, not a second one.
  let idempotencyKey = crypto.randomUUID();

  const slotsOfDate = () =>
    slots.operation?.variables.date === form.date ? slots.data?.availableSlots : undefined;
  const slotRefusal = () => {
    const current = refusal();
    return current?.kind === 'slot' ? current.reason : undefined;
  };
  const cardLimit = () => options.data?.checkoutOptions.cardTextMaxLength ?? 0;
  const problems = () => checkoutProblems({ ...form, ownName: options.data?.me?.name ?? '' }, cardLimit());
  const shows = (field: CheckoutField) => submitted() && problems().includes(field);
  const busy = () => placed.fetching || paying();
  const currency = () => cart.lines()[0]?.currency ?? 'RUB';
  const fee = () => {
    const opts = options.data?.checkoutOptions;
    if (!opts || form.fulfillment === 'PICKUP') return 0;
    return (
      opts.zones.find((zone) => zone.id === form.zoneId)?.fee.amountMinor ?? opts.deliveryFee.amountMinor
    );
  };
  const total = () => money({ amountMinor: cart.subtotalMinor() + fee(), currency: currency() });

  function set<K extends keyof CheckoutForm>(key: K, value: CheckoutForm[K]) {
    setForm(key, value);
    setRefusal(undefined);
  }

  async function submit() {
    setSubmitted(true);
    setRefusal(undefined);
    if (problems().length > 0 || cart.lines().length === 0) {
      resultFeedback('error');
      document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const input = orderInput(
      { ...form, ownName: options.data?.me?.name ?? '' },
      cart.lines(),
      idempotencyKey,
    );
    const result = await placeOrder({ input });
    const answer = result.data?.createOrder;
    if (!answer) {
      resultFeedback('error');
      return;
    }
    if (answer.__typename !== 'MutationCreateOrderSuccess') {
      // Nothing was made: the next attempt is a new order with a key of its own.
      idempotencyKey = crypto.randomUUID();
      resultFeedback('error');
      if (answer.__typename === 'SlotUnavailable') {
        setForm('slotId', '');
        setRefusal({ kind: 'slot', reason: answer.reason });
        refetchSlots({ requestPolicy: 'network-only' });
      } else setRefusal({ kind: answer.__typename === 'InsufficientStock' ? 'stock' : 'key' });
      return;
    }
    resultFeedback('success');
    cart.clear();
    const order = answer.data;
    let payment: PaymentOutcome | undefined;
    if (launch.kind === 'telegram' && options.data?.shop.telegramPaymentsEnabled) {
      setPaying(true);
      payment = await payOrder(client, order.id);
      setPaying(false);
    }
    navigate(href.myOrder(order.id), { state: { placed: true, payment }, replace: true });
  }

  const telegramMain = useTelegramMainButton({
    text: () => t('checkout.placeOrder', { total: total() }),
    enabled: () => !busy() && cart.lines().length > 0,
    busy,
    onClick: () => void submit(),
  });

  return (
    <main class="page">
      <PageHeader title={t('checkout.title')} backHref={telegramBack ? undefined : href.cart()} />
      <Show when={cart.lines().length > 0 || placed.fetching} fallback={<EmptyCart />}>
        <Show
          when={options.data}
          fallback={options.error ? <ErrorMessage error={options.error} /> : <Spinner />}
        >
          {(data) => (
            <form
              class="form checkout"
              novalidate
              onSubmit={(event) => {
                event.preventDefault();
                void submit();
              }}
            >
              <Show when={refusal()?.kind === 'stock' || refusal()?.kind === 'key'}>
                <div class="error-message" role="alert">
                  <span class="error-message__text">
                    {refusal()?.kind === 'stock' ? t('checkout.refusal.stock') : t('checkout.refusal.key')}
                  </span>
                  <Show when={refusal()?.kind === 'stock'}>
                    <A href={href.cart()}>{t('checkout.refusal.stockAction')}</A>
                  </Show>
                </div>
              </Show>

              <fieldset class="checkout__group">
                <legend class="section__title">{t('checkout.recipient')}</legend>
                <label class="choice__option">
                  <input
                    type="checkbox"
                    checked={form.forMe}
                    onChange={(event) => set('forMe', event.currentTarget.checked)}
                  />
                  {t('checkout.forMe')}
                </label>
                <Show when={!form.forMe}>
                  <Field
                    label={t('checkout.recipientName')}
                    problem={shows('recipientName') && fieldMessages.recipientName}
                  >
                    {(id, invalid) => (
                      <input
                        id={id}
                        class="field__input"
                        autocomplete="off"
                        aria-invalid={invalid()}
                        value={form.recipientName}
                        onInput={(event) => set('recipientName', event.currentTarget.value)}
                      />
                    )}
                  </Field>
                  <Field
                    label={t('checkout.recipientPhone')}
                    problem={shows('recipientPhone') && fieldMessages.recipientPhone}
                  >
                    {(id, invalid) => (
                      <input
                        id={id}
                        class="field__input"
                        type="tel"
                        aria-invalid={invalid()}
                        value={form.recipientPhone}
                        onInput={(event) => set('recipientPhone', event.currentTarget.value)}
                      />
                    )}
                  </Field>
                </Show>
                <Field label={t('checkout.ownPhone')} problem={shows('ownPhone') && fieldMessages.ownPhone}>
                  {(id, invalid) => (
                    <input
                      id={id}
                      class="field__input"
                      type="tel"
                      autocomplete="tel"
                      aria-invalid={invalid()}
                      value={form.ownPhone}
                      onInput={(event) => set('ownPhone', event.currentTarget.value)}
                    />
                  )}
                </Field>
              </fieldset>

              <fieldset class="checkout__group">
                <legend class="section__title">{t('checkout.how')}</legend>
                <div class="chips">
                  <For each={['DELIVERY', 'PICKUP'] as const}>
                    {(kind) => (
                      <button
                        type="button"
                        class="chip"
                        aria-pressed={form.fulfillment === kind}
                        onClick={() => {
                          set('fulfillment', kind);
                          tapFeedback();
                        }}
                      >
                        {t(`fulfillment.${kind}`)}
                      </button>
                    )}
                  </For>
                </div>
                <Show
                  when={form.fulfillment === 'DELIVERY'}
                  fallback={
                    <Field
                      label={t('checkout.pickupPoint')}
                      problem={shows('pickupPointId') && fieldMessages.pickupPointId}
                    >
                      {(id, invalid) => (
                        <select
                          id={id}
                          class="field__input"
                          aria-invalid={invalid()}
                          value={form.pickupPointId}
                          onChange={(event) => set('pickupPointId', event.currentTarget.value)}
                        >
                          <option value="">{t('checkout.choose')}</option>
                          <For each={data().checkoutOptions.pickupPoints}>
                            {(point) => <option value={point.id}>{`${point.name}, ${point.address}`}</option>}
                          </For>
                        </select>
                      )}
                    </Field>
                  }
                >
                  <Field label={t('checkout.address')} problem={shows('address') && fieldMessages.address}>
                    {(id, invalid) => (
                      <input
                        id={id}
                        class="field__input"
                        autocomplete="street-address"
                        aria-invalid={invalid()}
                        value={form.address}
                        onInput={(event) => set('address', event.currentTarget.value)}
                      />
                    )}
                  </Field>
                  <Show when={data().checkoutOptions.zones.length > 0}>
                    <Field label={t('checkout.zone')}>
                      {(id) => (
                        <select
                          id={id}
                          class="field__input"
                          value={form.zoneId}
                          onChange={(event) => set('zoneId', event.currentTarget.value)}
                        >
                          <option value="">
                            {t('checkout.zoneDefault', { fee: money(data().checkoutOptions.deliveryFee) })}
                          </option>
                          <For each={data().checkoutOptions.zones}>
                            {(zone) => <option value={zone.id}>{`${zone.name} · ${money(zone.fee)}`}</option>}
                          </For>
                        </select>
                      )}
                    </Field>
                  </Show>
                </Show>
              </fieldset>

              <fieldset class="checkout__group">
                <legend class="section__title">{t('checkout.when')}</legend>
                <Field label={t('checkout.date')}>
                  {(id) => (
                    <input
                      id={id}
                      class="field__input"
                      type="date"
                      min={shopToday(timeZone())}
                      value={form.date}
                      onChange={(event) => {
                        set('date', event.currentTarget.value);
                        set('slotId', '');
                      }}
                    />
                  )}
                </Field>
                <Show when={slotRefusal()}>
                  {(reason) => (
                    <div class="error-message" role="alert">
                      <span class="error-message__text">
                        {t('checkout.refusal.slot', { reason: t(`slotReason.${reason()}`) })}
                      </span>
                    </div>
                  )}
                </Show>
                <div
                  class="slots"
                  role="radiogroup"
                  aria-label={t('checkout.slot')}
                  aria-invalid={shows('slotId')}
                >
                  {/* Only the chosen date's list: while another date's is still on screen, a tap would pick one of its slots. */}
                  <Show when={slotsOfDate()} fallback={<Spinner />}>
                    {/* By position, not identity: a refreshed list keeps its inputs, so a tap is never lost to a re-render. */}
                    <Index each={slotsOfDate() ?? []} fallback={<p class="empty">{t('checkout.noSlots')}</p>}>
                      {(slot) => (
                        <label class={`slot${slot().available ? '' : ' slot--unavailable'}`}>
                          <input
                            type="radio"
                            name="slot"
                            value={slot().slotId}
                            disabled={!slot().available}
                            checked={form.slotId === slot().slotId}
                            onChange={() => {
                              set('slotId', slot().slotId);
                              tapFeedback();
                            }}
                          />
                          <span class="slot__time">
                            {timeWindow(slot().windowStart, slot().windowEnd, { timeZone: timeZone() })}
                          </span>
                          <span class="slot__state">
                            {slot().available
                              ? t('checkout.slotLeft', { count: slot().remaining })
                              : t(`slotReason.${slot().reason ?? 'INACTIVE'}`)}
                          </span>
                        </label>
                      )}
                    </Index>
                  </Show>
                  <Show when={shows('slotId')}>
                    <p class="field__problem">{t(fieldMessages.slotId)}</p>
                  </Show>
                </div>
              </fieldset>

              <fieldset class="checkout__group">
                <legend class="section__title">{t('checkout.card')}</legend>
                <Field label={t('checkout.cardText')} problem={shows('cardText') && fieldMessages.cardText}>
                  {(id, invalid) => (
                    <>
                      <textarea
                        id={id}
                        class="field__input"
                        rows={3}
                        maxLength={cardLimit()}
                        aria-invalid={invalid()}
                        aria-describedby={`${id}-counter`}
                        value={form.cardText}
                        onInput={(event) => set('cardText', event.currentTarget.value)}
                      />
                      <span id={`${id}-counter`} class="hint checkout__counter" aria-live="polite">
                        {t('checkout.cardCounter', { used: form.cardText.length, limit: cardLimit() })}
                      </span>
                    </>
                  )}
                </Field>
                <label class="choice__option">
                  <input
                    type="checkbox"
                    checked={form.anonymous}
                    onChange={(event) => set('anonymous', event.currentTarget.checked)}
                  />
                  {t('checkout.anonymous')}
                </label>
                <Field label={t('checkout.instructions')}>
                  {(id) => (
                    <textarea
                      id={id}
                      class="field__input"
                      rows={2}
                      value={form.instructions}
                      onInput={(event) => set('instructions', event.currentTarget.value)}
                    />
                  )}
                </Field>
              </fieldset>

              <dl class="totals">
                <dt>{t('order.subtotal')}</dt>
                <dd>{money({ amountMinor: cart.subtotalMinor(), currency: currency() })}</dd>
                <dt>{t('order.deliveryFee')}</dt>
                <dd>{money({ amountMinor: fee(), currency: currency() })}</dd>
                <dt class="totals__grand">{t('order.total')}</dt>
                <dd class="totals__grand">{total()}</dd>
              </dl>
              <p class="hint">
                {data().shop.telegramPaymentsEnabled && launch.kind === 'telegram'
                  ? t('checkout.payInTelegram')
                  : t('checkout.payAtShop')}
              </p>
              <ErrorMessage error={placed.error} />
              <Show when={submitted() && problems().length > 0}>
                <p class="field__problem" role="alert">
                  {t('checkout.problem.summary')}
                </p>
              </Show>
              <Show when={!telegramMain}>
                <button type="submit" class="button button--primary" disabled={busy()}>
                  {t('checkout.placeOrder', { total: total() })}
                </button>
              </Show>
            </form>
          )}
        </Show>
      </Show>
    </main>
  );
}

function EmptyCart() {
  return (
    <div class="page--center">
      <p class="empty">{t('cart.empty')}</p>
      <A class="button button--primary" href={href.shop()}>
        {t('cart.toShop')}
      </A>
    </div>
  );
}

let nextFieldId = 0;

/** A labelled field with its problem said under it (and tied to it for screen readers). */
function Field(props: {
  label: string;
  problem?: MessageKey | false;
  children: (id: string, invalid: () => boolean) => JSX.Element;
}) {
  const id = `checkout-field-${++nextFieldId}`;
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {props.label}
      </label>
      {props.children(id, () => Boolean(props.problem))}
      <Show when={props.problem}>{(problem) => <p class="field__problem">{t(problem())}</p>}</Show>
    </div>
  );
}
