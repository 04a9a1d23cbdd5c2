import { graphql } from '../../graphql/graphql';

/** What the checkout offers (checkoutOptions), whether the shop takes payment in Telegram, who orders. */
export const CheckoutOptionsQuery = graphql(`
  query CheckoutOptions {
    checkoutOptions {
      cardTextMaxLength
      deliveryFee {
        amountMinor
        currency
      }
      pickupPoints {
        id
        name
        address
      }
      zones {
        id
        name
        description
        fee {
          amountMinor
          currency
        }
      }
    }
    shop {
      id
      telegramPaymentsEnabled
    }
    me {
      id
      name
    }
  }
`);

/** The day's slots for these products (their lead time) and zone: full, past and closed ones say so. */
export const CheckoutSlotsQuery = graphql(`
  query CheckoutSlots($date: String!, $productIds: [ID!], $zoneId: ID) {
    availableSlots(date: $date, productIds: $productIds, zoneId: $zoneId) {
      slotId
      windowStart
      windowEnd
      remaining
      available
      reason
    }
  }
`);

export const PlaceOrderMutation = graphql(`
  mutation PlaceOrder($input: CreateOrderInput!) {
    createOrder(input: $input) {
      __typename
      ... on MutationCreateOrderSuccess {
        data {
          id
          number
          total {
            amountMinor
            currency
          }
        }
      }
      ... on SlotUnavailable {
        message
        reason
      }
      ... on InsufficientStock {
        message
        shortages {
          needed
          available
        }
      }
      ... on IdempotencyKeyReused {
        message
      }
    }
  }
`);
