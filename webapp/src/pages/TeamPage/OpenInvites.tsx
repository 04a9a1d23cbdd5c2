import { createMutation } from '@urql/solid';
import { For, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ConfirmButton } from '../../components/ConfirmButton/ConfirmButton';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { dateTime, t } from '../../i18n/i18n';
import { RevokeInviteMutation } from './team.documents';
import type { OpenInvite } from './team.loader';

/**
 * Invites nobody has accepted yet, newest first, each with a revoke button (confirmed first). Their
 * links are not shown again: the server keeps only a hash of the secret.
 */
export function OpenInvites(props: { invites: readonly OpenInvite[] }) {
  const [state, revokeInvite] = createMutation(RevokeInviteMutation);
  const timeZone = () => activeShopAccess()?.shop.timezone;

  return (
    <section class="section">
      <h2 class="section__title">
        {t('team.invites')} · {props.invites.length}
      </h2>
      <ErrorMessage error={state.error} />
      <Show when={props.invites.length > 0} fallback={<p class="hint">{t('team.invites.empty')}</p>}>
        <ul class="list invite-list">
          <For each={props.invites}>
            {(invite) => (
              <li class="list__item invite-list__item" data-invite-id={invite.id}>
                <span class="list__main">
                  <span class="list__title">{t(`role.${invite.role}`)}</span>
                  <span class="list__subtitle">
                    {t('team.invites.expires', {
                      date: dateTime(invite.expiresAt, { timeZone: timeZone() }),
                    })}
                    <Show when={invite.createdBy}>
                      {(author) => <> · {t('team.invites.by', { name: author().name })}</>}
                    </Show>
                  </span>
                </span>
                <ConfirmButton
                  label={t('team.invites.revoke')}
                  question={t('team.invites.confirmRevoke')}
                  disabled={state.fetching}
                  onConfirm={() => void revokeInvite({ id: invite.id })}
                />
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
