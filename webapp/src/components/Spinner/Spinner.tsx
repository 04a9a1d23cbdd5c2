import { t } from '../../i18n/i18n';

export function Spinner(props: { label?: string }) {
  return (
    <div class="spinner" role="status">
      <span class="spinner__circle" aria-hidden="true" />
      <span class="spinner__label">{props.label ?? t('app.loading')}</span>
    </div>
  );
}
