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
