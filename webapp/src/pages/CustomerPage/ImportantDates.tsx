import { createMutation } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { FieldError } from '../../components/FieldError/FieldError';
import { t } from '../../i18n/i18n';
import { AddImportantDateMutation, RemoveImportantDateMutation } from './customer.documents';
import type { ImportantDate } from './customer.loader';

const kinds = ['BIRTHDAY', 'ANNIVERSARY', 'OTHER'] as const;
type Kind = (typeof kinds)[number];

/** "12.03" or "12.03.1990": day and month always, the year when known. */
function dayOf(date: ImportantDate): string {
  const dayMonth = `${String(date.day).padStart(2, '0')}.${String(date.month).padStart(2, '0')}`;
  return date.year ? `${dayMonth}.${date.year}` : dayMonth;
}

/**
 * A customer's important dates (birthdays, anniversaries), which the shop is reminded of ahead, each
 * removable, and a form for one more. The date input's year is kept, as the API allows it to be unknown.
 */
export function ImportantDates(props: {
  customerId: string;
  dates: readonly ImportantDate[];
  onChanged: () => void;
}) {
  const [adding, addImportantDate] = createMutation(AddImportantDateMutation);
  const [removing, removeImportantDate] = createMutation(RemoveImportantDateMutation);
  const [title, setTitle] = createSignal('');
  const [kind, setKind] = createSignal<Kind>('BIRTHDAY');
  const [day, setDay] = createSignal('');

  async function add(event: SubmitEvent) {
    event.preventDefault();
    const [year, month, dayOfMonth] = day().split('-').map(Number);
    if (!year || !month || !dayOfMonth) return;
    const result = await addImportantDate({
      customerId: props.customerId,
      input: { title: title().trim(), kind: kind(), day: dayOfMonth, month, year },
    });
    if (result.data) {
      setTitle('');
      setDay('');
      props.onChanged();
    }
  }

  async function remove(id: string) {
    const result = await removeImportantDate({ importantDateId: id });
    if (result.data) props.onChanged();
  }

  return (
    <section class="section" aria-labelledby="customer-dates">
      <h2 class="section__title" id="customer-dates">
        {t('customer.dates')} · {props.dates.length}
      </h2>
      <Show when={props.dates.length > 0}>
        <ul class="list">
          <For each={props.dates}>
            {(date) => (
              <li class="list__item important-date">
                <span class="list__main">
                  <span class="list__title">{date.title}</span>
                  <span class="list__subtitle">
                    {t(`importantDateKind.${date.kind}`)} · {dayOf(date)}
                  </span>
                </span>
                <button
                  type="button"
                  class="button button--small button--plain button--destructive"
                  disabled={removing.fetching}
                  onClick={() => void remove(date.id)}
                >
                  {t('checkout.remove')}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <ErrorMessage error={removing.error} />
      <form class="card form" onSubmit={add} aria-label={t('customer.dates.add')}>
        <label class="field">
          <span class="field__label">{t('customer.dates.title')}</span>
          <input
            class="field__input"
            name="dateTitle"
            required
            maxLength={200}
            value={title()}
            aria-describedby="date-title-error"
            onInput={(event) => setTitle(event.currentTarget.value)}
          />
          <FieldError error={adding.error} field="title" id="date-title-error" />
        </label>
        <div class="form__row">
          <label class="field">
            <span class="field__label">{t('customer.dates.kind')}</span>
            <select
              class="field__input"
              name="dateKind"
              value={kind()}
              onChange={(event) => setKind(event.currentTarget.value as Kind)}
            >
              <For each={kinds}>
                {(value) => <option value={value}>{t(`importantDateKind.${value}`)}</option>}
              </For>
            </select>
          </label>
          <label class="field">
            <span class="field__label">{t('customer.dates.day')}</span>
            <input
              class="field__input"
              type="date"
              name="dateDay"
              required
              value={day()}
              aria-describedby="date-day-error"
              onInput={(event) => setDay(event.currentTarget.value)}
            />
            <FieldError error={adding.error} field="day" id="date-day-error" />
          </label>
        </div>
        <ErrorMessage error={adding.error} />
        <button type="submit" class="button" disabled={adding.fetching}>
          {t('customer.dates.add')}
        </button>
      </form>
    </section>
  );
}
