import { graphql } from '../../graphql/graphql';
import { ProductionTaskFields } from './production-task.loader';

export const TakeProductionTaskMutation = graphql(
  `
  mutation TakeProductionTask($id: ID!) {
    takeProductionTask(id: $id) {
      __typename
      ... on MutationTakeProductionTaskSuccess {
        data {
          ...ProductionTaskFields
        }
      }
      ... on DomainError {
        message
      }
    }
  }
`,
  [ProductionTaskFields],
);

export const ReleaseProductionTaskMutation = graphql(
  `
  mutation ReleaseProductionTask($id: ID!) {
    releaseProductionTask(id: $id) {
      __typename
      ... on MutationReleaseProductionTaskSuccess {
        data {
          ...ProductionTaskFields
        }
      }
      ... on DomainError {
        message
      }
    }
  }
`,
  [ProductionTaskFields],
);

export const FinishProductionTaskMutation = graphql(
  `
  mutation FinishProductionTask($id: ID!, $photoId: ID!, $note: String) {
    finishProductionTask(id: $id, photoId: $photoId, note: $note) {
      __typename
      ... on MutationFinishProductionTaskSuccess {
        data {
          ...ProductionTaskFields
        }
      }
      ... on DomainError {
        message
      }
    }
  }
`,
  [ProductionTaskFields],
);
