import { createMutation } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { RefusalMessage } from '../../components/ErrorMessage/RefusalMessage';
import { t } from '../../i18n/i18n';
import { AddProductPhotoMutation, RemoveProductPhotoMutation } from './catalog-product.documents';
import type { Product } from './catalog-product.loader';

/**
 * The product's gallery: the photos in order (the first is the one lists show), a file picker that
 * uploads at once in the mutation's own request, and a remove button on each. The catalog's own upload,
 * kept small here; a shared PhotoUpload component may replace the picker.
 */
export function ProductPhotos(props: { product: Product }) {
  const [adding, addProductPhoto] = createMutation(AddProductPhotoMutation);
  const [removing, removeProductPhoto] = createMutation(RemoveProductPhotoMutation);
  const [refusal, setRefusal] = createSignal<{ __typename: 'UnsupportedImage'; message: string }>();

  async function upload(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    const result = await addProductPhoto({ productId: props.product.id, file });
    const answer = result.data?.addProductPhoto;
    setRefusal(answer?.__typename === 'UnsupportedImage' ? answer : undefined);
    input.value = '';
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
      <label class="button button--small photo-upload">
        {adding.fetching ? t('product.uploading') : t('product.addPhoto')}
        <input
          class="visually-hidden"
          type="file"
          name="photo"
          accept="image/jpeg,image/png,image/webp"
          disabled={adding.fetching}
          onChange={(event) => void upload(event.currentTarget)}
        />
      </label>
      <RefusalMessage refusal={refusal()} messages={{ UnsupportedImage: 'product.unsupportedImage' }} />
      <ErrorMessage error={adding.error ?? removing.error} />
    </section>
  );
}
