import { graphql } from '../../graphql/graphql';
import { CourierDeliveryFields } from './courier.loader';

// The courier page's documents that no route preloads: kept out of the route table's chunk.

/** Deliveries nobody has taken yet, when the shop lets couriers take them. */
export const DeliveryPoolQuery = graphql(`
  query DeliveryPool {
    deliveryPool {
      orderId
      number
      deliveryAddress
      mapsUrl
      windowStart
      windowEnd
    }
  }
`);

export const TakeDeliveryMutation = graphql(
  `
  mutation TakeDelivery($orderId: ID!) {
    takeDelivery(orderId: $orderId) {
      __typename
      ... on MutationTakeDeliverySuccess {
        data {
          ...CourierDeliveryFields
        }
      }
      ... on DomainError {
        message
      }
    }
  }
`,
  [CourierDeliveryFields],
);

/** A delivery of the courier changed, or was taken away from them: the day is read again. */
export const MyDeliveryChangedSubscription = graphql(`
  subscription MyDeliveryChanged {
    myDeliveryChanged {
      orderId
      assigned
    }
  }
`);
