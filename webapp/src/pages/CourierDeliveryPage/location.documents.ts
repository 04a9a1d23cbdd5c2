import { graphql } from '../../graphql/graphql';

export const MyLocationConsentQuery = graphql(`
  query MyLocationConsent {
    myLocationConsent {
      id
      active
    }
  }
`);

export const GiveLocationConsentMutation = graphql(`
  mutation GiveLocationConsent {
    giveLocationConsent {
      id
      active
    }
  }
`);

export const WithdrawLocationConsentMutation = graphql(`
  mutation WithdrawLocationConsent {
    withdrawLocationConsent {
      id
      active
    }
  }
`);

export const ReportCourierPositionMutation = graphql(`
  mutation ReportCourierPosition(
    $orderId: ID!
    $latitude: Float!
    $longitude: Float!
    $accuracyMeters: Float
    $recordedAt: DateTime
  ) {
    reportCourierPosition(
      orderId: $orderId
      latitude: $latitude
      longitude: $longitude
      accuracyMeters: $accuracyMeters
      recordedAt: $recordedAt
    ) {
      __typename
      ... on DomainError {
        message
      }
    }
  }
`);
