import { graphql } from '../../graphql/graphql';
import { ProductFields } from './catalog-product.loader';

/** Name, price, sale and the whole composition at once: the server recomputes cost and margin. */
export const UpdateProductMutation = graphql(
  `
  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {
    updateProduct(id: $id, input: $input) {
      ...ProductFields
    }
  }
`,
  [ProductFields],
);

/** The file goes in the same request (GraphQL multipart); an image the server cannot take is a typed refusal. */
export const AddProductPhotoMutation = graphql(
  `
  mutation AddProductPhoto($productId: ID!, $file: Upload!) {
    addProductPhoto(productId: $productId, file: $file) {
      __typename
      ... on MutationAddProductPhotoSuccess {
        data {
          ...ProductFields
        }
      }
      ... on UnsupportedImage {
        message
        reason
      }
    }
  }
`,
  [ProductFields],
);

export const RemoveProductPhotoMutation = graphql(
  `
  mutation RemoveProductPhoto($id: ID!) {
    removeProductPhoto(id: $id) {
      ...ProductFields
    }
  }
`,
  [ProductFields],
);
