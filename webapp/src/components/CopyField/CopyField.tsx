import { createSignal, createUniqueId, onCleanup } from 'solid-js';
import { t } from '../../i18n/i18n';

/** How long the button says "Copied". */
const copiedForMs = 2000;

/**
 * Puts text on the clipboard: the Clipboard API where the page may use it (secure origins, a user's
 * tap), else the older copy command on the selected field. False when neither worked: the text is
 * left selected for the user to copy by hand.
 */
async function copyText(text: string, field: HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

export interface CopyFieldProps {
  label: string;
  value: string;
  /** Monospace, for keys and tokens. */
  code?: boolean;
}

/** A read-only value with a copy button: invite links, a new API key. */
export function CopyField(props: CopyFieldProps) {
  const id = createUniqueId();
  const [state, setState] = createSignal<'idle' | 'copied' | 'failed'>('idle');
  let field: HTMLInputElement | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));

  async function copy() {
    if (!field) return;
    setState((await copyText(props.value, field)) ? 'copied' : 'failed');
    clearTimeout(timer);
    timer = setTimeout(() => setState('idle'), copiedForMs);
  }

  return (
    <div class="field copy-field">
      <label class="field__label" for={id}>
        {props.label}
      </label>
      <div class="copy-field__row">
        <input
          ref={field}
          id={id}
          class={`field__input copy-field__input${props.code ? ' copy-field__input--code' : ''}`}
          readonly
          value={props.value}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" class="button button--small copy-field__button" onClick={() => void copy()}>
          {state() === 'copied' ? t('app.copied') : t('app.copy')}
        </button>
      </div>
      <span class="copy-field__status" role="status">
        {state() === 'failed' ? t('app.copyFailed') : ''}
      </span>
    </div>
  );
}
