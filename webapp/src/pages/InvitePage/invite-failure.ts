import type { ApiProblem } from '../../graphql/errors';
import type { MessageKey } from '../../i18n/messages';

/**
 * Why an invite could not be accepted, in words the person holding the link can act on. The server
 * says NOT_FOUND for an unknown or revoked invite, BAD_USER_INPUT for a link that holds no token, and
 * CONFLICT for the rest, which its message tells apart (server/src/features/invites/invites.service.ts:
 * "already used", "has expired", "already on the staff"). Other problems (no connection, rate limits)
 * get the general messages.
 */
export function inviteFailureMessage(problem: ApiProblem): MessageKey | undefined {
  if (problem.code === 'NOT_FOUND' || problem.code === 'BAD_USER_INPUT') return 'invite.error.unknown';
  if (problem.code !== 'CONFLICT') return undefined;
  const detail = problem.detail?.toLowerCase() ?? '';
  if (detail.includes('expired')) return 'invite.error.expired';
  if (detail.includes('already used')) return 'invite.error.used';
  if (detail.includes('already on the staff')) return 'invite.error.alreadyMember';
  return 'invite.error.closed';
}
