import { createSignal, Show } from 'solid-js';
import { t } from '../../i18n/i18n';
import { applyUpdate, updateWaiting } from '../../pwa/service-worker';

/** Whether any field on the page holds input its form has not sent (typed text, a changed choice). */
export function hasUnsavedInput(root: ParentNode = document): boolean {
  for (const field of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
    'form input, form textarea, form select',
  )) {
    if (field instanceof HTMLSelectElement) {
      if ([...field.options].some((option) => option.selected !== option.defaultSelected)) return true;
    } else if (field.type === 'checkbox' || field.type === 'radio') {
      if ((field as HTMLInputElement).checked !== (field as HTMLInputElement).defaultChecked) return true;
    } else if (field.type !== 'hidden' && field.value !== field.defaultValue) return true;
  }
  return false;
}

/**
 * Offers a newly deployed version. Nothing reloads by itself: the user updates when ready, and when a
 * form on the page holds unsent input the first press only warns, so typing is never lost to a reload.
 */
export default function UpdatePrompt() {
  const [dismissed, setDismissed] = createSignal(false);
  const [warned, setWarned] = createSignal(false);
  function update() {
    if (!warned() && hasUnsavedInput()) {
      setWarned(true);
      return;
    }
    void applyUpdate();
  }
  return (
    <Show when={updateWaiting() && !dismissed()}>
      <section class="update-prompt" role="status" aria-label={t('update.ready')}>
        <p class="update-prompt__text">
          {t('update.ready')}
          <Show when={warned()}>
            {' '}
            <strong>{t('update.unsaved')}</strong>
          </Show>
        </p>
        <div class="update-prompt__actions">
          <button type="button" class="button button--small" onClick={update}>
            {warned() ? t('update.applyAnyway') : t('update.apply')}
          </button>
          <button type="button" class="button button--small button--plain" onClick={() => setDismissed(true)}>
            {t('update.later')}
          </button>
        </div>
      </section>
    </Show>
  );
}
