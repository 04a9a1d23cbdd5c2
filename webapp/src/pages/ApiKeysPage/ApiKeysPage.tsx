import { createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { CopyField } from '../../components/CopyField/CopyField';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Spinner } from '../../components/Spinner/Spinner';
import { t } from '../../i18n/i18n';
import { ApiKeyRow } from './ApiKeyRow';
import { ApiKeysQuery } from './api-keys.loader';
import { CreateApiKeyForm, type NewApiKey } from './CreateApiKeyForm';

/**
 * The shop's integration keys, for admins: the list (revoked ones too, for the record), a form for a
 * new one, and the new key's secret, shown once (the server keeps only its hash). The secret lives in
 * this page's memory until the admin confirms they copied it, and is gone when they leave.
 */
export default function ApiKeysPage() {
  const [keys, refetch] = createQuery({ query: ApiKeysQuery });
  const [creating, setCreating] = createSignal(false);
  const [created, setCreated] = createSignal<NewApiKey>();
  const reload = () => refetch({ requestPolicy: 'network-only' });

  return (
    <main class="page">
      <PageHeader
        title={t('apiKeys.title')}
        subtitle={activeShopAccess()?.shop.name}
        actions={
          <Show when={!creating() && !created()}>
            <button type="button" class="button button--small" onClick={() => setCreating(true)}>
              {t('apiKeys.create')}
            </button>
          </Show>
        }
      />
      <p class="hint">{t('apiKeys.hint')}</p>
      <Show when={created()}>
        {(key) => (
          <section class="card new-key" aria-label={t('apiKeys.created.title', { name: key().name })}>
            <h2 class="new-key__title">{t('apiKeys.created.title', { name: key().name })}</h2>
            <p class="new-key__warning" role="alert">
              {t('apiKeys.created.warning')}
            </p>
            <CopyField label={t('apiKeys.created.key')} value={key().key} code />
            <button type="button" class="button button--primary" onClick={() => setCreated(undefined)}>
              {t('apiKeys.created.done')}
            </button>
          </section>
        )}
      </Show>
      <Show when={creating()}>
        <CreateApiKeyForm
          onCreated={(key) => {
            setCreating(false);
            setCreated(key);
            reload();
          }}
          onCancel={() => setCreating(false)}
        />
      </Show>
      <ErrorMessage error={keys.error} onRetry={reload} />
      <Show when={keys.data} fallback={<Show when={keys.fetching}>{<Spinner />}</Show>}>
        {(loaded) => (
          <Show when={loaded().apiKeys.length > 0} fallback={<p class="empty">{t('apiKeys.empty')}</p>}>
            <ul class="list api-key-list">
              <For each={loaded().apiKeys}>{(key) => <ApiKeyRow apiKey={key} />}</For>
            </ul>
          </Show>
        )}
      </Show>
    </main>
  );
}
