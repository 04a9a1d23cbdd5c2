import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { createSettledSearch } from '../../components/SearchField/settled-search';
import { t } from '../../i18n/i18n';
import { CreateCustomerMutation } from './new-order.documents';
import { CustomerSearchQuery } from './new-order.loader';

export interface PickedCustomer {
  id: string;
  name: string;
  phone: string | null;
}

/**
 * Finds the shop's customer by name or phone, or adds a new one (a phone another customer has picks that
 * customer instead: DuplicateCustomer names them).
 */
export function CustomerPicker(props: {
  picked: PickedCustomer | undefined;
  onPick: (customer: PickedCustomer | undefined) => void;
  error?: string;
}) {
  const { typed, settled: search, setTyped } = createSettledSearch();
  const [found] = createQuery({
    query: CustomerSearchQuery,
    variables: () => ({ search: search() }),
    pause: () => search().trim().length < 2,
  });
  const [adding, setAdding] = createSignal(false);
  const [name, setName] = createSignal('');
  const [phone, setPhone] = createSignal('');
  const [created, createCustomer] = createMutation(CreateCustomerMutation);
  const [duplicate, setDuplicate] = createSignal(false);

  async function add() {
    const answer = (await createCustomer({ input: { name: name().trim(), phone: phone().trim() || null } }))
      .data?.createCustomer;
    if (answer?.__typename === 'MutationCreateCustomerSuccess') props.onPick(answer.data);
    else if (answer?.__typename === 'DuplicateCustomer') {
      setDuplicate(true);
      if (answer.existing) props.onPick(answer.existing);
    }
  }

  return (
    <fieldset class="form-group">
      <legend class="section__title">{t('newOrder.customer')}</legend>
      <Show
        when={props.picked}
        fallback={
          <>
            <div class="field">
              <label class="field__label" for="customer-search">
                {t('newOrder.customerSearch')}
              </label>
              <input
                id="customer-search"
                class="field__input"
                type="search"
                autocomplete="off"
                value={typed()}
                aria-invalid={props.error ? true : undefined}
                aria-describedby={props.error ? 'customer-error' : undefined}
                onInput={(event) => setTyped(event.currentTarget.value)}
              />
            </div>
            <ul class="pick-list">
              <For each={found.data?.customers.edges}>
                {(edge) => (
                  <li>
                    <button type="button" class="pick-list__item" onClick={() => props.onPick(edge.node)}>
                      <span>{edge.node.name}</span>
                      <span class="pick-list__hint">{edge.node.phone ?? ''}</span>
                    </button>
                  </li>
                )}
              </For>
            </ul>
            <Show
              when={adding()}
              fallback={
                <button type="button" class="button button--small" onClick={() => setAdding(true)}>
                  {t('newOrder.newCustomer')}
                </button>
              }
            >
              <div class="field">
                <label class="field__label" for="new-customer-name">
                  {t('newOrder.customerName')}
                </label>
                <input
                  id="new-customer-name"
                  class="field__input"
                  value={name()}
                  onInput={(event) => setName(event.currentTarget.value)}
                />
              </div>
              <div class="field">
                <label class="field__label" for="new-customer-phone">
                  {t('newOrder.customerPhone')}
                </label>
                <input
                  id="new-customer-phone"
                  class="field__input"
                  type="tel"
                  value={phone()}
                  onInput={(event) => setPhone(event.currentTarget.value)}
                />
              </div>
              <button
                type="button"
                class="button button--small"
                disabled={created.fetching || !name().trim()}
                onClick={() => void add()}
              >
                {t('newOrder.addCustomer')}
              </button>
              <ErrorMessage error={created.error} />
            </Show>
          </>
        }
      >
        {(customer) => (
          <div class="row">
            <span class="row__label">
              {customer().name} {customer().phone ?? ''}
            </span>
            <button
              type="button"
              class="button button--small button--plain"
              onClick={() => props.onPick(undefined)}
            >
              {t('newOrder.changeCustomer')}
            </button>
          </div>
        )}
      </Show>
      <Show when={duplicate() && props.picked}>
        <p class="field__hint">{t('newOrder.duplicateCustomer')}</p>
      </Show>
      <Show when={props.error}>
        <p id="customer-error" class="field__error" role="alert">
          {props.error}
        </p>
      </Show>
    </fieldset>
  );
}
