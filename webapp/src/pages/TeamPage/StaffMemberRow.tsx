import type { CombinedError } from '@urql/core';
import { createMutation, useClient } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { canManageStaff, type Role, roles } from '../../auth/access';
import { refreshSessionUser } from '../../auth/current-user';
import { activeShopAccess, session } from '../../auth/session';
import { ConfirmButton } from '../../components/ConfirmButton/ConfirmButton';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { RefusalMessage } from '../../components/ErrorMessage/RefusalMessage';
import { date, t } from '../../i18n/i18n';
import { type StaffRefusal, staffRefusalMessages } from './team';
import { ChangeStaffRoleMutation, RemoveStaffMemberMutation } from './team.documents';
import type { StaffMember } from './team.loader';

/**
 * One person on the staff. Admins open the row to give another role or remove them, each confirmed
 * first; the server refuses to leave the shop without an admin (a LastAdmin answer), which is shown
 * here.
 * The answers name the changed membership, so urql refetches the team list by itself; a change to
 * one's own membership also refreshes the session (an admin who steps down loses the admin screens).
 */
export function StaffMemberRow(props: { member: StaffMember }) {
  const client = useClient();
  const [open, setOpen] = createSignal(false);
  const [role, setRole] = createSignal<Role>(props.member.role);
  const [error, setError] = createSignal<CombinedError>();
  const [refusal, setRefusal] = createSignal<StaffRefusal>();
  const [changeState, changeStaffRole] = createMutation(ChangeStaffRoleMutation);
  const [removeState, removeStaffMember] = createMutation(RemoveStaffMemberMutation);
  const isMe = () => props.member.user.id === session()?.user.id;
  const busy = () => changeState.fetching || removeState.fetching;
  const timeZone = () => activeShopAccess()?.shop.timezone;
  const roleName = (value: Role) => t(`role.${value}`);

  async function changeRole() {
    const result = await changeStaffRole({ membershipId: props.member.id, role: role() });
    const answer = result.data?.changeStaffRole;
    setError(result.error);
    setRefusal(answer?.__typename === 'Membership' ? undefined : answer);
    if (answer?.__typename !== 'Membership') return;
    setOpen(false);
    if (isMe()) await refreshSessionUser(client);
  }

  async function remove() {
    const result = await removeStaffMember({ membershipId: props.member.id });
    const answer = result.data?.removeStaffMember;
    setError(result.error);
    setRefusal(answer?.__typename === 'Membership' ? undefined : answer);
    if (answer?.__typename === 'Membership' && isMe()) await refreshSessionUser(client);
  }

  return (
    <li class="staff-member" data-membership-id={props.member.id}>
      <div class="list__item staff-member__summary">
        <span class="list__main">
          <span class="list__title">
            {props.member.user.name}
            <Show when={isMe()}>
              <span class="badge staff-member__me">{t('team.you')}</span>
            </Show>
          </span>
          <span class="list__subtitle">
            <span class="staff-member__role">{roleName(props.member.role)}</span> ·{' '}
            {t('team.since', { date: date(props.member.createdAt, { timeZone: timeZone() }) })}
          </span>
        </span>
        <Show when={canManageStaff(activeShopAccess()?.role)}>
          <button
            type="button"
            class="button button--small button--plain"
            aria-expanded={open()}
            onClick={() => {
              setOpen(!open());
              setRole(props.member.role);
              setError(undefined);
              setRefusal(undefined);
            }}
          >
            {open() ? t('app.close') : t('team.manage')}
          </button>
        </Show>
      </div>
      <Show when={open()}>
        <div class="staff-member__actions">
          <label class="field">
            <span class="field__label">{t('team.role')}</span>
            <select
              class="field__input"
              name="role"
              onChange={(event) => setRole(event.currentTarget.value as Role)}
            >
              <For each={roles}>
                {(value) => (
                  <option value={value} selected={value === role()}>
                    {roleName(value)}
                  </option>
                )}
              </For>
            </select>
          </label>
          <div class="staff-member__buttons">
            <ConfirmButton
              label={t('team.saveRole')}
              question={t('team.confirmRole', { name: props.member.user.name, role: roleName(role()) })}
              destructive={false}
              disabled={busy() || role() === props.member.role}
              onConfirm={() => void changeRole()}
            />
            <ConfirmButton
              label={t('team.remove')}
              question={t('team.confirmRemove', { name: props.member.user.name })}
              disabled={busy()}
              onConfirm={() => void remove()}
            />
          </div>
          <ErrorMessage error={error()} />
          <RefusalMessage refusal={refusal()} messages={staffRefusalMessages} />
        </div>
      </Show>
    </li>
  );
}
