import { createMutation } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { FieldError } from '../../components/FieldError/FieldError';
import { t } from '../../i18n/i18n';
import { DeleteDeliverySlotMutation, UpsertDeliverySlotMutation } from './checkout-settings.documents';
import type { CheckoutSettings } from './checkout-settings.loader';
import { clockTime, minutesOf } from './clock-time';

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
type Weekday = (typeof weekdays)[number];

type Slot = CheckoutSettings['slots'][number];

/**
 * The weekly delivery slots in weekday order, each editable (its times, capacity, whether it takes orders:
 * a slot paused for a week keeps the orders already in it) and removable, and one form for a new slot or
 * the one being edited. Orders already placed keep their window whatever the slot becomes.
 */
export function DeliverySlots(props: { slots: CheckoutSettings['slots']; onChanged: () => void }) {
  const [saving, upsertDeliverySlot] = createMutation(UpsertDeliverySlotMutation);
  const [deleting, deleteDeliverySlot] = createMutation(DeleteDeliverySlotMutation);
  const [editing, setEditing] = createSignal<string | null>(null);
  const [weekday, setWeekday] = createSignal<Weekday>(1);
  const [start, setStart] = createSignal('10:00');
  const [end, setEnd] = createSignal('12:00');
  const [capacity, setCapacity] = createSignal('5');
  const [active, setActive] = createSignal(true);
  let form: HTMLFormElement | undefined;

  function edit(slot: Slot) {
    setEditing(slot.id);
    setWeekday(slot.weekday as Weekday);
    setStart(clockTime(slot.startMinutes));
    setEnd(clockTime(slot.endMinutes));
    setCapacity(String(slot.capacity));
    setActive(slot.active);
    form?.scrollIntoView({ block: 'nearest' });
    form?.querySelector<HTMLSelectElement>('select')?.focus();
  }

  function stopEditing() {
    setEditing(null);
    setActive(true);
  }

  async function save(event: SubmitEvent) {
    event.preventDefault();
    const startMinutes = minutesOf(start());
    const endMinutes = minutesOf(end());
    if (startMinutes === undefined || endMinutes === undefined) return;
    const id = editing();
    const result = await upsertDeliverySlot({
      input: {
        ...(id ? { id } : {}),
        weekday: weekday(),
        startMinutes,
        endMinutes,
        capacity: Number(capacity()),
        active: active(),
      },
    });
    if (!result.data) return;
    stopEditing();
    props.onChanged();
  }

  async function remove(id: string) {
    const result = await deleteDeliverySlot({ id });
    if (result.data) props.onChanged();
  }

  return (
    <section class="section" aria-labelledby="checkout-slots">
      <h2 class="section__title" id="checkout-slots">
        {t('checkout.slots.title')} · {props.slots.length}
      </h2>
      <Show when={props.slots.length > 0}>
        <ul class="list slot-list">
          <For each={props.slots}>
            {(slot) => (
              <li class="list__item delivery-slot">
                <span class="list__main">
                  <span class="list__title">
                    {t(`weekday.${slot.weekday as Weekday}`)} {clockTime(slot.startMinutes)}–
                    {clockTime(slot.endMinutes)}
                  </span>
                  <span class="list__subtitle">
                    {t('checkout.slots.capacity', { count: slot.capacity })}
                    {slot.active ? '' : ` · ${t('checkout.slots.inactive')}`}
                  </span>
                </span>
                <button
                  type="button"
                  class="button button--small button--plain"
                  aria-pressed={editing() === slot.id}
                  onClick={() => edit(slot)}
                >
                  {t('checkout.slots.edit')}
                </button>
                <button
                  type="button"
                  class="button button--small button--plain button--destructive"
                  disabled={deleting.fetching}
                  onClick={() => void remove(slot.id)}
                >
                  {t('checkout.remove')}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <ErrorMessage error={deleting.error} />
      <form
        ref={form}
        class="card form"
        onSubmit={save}
        aria-label={editing() ? t('checkout.slots.editing') : t('checkout.slots.add')}
      >
        <div class="form__row">
          <label class="field">
            <span class="field__label">{t('checkout.slots.weekday')}</span>
            <select
              class="field__input"
              name="weekday"
              value={weekday()}
              onChange={(event) => setWeekday(Number(event.currentTarget.value) as Weekday)}
            >
              <For each={weekdays}>{(day) => <option value={day}>{t(`weekday.${day}`)}</option>}</For>
            </select>
          </label>
          <label class="field">
            <span class="field__label">{t('checkout.slots.capacityLabel')}</span>
            <input
              class="field__input"
              type="number"
              inputmode="numeric"
              name="capacity"
              min="0"
              step="1"
              required
              value={capacity()}
              onInput={(event) => setCapacity(event.currentTarget.value)}
            />
          </label>
        </div>
        <div class="form__row">
          <label class="field">
            <span class="field__label">{t('checkout.slots.start')}</span>
            <input
              class="field__input"
              type="time"
              name="start"
              required
              value={start()}
              onInput={(event) => setStart(event.currentTarget.value)}
            />
          </label>
          <label class="field">
            <span class="field__label">{t('checkout.slots.end')}</span>
            <input
              class="field__input"
              type="time"
              name="end"
              required
              value={end()}
              aria-describedby="slot-end-error"
              onInput={(event) => setEnd(event.currentTarget.value)}
            />
            <FieldError error={saving.error} field="endMinutes" id="slot-end-error" />
          </label>
        </div>
        <Show when={editing()}>
          <label class="field field--inline">
            <input
              type="checkbox"
              name="active"
              checked={active()}
              onChange={(event) => setActive(event.currentTarget.checked)}
            />
            <span class="field__label">{t('checkout.slots.active')}</span>
          </label>
        </Show>
        <ErrorMessage error={saving.error} />
        <div class="form__actions">
          <button type="submit" class="button" disabled={saving.fetching}>
            {editing() ? t('checkout.slots.save') : t('checkout.slots.add')}
          </button>
          <Show when={editing()}>
            <button type="button" class="button button--plain" onClick={stopEditing}>
              {t('checkout.slots.cancelEdit')}
            </button>
          </Show>
        </div>
      </form>
    </section>
  );
}
