import { graphql } from '../../graphql/graphql';

/** A new product starts with a name and a price; its composition and photos are set on its page. */
export const CreateProductMutation = graphql(`
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
      name
    }
  }
`);
