import type { JSX } from 'solid-js';

/**
 * A small button that opens the form of one action beneath it (a `<details>`): actions that need a word or
 * a date before they are sent (cancel with a reason, mark paid with a method, renew until a day), kept
 * closed so a row or a page shows its actions, not their forms.
 */
export function Disclosure(props: { summary: string; children: JSX.Element }) {
  return (
    <details class="disclosure">
      <summary class="button button--small">{props.summary}</summary>
      {props.children}
    </details>
  );
}
