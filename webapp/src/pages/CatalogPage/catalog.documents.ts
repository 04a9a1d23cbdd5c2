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

/**
 * Each product the viewer may see as it changes (null once it left their view): the back office's catalog
 * and product page, and the customers' shop and product page, read theirs again.
 */
export const ProductChangedSubscription = graphql(`
  subscription ProductChanged {
    productChanged {
      id
    }
  }
`);
