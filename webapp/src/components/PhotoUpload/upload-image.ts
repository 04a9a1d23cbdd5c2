import type { ResultOf } from 'gql.tada';
import { sendMultipart, type UploadProgress } from '../../graphql/multipart';
import type { MessageKey } from '../../i18n/messages';
import { UploadImageMutation } from './upload-image.documents';

export type ImagePurpose = 'BOUQUET_PHOTO' | 'DELIVERY_PROOF' | 'PRODUCT_PHOTO';
export type UploadImageAnswer = ResultOf<typeof UploadImageMutation>['uploadImage'];
export type UploadImageRefusal = Exclude<UploadImageAnswer, { __typename: 'MutationUploadImageSuccess' }>;

/** uploadImage with the file as a multipart part: the stored image, or why it was refused. */
export async function uploadImage(
  file: File,
  purpose: ImagePurpose,
  onProgress?: UploadProgress,
): Promise<UploadImageAnswer> {
  return (await sendMultipart(UploadImageMutation, { purpose }, { file }, onProgress)).uploadImage;
}

export const uploadImageRefusalMessages: Record<UploadImageRefusal['__typename'], MessageKey> = {
  UnsupportedImage: 'photoUpload.unsupported',
};
