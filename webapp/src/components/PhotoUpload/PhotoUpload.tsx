import { CombinedError } from '@urql/core';
import { createSignal, createUniqueId, Show } from 'solid-js';
import type { UploadProgress } from '../../graphql/multipart';
import { t } from '../../i18n/i18n';
import { ErrorMessage } from '../ErrorMessage/ErrorMessage';

export interface PhotoUploadProps {
  label: string;
  /** @default 'image/*' */
  accept?: string;
  disabled?: boolean;
  /**
   * Sends the chosen file (e.g. with uploadImage or sendMultipart), reporting progress. A thrown
   * CombinedError is shown under the input; a typed refusal is the caller's to show.
   */
  onUpload: (file: File, onProgress: UploadProgress) => Promise<void>;
}

/**
 * A photo picker that opens the camera on phones (`capture`), sends the file at once and shows how far
 * the upload got. One per form: the bouquet photo, a proof of delivery, a product's gallery.
 */
export function PhotoUpload(props: PhotoUploadProps) {
  const id = createUniqueId();
  const [progress, setProgress] = createSignal<number>();
  const [error, setError] = createSignal<CombinedError>();

  async function upload(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setError(undefined);
    setProgress(0);
    try {
      await props.onUpload(file, setProgress);
    } catch (thrown) {
      setError(
        thrown instanceof CombinedError
          ? thrown
          : new CombinedError({ networkError: thrown instanceof Error ? thrown : new Error(String(thrown)) }),
      );
    } finally {
      setProgress(undefined);
      // The same file chosen again (after a failure) fires change again.
      input.value = '';
    }
  }

  return (
    <div class="field photo-upload">
      <label class="field__label" for={id}>
        {props.label}
      </label>
      <input
        id={id}
        class="field__input photo-upload__input"
        type="file"
        accept={props.accept ?? 'image/*'}
        capture="environment"
        disabled={props.disabled || progress() !== undefined}
        onChange={(event) => void upload(event.currentTarget)}
      />
      <Show when={progress() !== undefined}>
        <progress
          class="photo-upload__progress"
          max={1}
          value={progress()}
          aria-label={t('photoUpload.progress')}
        />
      </Show>
      <ErrorMessage error={error()} />
    </div>
  );
}
