import { graphql } from '../../graphql/graphql';
import { MySubscriptionFields } from './my-subscription.loader';

/** One more term at the same price; the answer updates the card through the normalized cache. */
export const RenewSubscriptionByTermMutation = graphql(
  `
  mutation RenewSubscriptionByTerm($id: ID!, $version: Int!) {
    renewSubscriptionByTerm(id: $id, version: $version) {
      __typename
      ... on MutationRenewSubscriptionByTermSuccess {
        data {
          ...MySubscriptionFields
        }
      }
      ... on DomainError {
        message
      }
    }
  }
`,
  [MySubscriptionFields],
);
