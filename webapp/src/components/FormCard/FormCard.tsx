import type { CombinedError } from '@urql/core';
import type { JSX } from 'solid-js';
import { ErrorMessage } from '../ErrorMessage/ErrorMessage';

export interface FormCardProps {
  /** Prefix of the title's id, unique on the page: the form is named by its title (`getByRole('form')`). */
  id: string;
  title: string;
  submitLabel: string;
  /** The last answer's thrown error, explained above the button (fields show their own with FieldError). */
  error: CombinedError | undefined;
  busy: boolean;
  /** What the last submit did, in words, announced as a status. */
  done?: string | undefined;
  onSubmit: (event: SubmitEvent) => void;
  children: JSX.Element;
}

/**
 * A back-office form on its own card: title, fields, the error, what was done, and the submit button
 * (off while the answer is awaited).
 */
export function FormCard(props: FormCardProps) {
  const titleId = () => `${props.id}-title`;
  return (
    <form class="card form" onSubmit={(event) => props.onSubmit(event)} aria-labelledby={titleId()}>
      <h2 class="form__title" id={titleId()}>
        {props.title}
      </h2>
      {props.children}
      <ErrorMessage error={props.error} />
      {props.done && (
        <p class="form__done" role="status">
          {props.done}
        </p>
      )}
      <button type="submit" class="button button--primary" disabled={props.busy}>
        {props.submitLabel}
      </button>
    </form>
  );
}
