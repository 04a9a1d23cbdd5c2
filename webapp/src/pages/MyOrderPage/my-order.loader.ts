import type { RoutePreloadFuncArgs } from '@solidjs/router';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';
import { orderIdFromParams } from '../../route-paths';

const ImageFields = graphql(`
  fragment MyOrderImageFields on Image @_unmask {
    id
    url
    thumbnails {
      url
      width
    }
  }
`);

/** What a customer sees of their order: the query and the live updates select the same. */
export const MyOrderFields = graphql(
  `
  fragment MyOrderFields on Order @_unmask {
    id
    number
    status
    paymentStatus
    fulfillment
    version
    createdAt
    recipientName
    recipientPhone
    deliveryAddress
    pickupPoint {
      id
      name
      address
    }
    windowStart
    windowEnd
    cardText
    anonymousSender
    items {
      id
      quantity
      productName
      total {
        amountMinor
        currency
      }
    }
    subtotal {
      amountMinor
      currency
    }
    deliveryFee {
      amountMinor
      currency
    }
    total {
      amountMinor
      currency
    }
    cancelReason
    bouquetPhoto {
      ...MyOrderImageFields
    }
    bouquetApproval {
      status
      comment
      photo {
        ...MyOrderImageFields
      }
    }
    courierPosition {
      id
      latitude
      longitude
      accuracyMeters
      ageSeconds
      recordedAt
    }
    events {
      id
      at
      fromStatus
      toStatus
    }
  }
`,
  [ImageFields],
);

export const MyOrderQuery = graphql(
  `
  query MyOrder($id: ID!) {
    order(id: $id) {
      ...MyOrderFields
    }
    shop {
      id
      telegramPaymentsEnabled
    }
  }
`,
  [MyOrderFields],
);

export const MyOrderUpdatedSubscription = graphql(
  `
  subscription MyOrderUpdated($id: ID!) {
    orderUpdated(id: $id) {
      ...MyOrderFields
    }
  }
`,
  [MyOrderFields],
);

/** The courier's position while the order is on the way (the server ends it once the order arrives). */
export const MyCourierPositionSubscription = graphql(
  `
  subscription MyCourierPosition($orderId: ID!) {
    courierPositionChanged(orderId: $orderId) {
      ...MyOrderFields
    }
  }
`,
  [MyOrderFields],
);

export const ApproveBouquetMutation = graphql(
  `
  mutation ApproveMyBouquet($orderId: ID!) {
    approveBouquet(orderId: $orderId) {
      __typename
      ... on MutationApproveBouquetSuccess {
        data {
          ...MyOrderFields
        }
      }
      ... on DomainError {
        message
      }
    }
  }
`,
  [MyOrderFields],
);

export const RejectBouquetMutation = graphql(
  `
  mutation RejectMyBouquet($orderId: ID!, $comment: String!) {
    rejectBouquet(orderId: $orderId, comment: $comment) {
      __typename
      ... on MutationRejectBouquetSuccess {
        data {
          ...MyOrderFields
        }
      }
      ... on DomainError {
        message
      }
    }
  }
`,
  [MyOrderFields],
);

export function preloadMyOrder({ params, intent }: RoutePreloadFuncArgs): void {
  loadQuery(MyOrderQuery, { id: orderIdFromParams(params) }, intent, 'myOrders');
}
