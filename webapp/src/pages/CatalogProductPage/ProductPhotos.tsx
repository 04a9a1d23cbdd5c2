import { createMutation } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { RefusalMessage } from '../../components/ErrorMessage/RefusalMessage';
import { PhotoUpload } from '../../components/PhotoUpload/PhotoUpload';
import { sendMultipart, type UploadProgress } from '../../graphql/multipart';
import { t } from '../../i18n/i18n';
import { AddProductPhotoMutation, RemoveProductPhotoMutation } from './catalog-product.documents';
import type { Product } from './catalog-product.loader';

/**
 * The product's gallery: the photos in order (the first is the one lists show), the shared PhotoUpload
 * (camera on phones, progress) sending the file in the mutation's own multipart request, and a remove
 * button on each. The upload goes past urql (it cannot report progress), so `onChanged` re-reads the product.
 */
export function ProductPhotos(props: { product: Product; onChanged: () => void }) {
  const [removing, removeProductPhoto] = createMutation(RemoveProductPhotoMutation);
  const [refusal, setRefusal] = createSignal<{ __typename: 'UnsupportedImage'; message: string }>();

  async function upload(file: File, onProgress: UploadProgress) {
    const answer = (
      await sendMultipart(AddProductPhotoMutation, { productId: props.product.id }, { file }, onProgress)
    ).addProductPhoto;
    setRefusal(answer.__typename === 'UnsupportedImage' ? answer : undefined);
    props.onChanged();
  }

  return (
    <section class="section" aria-labelledby="product-photos">
      <h2 class="section__title" id="product-photos">
        {t('product.photos')} · {props.product.photos.length}
      </h2>
      <Show when={props.product.photos.length > 0}>
        <ul class="photo-grid">
          <For each={props.product.photos}>
            {(photo, index) => (
              <li class="photo-grid__item">
                <img
                  class="photo-grid__image"
                  src={photo.image.thumbnails[0]?.url ?? photo.image.url ?? ''}
                  alt={t('product.photoAlt', { name: props.product.name, number: index() + 1 })}
                />
                <button
                  type="button"
                  class="button button--small button--plain button--destructive"
                  disabled={removing.fetching}
                  onClick={() => void removeProductPhoto({ id: photo.id })}
                >
                  {t('product.removePhoto')}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <PhotoUpload
        label={t('product.addPhoto')}
        accept="image/jpeg,image/png,image/webp"
        disabled={removing.fetching}
        onUpload={upload}
      />
      <RefusalMessage refusal={refusal()} messages={{ UnsupportedImage: 'product.unsupportedImage' }} />
      <ErrorMessage error={removing.error} />
    </section>
  );
}
