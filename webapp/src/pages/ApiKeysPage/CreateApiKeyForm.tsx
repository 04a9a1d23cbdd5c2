import { createMutation } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { endOfDayIn, todayIn } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import { type ApiScope, accessesOf, apiResources } from './api-keys';
import { CreateApiKeyMutation } from './api-keys.documents';

/** A key just created: its name and its secret, which nobody can see again. */
export interface NewApiKey {
  name: string;
  key: string;
}

export interface CreateApiKeyFormProps {
  onCreated: (key: NewApiKey) => void;
  onCancel: () => void;
}

/** Name, scopes (read and write per resource) and an optional last day, on the shop's clock. */
export function CreateApiKeyForm(props: CreateApiKeyFormProps) {
  const [state, createApiKey] = createMutation(CreateApiKeyMutation);
  const [name, setName] = createSignal('');
  const [scopes, setScopes] = createSignal<ReadonlySet<ApiScope>>(new Set());
  const [expiresOn, setExpiresOn] = createSignal('');
  const [noScope, setNoScope] = createSignal(false);
  const timeZone = () => activeShopAccess()?.shop.timezone ?? 'UTC';

  function toggle(scope: ApiScope, on: boolean) {
    const next = new Set(scopes());
    if (on) next.add(scope);
    else next.delete(scope);
    setScopes(next);
    if (next.size > 0) setNoScope(false);
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (scopes().size === 0) {
      setNoScope(true);
      return;
    }
    const result = await createApiKey({
      name: name().trim(),
      scopes: [...scopes()],
      expiresAt: expiresOn() ? endOfDayIn(expiresOn(), timeZone()) : null,
    });
    if (result.data) {
      const created = result.data.createApiKey;
      props.onCreated({ name: created.apiKey.name, key: created.key });
    }
  }

  return (
    <form class="card form" onSubmit={submit} aria-label={t('apiKeys.create')}>
      <label class="field">
        <span class="field__label">{t('apiKeys.name')}</span>
        <input
          class="field__input"
          name="name"
          required
          maxlength="80"
          placeholder={t('apiKeys.namePlaceholder')}
          value={name()}
          onInput={(event) => setName(event.currentTarget.value)}
        />
      </label>
      <fieldset class="scopes">
        <legend class="field__label">{t('apiKeys.scopes')}</legend>
        <For each={apiResources}>
          {(resource) => (
            <div class="scopes__row">
              <span class="scopes__resource">{t(`apiKeys.resource.${resource}`)}</span>
              <For each={accessesOf(resource)}>
                {({ access, scope }) => (
                  <label class="scopes__option">
                    <input
                      type="checkbox"
                      name="scopes"
                      value={scope}
                      checked={scopes().has(scope)}
                      onChange={(event) => toggle(scope, event.currentTarget.checked)}
                    />
                    <span>{t(`apiKeys.access.${access}`)}</span>
                  </label>
                )}
              </For>
            </div>
          )}
        </For>
      </fieldset>
      <label class="field">
        <span class="field__label">{t('apiKeys.expiresOn')}</span>
        <input
          class="field__input"
          type="date"
          name="expiresOn"
          min={todayIn(timeZone())}
          value={expiresOn()}
          onInput={(event) => setExpiresOn(event.currentTarget.value)}
        />
        <span class="hint">{t('apiKeys.expiresOn.hint')}</span>
      </label>
      <Show when={noScope()}>
        <p class="error-message" role="alert">
          {t('apiKeys.error.scopes')}
        </p>
      </Show>
      <ErrorMessage error={state.error} />
      <button type="submit" class="button button--primary" disabled={state.fetching}>
        {t('apiKeys.submit')}
      </button>
      <button type="button" class="button button--plain" onClick={() => props.onCancel()}>
        {t('app.cancel')}
      </button>
    </form>
  );
}
