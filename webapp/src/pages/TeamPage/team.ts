import { type Role, roles } from '../../auth/access';
import type { ApiProblem } from '../../graphql/errors';
import type { MessageKey } from '../../i18n/messages';

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

/**
 * Why a role change or a removal was refused, when the server says more than its code: LAST_ADMIN
 * (server/src/features/staff/staff.service.ts) would leave the shop without an admin. Any other
 * conflict gets the general message with the server's own words (ErrorMessage).
 */
export function staffChangeFailureMessage(problem: ApiProblem): MessageKey | undefined {
  return problem.code === 'CONFLICT' && problem.reason === 'LAST_ADMIN' ? 'team.error.lastAdmin' : undefined;
}
