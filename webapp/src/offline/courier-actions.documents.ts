import { graphql } from '../graphql/graphql';
import { CourierDeliveryFields } from '../pages/CourierPage/courier.loader';

/**
 * The delivery steps the courier's queue sends. Each answers the order as it now is (its new version
 * goes to the next queued step of the order) or a typed refusal; StaleVersion carries the version the
 * order has, so a step already done can be told from one that was not.
 */
export const PickUpDeliveryMutation = graphql(
  `
  mutation PickUpDelivery($orderId: ID!, $version: Int!) {
    pickUpDelivery(orderId: $orderId, version: $version) {
      __typename
      ... on MutationPickUpDeliverySuccess {
        data {
          ...CourierDeliveryFields
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
  [CourierDeliveryFields],
);

export const StartDeliveryRouteMutation = graphql(
  `
  mutation StartDeliveryRoute($orderId: ID!, $version: Int!) {
    startDeliveryRoute(orderId: $orderId, version: $version) {
      __typename
      ... on MutationStartDeliveryRouteSuccess {
        data {
          ...CourierDeliveryFields
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
  [CourierDeliveryFields],
);

export const CompleteDeliveryMutation = graphql(
  `
  mutation CompleteDelivery($orderId: ID!, $version: Int!, $code: String) {
    completeDelivery(orderId: $orderId, version: $version, code: $code) {
      __typename
      ... on MutationCompleteDeliverySuccess {
        data {
          ...CourierDeliveryFields
        }
      }
      ... on StaleVersion {
        current
      }
      ... on WrongHandoverCode {
        attemptsLeft
      }
      ... on DomainError {
        message
      }
    }
  }
`,
  [CourierDeliveryFields],
);

export const FailDeliveryMutation = graphql(
  `
  mutation FailDelivery($orderId: ID!, $version: Int!, $reason: String!) {
    failDelivery(orderId: $orderId, version: $version, reason: $reason) {
      __typename
      ... on MutationFailDeliverySuccess {
        data {
          ...CourierDeliveryFields
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
  [CourierDeliveryFields],
);

export const AttachDeliveryProofMutation = graphql(
  `
  mutation AttachDeliveryProof($orderId: ID!, $imageId: ID!) {
    attachDeliveryProof(orderId: $orderId, imageId: $imageId) {
      __typename
      ... on MutationAttachDeliveryProofSuccess {
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

/** The order as it is now: how a replay tells a step already done (its answer lost) from one refused. */
export const CourierOrderQuery = graphql(
  `
  query CourierOrder($id: ID!) {
    order(id: $id) {
      ...CourierDeliveryFields
    }
  }
`,
  [CourierDeliveryFields],
);

/** The printed document uploadImage is sent with (multipart: the file rides beside it). */
export const uploadImageDocument = `mutation UploadDeliveryProof($file: Upload!) {
  uploadImage(file: $file, purpose: DELIVERY_PROOF) {
    __typename
    ... on MutationUploadImageSuccess { data { id } }
    ... on DomainError { message }
  }
}`;
