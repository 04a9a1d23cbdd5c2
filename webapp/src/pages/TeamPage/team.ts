import type { ResultOf } from 'gql.tada';
import { type Role, roles } from '../../auth/access';
import type { MessageKey } from '../../i18n/messages';
import type { ChangeStaffRoleMutation, RemoveStaffMemberMutation } from './team.documents';

/** The staff list's order: admins first, down to couriers; by name within a role. */
export function sortStaff<Member extends { role: Role; user: { name: string } }>(
  staff: readonly Member[],
  locale: string,
): Member[] {
  return [...staff].sort(
    (a, b) => roles.indexOf(a.role) - roles.indexOf(b.role) || a.user.name.localeCompare(b.user.name, locale),
  );
}

/**
 * Telegram's share link (https://core.telegram.org/widgets/share#custom-buttons): opens Telegram's
 * chat picker with the link and a line of text, outside the Mini App too.
 */
export function telegramShareUrl(url: string, text: string): string {
  // encodeURIComponent, not URLSearchParams: a space must travel as %20, not as "+".
  return `https://t.me/share/url?url=${encodeURIComponent(url)}&text=${encodeURIComponent(text)}`;
}

/** What a role change or a removal answers when it is refused (LastAdmin), rather than a membership. */
export type StaffRefusal = Exclude<
  | ResultOf<typeof ChangeStaffRoleMutation>['changeStaffRole']
  | ResultOf<typeof RemoveStaffMemberMutation>['removeStaffMember'],
  { __typename: 'Membership' }
>;

/** Each refusal of a staff change in the admin's words, by its `__typename`. */
export const staffRefusalMessages: Record<StaffRefusal['__typename'], MessageKey> = {
  LastAdmin: 'team.error.lastAdmin',
};
