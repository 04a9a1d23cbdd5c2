import { createSignal, Show } from 'solid-js';
import { t } from '../../i18n/i18n';

export interface ConfirmButtonProps {
  /** The button, and the confirming button unless `confirmLabel` says otherwise. */
  label: string;
  /** Asked in place of the button before anything happens. */
  question: string;
  confirmLabel?: string;
  onConfirm: () => void;
  disabled?: boolean;
  /** Red: for removing and revoking. @default true */
  destructive?: boolean;
  class?: string;
}

/**
 * A button that asks first, in place: the question and two buttons replace it until one is pressed.
 * Inline rather than a dialog or `window.confirm`, which Telegram's clients do not all allow, so the
 * same control works in the Mini App and the PWA.
 */
export function ConfirmButton(props: ConfirmButtonProps) {
  const [asking, setAsking] = createSignal(false);
  const tone = () => (props.destructive === false ? '' : ' button--destructive');
  return (
    <Show
      when={asking()}
      fallback={
        <button
          type="button"
          class={`button button--small${tone()} ${props.class ?? ''}`}
          disabled={props.disabled}
          onClick={() => setAsking(true)}
        >
          {props.label}
        </button>
      }
    >
      <fieldset class="confirm">
        <legend class="confirm__question">{props.question}</legend>
        <div class="confirm__buttons">
          <button type="button" class="button button--small button--plain" onClick={() => setAsking(false)}>
            {t('app.cancel')}
          </button>
          <button
            type="button"
            class={`button button--small${tone()}`}
            disabled={props.disabled}
            onClick={() => {
              setAsking(false);
              props.onConfirm();
            }}
          >
            {props.confirmLabel ?? props.label}
          </button>
        </div>
      </fieldset>
    </Show>
  );
}
