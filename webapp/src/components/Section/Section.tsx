import type { JSX } from 'solid-js';

/** A titled block of a detail page (an order, a task, a delivery, a subscription). */
export function Section(props: { title: string; bodyClass?: string; children: JSX.Element }) {
  return (
    <section class="section">
      <h2 class="section__title">{props.title}</h2>
      <div class={props.bodyClass ? `section__body ${props.bodyClass}` : 'section__body'}>
        {props.children}
      </div>
    </section>
  );
}

/** One labelled value inside a Section. */
export function Row(props: { label: string; children: JSX.Element }) {
  return (
    <div class="row">
      <span class="row__label">{props.label}</span>
      <span class="row__value">{props.children}</span>
    </div>
  );
}

/** A `tel:` link's address: the digits and a leading plus of a phone number as people write it. */
export const telHref = (number: string) => `tel:${number.replace(/[^\d+]/g, '')}`;
