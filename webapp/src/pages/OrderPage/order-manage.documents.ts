import { graphql } from '../../graphql/graphql';
import { OrderDetailsFields } from './order.loader';

export const CancelOrderMutation = graphql(
  `
  mutation CancelOrder($id: ID!, $version: Int!, $reason: String!) {
    cancelOrder(id: $id, version: $version, reason: $reason) {
      __typename
      ... on MutationCancelOrderSuccess {
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

export const AssignCourierMutation = graphql(
  `
  mutation AssignCourier($orderId: ID!, $version: Int!, $courierId: ID) {
    assignCourier(orderId: $orderId, version: $version, courierId: $courierId) {
      __typename
      ... on MutationAssignCourierSuccess {
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

export const AssignFloristMutation = graphql(`
  mutation AssignFlorist($taskId: ID!, $floristId: ID!) {
    assignProductionTask(taskId: $taskId, floristId: $floristId) {
      __typename
      ... on MutationAssignProductionTaskSuccess {
        data {
          id
          status
          florist {
            id
            name
          }
        }
      }
      ... on DomainError {
        message
      }
    }
  }
`);

export const MarkOrderPaidMutation = graphql(
  `
  mutation MarkOrderPaid($id: ID!, $version: Int!, $method: String!, $reference: String) {
    markOrderPaid(id: $id, version: $version, method: $method, reference: $reference) {
      __typename
      ... on MutationMarkOrderPaidSuccess {
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

export const UpdateOrderMutation = graphql(
  `
  mutation UpdateOrder($id: ID!, $version: Int!, $patch: OrderPatchInput!) {
    updateOrder(id: $id, version: $version, patch: $patch) {
      __typename
      ... on MutationUpdateOrderSuccess {
        data {
          ...OrderDetailsFields
        }
      }
      ... on StaleVersion {
        current
      }
      ... on DomainError {
        message
      }
    }
  }
`,
  [OrderDetailsFields],
);

/** Who may be given the order: the shop's couriers and florists (staff is for admins and managers). */
export const OrderTeamQuery = graphql(`
  query OrderTeam {
    staff {
      id
      role
      user {
        id
        name
      }
    }
  }
`);

/** The order's production task, found in the open queue (an order names no task of its own). */
export const OrderTaskQuery = graphql(`
  query OrderTask {
    productionQueue {
      id
      status
      order {
        id
      }
      florist {
        id
      }
    }
  }
`);
