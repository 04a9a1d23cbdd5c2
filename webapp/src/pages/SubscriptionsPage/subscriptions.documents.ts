import { graphql } from '../../graphql/graphql';
import { SubscriptionFields } from './subscriptions.loader';

export const PauseSubscriptionMutation = graphql(
  `
  mutation PauseSubscription($id: ID!, $version: Int!) {
    pauseSubscription(id: $id, version: $version) {
      __typename
      ... on MutationPauseSubscriptionSuccess {
        data {
          ...SubscriptionFields
        }
      }
      ... on DomainError {
        message
      }
    }
  }
`,
  [SubscriptionFields],
);

export const ResumeSubscriptionMutation = graphql(
  `
  mutation ResumeSubscription($id: ID!, $version: Int!) {
    resumeSubscription(id: $id, version: $version) {
      __typename
      ... on MutationResumeSubscriptionSuccess {
        data {
          ...SubscriptionFields
        }
      }
      ... on DomainError {
        message
      }
    }
  }
`,
  [SubscriptionFields],
);

export const CancelSubscriptionMutation = graphql(
  `
  mutation CancelSubscription($id: ID!, $version: Int!, $reason: String!) {
    cancelSubscription(id: $id, version: $version, reason: $reason) {
      __typename
      ... on MutationCancelSubscriptionSuccess {
        data {
          ...SubscriptionFields
        }
      }
      ... on DomainError {
        message
      }
    }
  }
`,
  [SubscriptionFields],
);

export const RenewSubscriptionMutation = graphql(
  `
  mutation RenewSubscription($id: ID!, $version: Int!, $validUntil: DateTime!) {
    renewSubscription(id: $id, version: $version, validUntil: $validUntil) {
      __typename
      ... on MutationRenewSubscriptionSuccess {
        data {
          ...SubscriptionFields
        }
      }
      ... on DomainError {
        message
      }
    }
  }
`,
  [SubscriptionFields],
);

/**
 * Each subscription the viewer may see as it changes (paused, resumed, renewed, cancelled, ended, an order
 * made from it): the shop's list for managers, a customer's own page, read theirs again.
 */
export const SubscriptionChangedSubscription = graphql(`
  subscription SubscriptionChanged {
    subscriptionChanged {
      id
    }
  }
`);
