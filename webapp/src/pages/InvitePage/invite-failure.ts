import type { ResultOf } from 'gql.tada';
import type { ApiProblem } from '../../graphql/errors';
import type { MessageKey } from '../../i18n/messages';
import type { AcceptInviteMutation } from './invite.documents';
import type { InviteState } from './invite.loader';

/** What acceptInvite answers when the invite cannot be used: InviteUsed, InviteExpired or AlreadyStaff. */
export type InviteRefusal = Exclude<
  ResultOf<typeof AcceptInviteMutation>['acceptInvite'],
  { __typename: 'Membership' }
>;

/** Each refusal of acceptInvite in words the person holding the link can act on, by its `__typename`. */
export const inviteRefusalMessages: Record<InviteRefusal['__typename'], MessageKey> = {
  InviteUsed: 'invite.error.used',
  InviteExpired: 'invite.error.expired',
  AlreadyStaff: 'invite.error.alreadyMember',
};

/**
 * Why an invite could not be found: the server says NOT_FOUND for an unknown or revoked invite and
 * BAD_USER_INPUT for a link that holds no token. Other problems (no connection, rate limits) get the
 * general messages.
 */
export function inviteFailureMessage(problem: ApiProblem): MessageKey | undefined {
  return problem.code === 'NOT_FOUND' || problem.code === 'BAD_USER_INPUT'
    ? 'invite.error.unknown'
    : undefined;
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
