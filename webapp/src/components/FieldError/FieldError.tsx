import type { CombinedError } from '@urql/core';
import { Show } from 'solid-js';
import { concernsField } from '../../graphql/errors';

/**
 * The server's words about one field, shown beside it (the server names the field of a BAD_USER_INPUT,
 * concernsField in graphql/errors.ts). Give the input `aria-describedby={id}` so a screen reader reads it with the field.
 * The server's message is English; what went wrong about a field ("Only 3 left to write off") says more
 * than a translated generic line, which the form's ErrorMessage shows anyway.
 */
export function FieldError(props: { error: CombinedError | undefined; field: string; id: string }) {
  return (
    <Show when={concernsField(props.error, props.field)}>
      {(message) => (
        <span class="field-error" id={props.id} role="alert">
          {message()}
        </span>
      )}
    </Show>
  );
}
