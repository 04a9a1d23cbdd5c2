import { graphql } from '../../graphql/graphql';

/** The courier gives a delivery back to the pool; the answer is the order's own fields only (no longer theirs). */
export const ReleaseDeliveryMutation = graphql(`
  mutation ReleaseDelivery($orderId: ID!, $version: Int!) {
    releaseDelivery(orderId: $orderId, version: $version) {
      __typename
      ... on MutationReleaseDeliverySuccess {
        data {
          id
          status
          version
        }
      }
      ... on DomainError {
        message
      }
    }
  }
`);
