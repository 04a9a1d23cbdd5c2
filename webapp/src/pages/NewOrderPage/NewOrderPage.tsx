import { useNavigate } from '@solidjs/router';
import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, type JSX, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Spinner } from '../../components/Spinner/Spinner';
import { money, t, timeWindow } from '../../i18n/i18n';
import { href } from '../../route-paths';
import { useTelegramBackButton } from '../../telegram/backButton';
import { CustomerPicker, type PickedCustomer } from './CustomerPicker';
import { CreateOrderMutation } from './new-order.documents';
import { AvailableSlotsQuery, NewOrderQuery } from './new-order.loader';
import {
  createOrderInput,
  createOrderRefusalMessages,
  errorField,
  localToday,
  type NewOrderField,
  refusalFields,
} from './new-order-form';

/**
 * A manager takes an order for a customer (on the phone, at the counter): who, what, for whom, where and
 * when, and the card. One idempotency key per form, so a retry after a lost answer makes no second order.
 * A refusal or bad input shows beside the field it concerns.
 */
export default function NewOrderPage() {
  const navigate = useNavigate();
  const telegramBack = useTelegramBackButton(() => navigate(href.orders()));
  const timeZone = () => activeShopAccess()?.shop.timezone;
  const [options] = createQuery({ query: NewOrderQuery });
  const [customer, setCustomer] = createSignal<PickedCustomer>();
  const [quantities, setQuantities] = createSignal<Record<string, number>>({});
  const [fulfillment, setFulfillment] = createSignal<'DELIVERY' | 'PICKUP'>('DELIVERY');
  const [recipientName, setRecipientName] = createSignal('');
  const [recipientPhone, setRecipientPhone] = createSignal('');
  const [deliveryAddress, setDeliveryAddress] = createSignal('');
  const [deliveryZoneId, setDeliveryZoneId] = createSignal('');
  const [pickupPointId, setPickupPointId] = createSignal('');
  const [date, setDate] = createSignal(localToday(timeZone()));
  const [slotId, setSlotId] = createSignal('');
  const [cardText, setCardText] = createSignal('');
  const idempotencyKey = crypto.randomUUID();

  const productIds = () => Object.keys(quantities()).filter((id) => (quantities()[id] ?? 0) > 0);
  const [slots] = createQuery({
    query: AvailableSlotsQuery,
    variables: () => ({
      date: date(),
      productIds: productIds(),
      zoneId: fulfillment() === 'DELIVERY' ? deliveryZoneId() || null : null,
    }),
    pause: () => !date(),
  });

  const [created, createOrder] = createMutation(CreateOrderMutation);
  const [problem, setProblem] = createSignal<{ field: NewOrderField; text: string }>();
  const errorFor = (field: NewOrderField) => (problem()?.field === field ? problem()?.text : undefined);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setProblem(undefined);
    const built = createOrderInput(
      {
        customerId: customer()?.id,
        quantities: quantities(),
        fulfillment: fulfillment(),
        recipientName: recipientName(),
        recipientPhone: recipientPhone(),
        deliveryAddress: deliveryAddress(),
        deliveryZoneId: deliveryZoneId(),
        pickupPointId: pickupPointId(),
        date: date(),
        slotId: slotId(),
        cardText: cardText(),
      },
      idempotencyKey,
    );
    if ('field' in built) return setProblem({ field: built.field, text: t(built.message) });
    const result = await createOrder({ input: built.input });
    const answer = result.data?.createOrder;
    if (answer?.__typename === 'MutationCreateOrderSuccess') return navigate(href.order(answer.data.id));
    if (answer) {
      return setProblem({
        field: refusalFields[answer.__typename],
        text: t(createOrderRefusalMessages[answer.__typename]),
      });
    }
    const field = errorField(result.error);
    // Input errors the server explains show beside their field in its words; the rest below the form.
    if (field && field !== 'form' && result.error?.graphQLErrors[0]?.extensions?.code === 'BAD_USER_INPUT')
      setProblem({ field, text: result.error.graphQLErrors[0]?.message ?? '' });
  }

  const fieldError = (field: NewOrderField) => (
    <Show when={errorFor(field)}>
      {(text) => (
        <p id={`${field}-error`} class="field__error" role="alert">
          {text()}
        </p>
      )}
    </Show>
  );

  return (
    <main class="page">
      <PageHeader title={t('newOrder.title')} backHref={telegramBack ? undefined : href.orders()} />
      <Show
        when={options.data}
        fallback={
          <Show when={options.fetching}>
            <Spinner />
          </Show>
        }
      >
        {(data) => (
          <form class="form new-order" onSubmit={(event) => void submit(event)} novalidate>
            <CustomerPicker picked={customer()} onPick={setCustomer} error={errorFor('customer')} />

            <fieldset class="form-group">
              <legend class="section__title">{t('newOrder.items')}</legend>
              <For each={data().products.edges}>
                {(edge) => (
                  <div class="field field--inline">
                    <label class="field__label" for={`quantity-${edge.node.id}`}>
                      {edge.node.name} · {money(edge.node.price)}
                    </label>
                    <input
                      id={`quantity-${edge.node.id}`}
                      class="field__input field__input--quantity"
                      type="number"
                      inputmode="numeric"
                      min="0"
                      value={quantities()[edge.node.id] ?? 0}
                      onInput={(event) => {
                        const quantity = Math.max(0, Math.floor(Number(event.currentTarget.value) || 0));
                        setQuantities((current) => ({ ...current, [edge.node.id]: quantity }));
                      }}
                    />
                  </div>
                )}
              </For>
              {fieldError('items')}
            </fieldset>

            <fieldset class="form-group">
              <legend class="section__title">{t('newOrder.fulfillment')}</legend>
              <div class="chips">
                <For each={['DELIVERY', 'PICKUP'] as const}>
                  {(kind) => (
                    <button
                      type="button"
                      class="chip"
                      aria-pressed={fulfillment() === kind}
                      onClick={() => setFulfillment(kind)}
                    >
                      {t(`fulfillment.${kind}`)}
                    </button>
                  )}
                </For>
              </div>
              <Show
                when={fulfillment() === 'DELIVERY'}
                fallback={
                  <Field id="pickup-point" label={t('newOrder.pickupPoint')}>
                    <select
                      id="pickup-point"
                      class="field__input"
                      value={pickupPointId()}
                      onChange={(event) => setPickupPointId(event.currentTarget.value)}
                    >
                      <option value="">{t('newOrder.toBeAgreed')}</option>
                      <For each={data().checkoutSettings.pickupPoints.filter((point) => point.active)}>
                        {(point) => <option value={point.id}>{`${point.name}, ${point.address}`}</option>}
                      </For>
                    </select>
                    {fieldError('pickupPointId')}
                  </Field>
                }
              >
                <Field id="delivery-address" label={t('order.address')}>
                  <input
                    id="delivery-address"
                    class="field__input"
                    autocomplete="street-address"
                    value={deliveryAddress()}
                    aria-invalid={errorFor('deliveryAddress') ? true : undefined}
                    aria-describedby={errorFor('deliveryAddress') ? 'deliveryAddress-error' : undefined}
                    onInput={(event) => setDeliveryAddress(event.currentTarget.value)}
                  />
                  {fieldError('deliveryAddress')}
                </Field>
                <Show when={data().checkoutSettings.zones.some((zone) => zone.active)}>
                  <Field id="delivery-zone" label={t('newOrder.zone')}>
                    <select
                      id="delivery-zone"
                      class="field__input"
                      value={deliveryZoneId()}
                      onChange={(event) => setDeliveryZoneId(event.currentTarget.value)}
                    >
                      <option value="">{t('newOrder.noZone')}</option>
                      <For each={data().checkoutSettings.zones.filter((zone) => zone.active)}>
                        {(zone) => <option value={zone.id}>{zone.name}</option>}
                      </For>
                    </select>
                  </Field>
                </Show>
              </Show>
            </fieldset>

            <fieldset class="form-group">
              <legend class="section__title">{t('newOrder.when')}</legend>
              <Field id="slot-date" label={t('newOrder.date')}>
                <input
                  id="slot-date"
                  class="field__input"
                  type="date"
                  value={date()}
                  onChange={(event) => {
                    setDate(event.currentTarget.value);
                    setSlotId('');
                  }}
                />
              </Field>
              <div class="slot-list" role="radiogroup" aria-label={t('newOrder.slot')}>
                <label class="slot">
                  <input type="radio" name="slot" checked={slotId() === ''} onChange={() => setSlotId('')} />
                  <span>{t('newOrder.toBeAgreed')}</span>
                </label>
                <For each={slots.data?.availableSlots}>
                  {(slot) => (
                    <label class="slot">
                      <input
                        type="radio"
                        name="slot"
                        value={slot.slotId}
                        checked={slotId() === slot.slotId}
                        disabled={!slot.available}
                        onChange={() => setSlotId(slot.slotId)}
                      />
                      <span>
                        {timeWindow(slot.windowStart, slot.windowEnd, { timeZone: timeZone() })}
                        {slot.available
                          ? ` · ${t('newOrder.remaining', { count: slot.remaining })}`
                          : ` · ${t(`newOrder.slotReason.${slot.reason ?? 'FULL'}`)}`}
                      </span>
                    </label>
                  )}
                </For>
              </div>
              {fieldError('slot')}
            </fieldset>

            <fieldset class="form-group">
              <legend class="section__title">{t('order.recipient')}</legend>
              <Field id="recipient-name" label={t('newOrder.recipientName')}>
                <input
                  id="recipient-name"
                  class="field__input"
                  value={recipientName()}
                  onInput={(event) => setRecipientName(event.currentTarget.value)}
                />
              </Field>
              <Field id="recipient-phone" label={t('newOrder.recipientPhone')}>
                <input
                  id="recipient-phone"
                  class="field__input"
                  type="tel"
                  value={recipientPhone()}
                  onInput={(event) => setRecipientPhone(event.currentTarget.value)}
                />
              </Field>
              <Field id="card-text" label={t('order.card')}>
                <textarea
                  id="card-text"
                  class="field__input"
                  rows={3}
                  maxlength={data().checkoutSettings.cardTextMaxLength}
                  value={cardText()}
                  aria-invalid={errorFor('cardText') ? true : undefined}
                  aria-describedby={errorFor('cardText') ? 'cardText-error' : undefined}
                  onInput={(event) => setCardText(event.currentTarget.value)}
                />
                {fieldError('cardText')}
              </Field>
            </fieldset>

            {fieldError('form')}
            <Show when={!problem()}>
              <ErrorMessage error={created.error} />
            </Show>
            <button type="submit" class="button button--primary" disabled={created.fetching}>
              {t('newOrder.submit')}
            </button>
          </form>
        )}
      </Show>
      <ErrorMessage error={options.error} />
    </main>
  );
}

function Field(props: { id: string; label: string; children: JSX.Element }) {
  return (
    <div class="field">
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      {props.children}
    </div>
  );
}
