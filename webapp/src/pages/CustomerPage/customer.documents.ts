import { graphql } from '../../graphql/graphql';
import { ImportantDateFields } from './customer.loader';

export const AddImportantDateMutation = graphql(
  `
  mutation AddImportantDate($customerId: ID!, $input: ImportantDateInput!) {
    addImportantDate(customerId: $customerId, input: $input) {
      ...ImportantDateFields
    }
  }
`,
  [ImportantDateFields],
);

export const RemoveImportantDateMutation = graphql(
  `
  mutation RemoveImportantDate($importantDateId: ID!) {
    removeImportantDate(importantDateId: $importantDateId) {
      ...ImportantDateFields
    }
  }
`,
  [ImportantDateFields],
);
