import type { CombinedError } from '@urql/core';
import { createSignal } from 'solid-js';
import { ErrorMessage } from '../ErrorMessage/ErrorMessage';
import { FieldError } from '../FieldError/FieldError';

export interface ReasonFormProps {
  /** The text field's id, unique on the page (its label and error are tied to it). */
  id: string;
  label: string;
  submitLabel: string;
  /** The last answer's thrown error; what the server says of `reason` shows beside the field. */
  error: CombinedError | undefined;
  busy: boolean;
  /** As the server limits the reason. @default 500 */
  maxLength?: number;
  /** Called with the reason trimmed, never empty. */
  onSubmit: (reason: string) => void;
}

/**
 * An action that ends something for good and must say why (cancel an order, cancel a subscription): the
 * reason is required, so the red button stays off until there is one.
 */
export function ReasonForm(props: ReasonFormProps) {
  const [reason, setReason] = createSignal('');
  const errorId = () => `${props.id}-error`;
  return (
    <form
      class="form"
      onSubmit={(event) => {
        event.preventDefault();
        if (reason().trim()) props.onSubmit(reason().trim());
      }}
    >
      <div class="field">
        <label class="field__label" for={props.id}>
          {props.label}
        </label>
        <textarea
          id={props.id}
          class="field__input"
          name="reason"
          rows={2}
          required
          maxLength={props.maxLength ?? 500}
          value={reason()}
          aria-describedby={errorId()}
          onInput={(event) => setReason(event.currentTarget.value)}
        />
        <FieldError error={props.error} field="reason" id={errorId()} />
      </div>
      <button type="submit" class="button button--destructive" disabled={props.busy || !reason().trim()}>
        {props.submitLabel}
      </button>
      <ErrorMessage error={props.error} />
    </form>
  );
}
