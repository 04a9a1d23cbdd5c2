import { graphql } from '../../graphql/graphql';

/** What the outbox told whom about the order: the staff's own query, so the customer's page never asks it. */
export const OrderNotificationsQuery = graphql(`
  query OrderNotifications($id: ID!) {
    order(id: $id) {
      id
      notifications {
          id
          kind
          recipientRole
          status
          attempts
          lastError
          sentAt
          createdAt
          recipient {
            id
            name
          }
      }
    }
  }
`);

export const ResendNotificationMutation = graphql(`
  mutation ResendNotification($id: ID!) {
    resendNotification(id: $id) {
      __typename
      ... on MutationResendNotificationSuccess {
        data {
          id
          status
          attempts
          lastError
        }
      }
      ... on DomainError {
        message
      }
    }
  }
`);
