import type { ApiProblem } from '../../graphql/errors';
import type { MessageKey } from '../../i18n/messages';
import type { InviteState } from './invite.loader';

/**
 * Why an invite could not be accepted, in words the person holding the link can act on. The server
 * says NOT_FOUND for an unknown or revoked invite, BAD_USER_INPUT for a link that holds no token, and
 * CONFLICT for the rest, naming which in `extensions.reason` (server/src/features/invites/invites.service.ts).
 * A conflict without a reason the app knows gets the general "can no longer be used". Other problems
 * (no connection, rate limits) get the general messages.
 */
export function inviteFailureMessage(problem: ApiProblem): MessageKey | undefined {
  if (problem.code === 'NOT_FOUND' || problem.code === 'BAD_USER_INPUT') return 'invite.error.unknown';
  if (problem.code !== 'CONFLICT') return undefined;
  switch (problem.reason) {
    case 'INVITE_USED':
      return 'invite.error.used';
    case 'INVITE_EXPIRED':
      return 'invite.error.expired';
    case 'ALREADY_MEMBER':
      return 'invite.error.alreadyMember';
    default:
      return 'invite.error.closed';
  }
}

/**
 * Why a link cannot be used, known from its preview before anyone signs in: its state, or `null` for
 * a token the server does not know. An open invite has nothing to explain.
 */
export function inviteStateMessage(state: InviteState | null): MessageKey | undefined {
  switch (state) {
    case null:
      return 'invite.error.unknown';
    case 'USED':
      return 'invite.error.used';
    case 'EXPIRED':
      return 'invite.error.expired';
    case 'REVOKED':
      return 'invite.error.revoked';
    case 'OPEN':
      return undefined;
  }
}
