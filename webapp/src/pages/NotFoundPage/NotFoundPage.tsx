import { A } from '@solidjs/router';
import { t } from '../../i18n/i18n';
import { href } from '../../route-paths';

export default function NotFoundPage() {
  return (
    <main class="page page--center">
      <h1>{t('notFound.title')}</h1>
      <A class="button button--primary" href={href.orders()}>
        {t('notFound.action')}
      </A>
    </main>
  );
}
