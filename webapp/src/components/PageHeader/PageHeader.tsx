import { A } from '@solidjs/router';
import { type JSX, Show } from 'solid-js';
import { t } from '../../i18n/i18n';

export interface PageHeaderProps {
  title: JSX.Element;
  subtitle?: JSX.Element;
  /** Parent page for a back link drawn in the page; leave unset inside Telegram, whose own button does it. */
  backHref?: string | undefined;
  actions?: JSX.Element;
}

export function PageHeader(props: PageHeaderProps) {
  return (
    <header class="page-header">
      <Show when={props.backHref}>
        {(backHref) => (
          <A class="page-header__back" href={backHref()} aria-label={t('app.back')}>
            <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
              <path
                d="M15 5l-7 7 7 7"
                fill="none"
                stroke="currentColor"
                stroke-width="2.2"
                stroke-linecap="round"
              />
            </svg>
          </A>
        )}
      </Show>
      <div class="page-header__titles">
        <h1 class="page-header__title">{props.title}</h1>
        <Show when={props.subtitle}>
          <p class="page-header__subtitle">{props.subtitle}</p>
        </Show>
      </div>
      <Show when={props.actions}>
        <div class="page-header__actions">{props.actions}</div>
      </Show>
    </header>
  );
}
