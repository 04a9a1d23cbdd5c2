import { createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { invitableRoles } from '../../auth/access';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Spinner } from '../../components/Spinner/Spinner';
import { locale, t } from '../../i18n/i18n';
import { InvitePanel } from './InvitePanel';
import { OpenInvites } from './OpenInvites';
import { StaffMemberRow } from './StaffMemberRow';
import { sortStaff } from './team';
import { TeamQuery } from './team.loader';

/**
 * The shop's staff and their roles, for admins and managers: admins change roles and remove people;
 * both invite (managers anyone but an admin) and revoke open invites. The loader (team.loader.ts)
 * fetches the list whenever the page opens.
 */
export default function TeamPage() {
  const [team, refetch] = createQuery({ query: TeamQuery });
  const [inviting, setInviting] = createSignal(false);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const staff = () => sortStaff(team.data?.staff ?? [], locale());

  return (
    <main class="page">
      <PageHeader
        title={t('team.title')}
        subtitle={activeShopAccess()?.shop.name}
        actions={
          <Show when={invitableRoles(activeShopAccess()?.role).length > 0 && !inviting()}>
            <button type="button" class="button button--small" onClick={() => setInviting(true)}>
              {t('team.invite')}
            </button>
          </Show>
        }
      />
      <Show when={inviting()}>
        <InvitePanel onCreated={reload} onClose={() => setInviting(false)} />
      </Show>
      <ErrorMessage error={team.error} onRetry={reload} />
      <Show when={team.data} fallback={<Show when={team.fetching}>{<Spinner />}</Show>}>
        {(loaded) => (
          <>
            <section class="section">
              <h2 class="section__title">
                {t('team.staff')} · {loaded().staff.length}
              </h2>
              <ul class="list staff-list">
                <For each={staff()}>{(member) => <StaffMemberRow member={member} />}</For>
              </ul>
            </section>
            <OpenInvites invites={loaded().invites} />
          </>
        )}
      </Show>
    </main>
  );
}
