import { graphql } from '../../graphql/graphql';
import { OrderDetailsFields } from './order.loader';

/** One step of the order (the page's next-status buttons); the answer is the order as it now is. */
export const ChangeOrderStatusMutation = graphql(
  `
  mutation ChangeOrderStatus($id: ID!, $version: Int!, $to: OrderStatus!) {
    changeOrderStatus(id: $id, version: $version, to: $to) {
      __typename
      ... on MutationChangeOrderStatusSuccess {
        data {
          ...OrderDetailsFields
        }
      }
      ... on DomainError {
        message
      }
    }
  }
`,
  [OrderDetailsFields],
);
