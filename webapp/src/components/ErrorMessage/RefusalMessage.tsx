import { Show } from 'solid-js';
import { t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

/** A mutation's typed failure (a `DomainError` result): its type names it, its message is the server's words. */
export interface Refusal<Name extends string> {
  __typename: Name;
  message: string;
}

/**
 * A typed failure explained in the user's language, chosen by its `__typename` (so a new failure type is a
 * compile error in `messages`, not a silent fallback); the server's own text is kept in the tooltip. Looks
 * like ErrorMessage, which explains thrown errors.
 */
export function RefusalMessage<Name extends string>(props: {
  refusal: Refusal<Name> | undefined;
  messages: Record<Name, MessageKey>;
}) {
  return (
    <Show when={props.refusal}>
      {(refusal) => (
        <div class="error-message" role="alert" title={refusal().message}>
          <span class="error-message__text">
            <span>{t(props.messages[refusal().__typename])}</span>
          </span>
        </div>
      )}
    </Show>
  );
}
