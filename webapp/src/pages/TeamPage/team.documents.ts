import { graphql } from '../../graphql/graphql';
import { InviteFields } from './team.loader';

/** The links hold the invite's secret and come only in this answer. */
export const CreateInviteMutation = graphql(
  `
  mutation CreateInvite($role: Role!) {
    createInvite(role: $role) {
      telegramUrl
      webUrl
      invite {
        ...InviteFields
      }
    }
  }
`,
  [InviteFields],
);

export const RevokeInviteMutation = graphql(`
  mutation RevokeInvite($id: ID!) {
    revokeInvite(id: $id) {
      id
      revokedAt
    }
  }
`);

/** Both answer the changed membership, or LastAdmin when the shop would be left without an admin. */
export const ChangeStaffRoleMutation = graphql(`
  mutation ChangeStaffRole($membershipId: ID!, $role: Role!) {
    changeStaffRole(membershipId: $membershipId, role: $role) {
      __typename
      ... on Membership {
        id
        role
      }
      ... on DomainError {
        message
      }
    }
  }
`);

export const RemoveStaffMemberMutation = graphql(`
  mutation RemoveStaffMember($membershipId: ID!) {
    removeStaffMember(membershipId: $membershipId) {
      __typename
      ... on Membership {
        id
      }
      ... on DomainError {
        message
      }
    }
  }
`);
