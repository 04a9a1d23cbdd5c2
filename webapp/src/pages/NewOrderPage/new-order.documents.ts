import { graphql } from '../../graphql/graphql';

export const CreateOrderMutation = graphql(`
  mutation CreateOrder($input: CreateOrderInput!) {
    createOrder(input: $input) {
      __typename
      ... on MutationCreateOrderSuccess {
        data {
          id
          number
        }
      }
      ... on DomainError {
        message
      }
    }
  }
`);

export const CreateCustomerMutation = graphql(`
  mutation CreateCustomer($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      __typename
      ... on MutationCreateCustomerSuccess {
        data {
          id
          name
          phone
        }
      }
      ... on DuplicateCustomer {
        message
        existing {
          id
          name
          phone
        }
      }
    }
  }
`);
