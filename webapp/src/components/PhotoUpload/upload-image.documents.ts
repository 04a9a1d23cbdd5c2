import { graphql } from '../../graphql/graphql';

/** Stores a photo for the active shop; production, delivery and the catalog then name it by id. */
export const UploadImageMutation = graphql(`
  mutation UploadImage($file: Upload!, $purpose: ImagePurpose!) {
    uploadImage(file: $file, purpose: $purpose) {
      __typename
      ... on MutationUploadImageSuccess {
        data {
          id
          url
        }
      }
      ... on UnsupportedImage {
        message
        reason
      }
    }
  }
`);
