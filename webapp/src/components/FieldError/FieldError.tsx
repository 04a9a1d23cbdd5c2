import type { CombinedError } from '@urql/core';
import { Show } from 'solid-js';
import { concernsField } from './field-problem';

/**
 * The server's words about one field, shown beside it (the server names the field of a BAD_USER_INPUT,
 * see field-problem.ts). Give the input `aria-describedby={id}` so a screen reader reads it with the field.
 * The server's message is English; what went wrong about a field ("Only 3 left to write off") says more
 * than a translated generic line, which the form's ErrorMessage shows anyway.
 */
export function FieldError(props: { error: CombinedError | undefined; field: string; id: string }) {
  return (
    <Show when={concernsField(props.error, props.field)}>
      <span class="field-error" id={props.id} role="alert">
        {props.error?.graphQLErrors[0]?.message}
      </span>
    </Show>
  );
}
