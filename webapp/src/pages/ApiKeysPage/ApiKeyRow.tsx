import { createMutation } from '@urql/solid';
import { For, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ConfirmButton } from '../../components/ConfirmButton/ConfirmButton';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { dateTime, t } from '../../i18n/i18n';
import { apiKeyStatus, scopeCode } from './api-keys';
import { RevokeApiKeyMutation } from './api-keys.documents';
import type { ApiKey } from './api-keys.loader';

/**
 * One key: name, the visible start of the key, scopes, when it was last used, and whether it still
 * works. A working key can be revoked (confirmed first); the answer names the key, so urql refetches
 * the list by itself.
 */
export function ApiKeyRow(props: { apiKey: ApiKey }) {
  const [state, revokeApiKey] = createMutation(RevokeApiKeyMutation);
  const status = () => apiKeyStatus(props.apiKey, new Date());
  const date = (iso: string) => dateTime(iso, { timeZone: activeShopAccess()?.shop.timezone });

  return (
    <li class="api-key" data-api-key-id={props.apiKey.id} data-status={status()}>
      <div class="api-key__top">
        <span class="list__title">{props.apiKey.name}</span>
        <span class={`badge api-key__status api-key__status--${status()}`}>
          {t(`apiKeys.status.${status()}`)}
        </span>
      </div>
      <code class="api-key__prefix">{props.apiKey.prefix}…</code>
      <ul class="api-key__scopes">
        <For each={props.apiKey.scopes}>{(scope) => <li class="api-key__scope">{scopeCode(scope)}</li>}</For>
      </ul>
      <p class="list__subtitle">
        {props.apiKey.lastUsedAt
          ? t('apiKeys.lastUsed', { date: date(props.apiKey.lastUsedAt) })
          : t('apiKeys.neverUsed')}
        <Show when={props.apiKey.revokedAt}>
          {(revokedAt) => <> · {t('apiKeys.revokedAt', { date: date(revokedAt()) })}</>}
        </Show>
        <Show when={!props.apiKey.revokedAt && props.apiKey.expiresAt}>
          {(expiresAt) => <> · {t('apiKeys.expires', { date: date(expiresAt()) })}</>}
        </Show>
      </p>
      <p class="list__subtitle">
        {t('apiKeys.createdAt', { date: date(props.apiKey.createdAt) })}
        <Show when={props.apiKey.createdBy}>
          {(author) => <> · {t('team.invites.by', { name: author().name })}</>}
        </Show>
      </p>
      <Show when={status() === 'active'}>
        <ConfirmButton
          class="api-key__revoke"
          label={t('apiKeys.revoke')}
          question={t('apiKeys.confirmRevoke', { name: props.apiKey.name })}
          disabled={state.fetching}
          onConfirm={() => void revokeApiKey({ id: props.apiKey.id })}
        />
      </Show>
      <ErrorMessage error={state.error} />
    </li>
  );
}
