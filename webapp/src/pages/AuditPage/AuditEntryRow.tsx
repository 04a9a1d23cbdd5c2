import { Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { dateTime, t } from '../../i18n/i18n';
import type { AuditEntry } from './audit.loader';
import { auditActor } from './audit-entry';
import { prettyChanges } from './audit-filter';
import { auditActionLabel } from './audit-label';

/** Who made the change, in words (see auditActor). */
function who(entry: AuditEntry): string {
  const actor = auditActor(entry);
  if (actor.kind === 'person') return actor.name;
  return actor.kind === 'apiKey' ? t('audit.apiKey', { label: actor.label }) : t('audit.system');
}

/**
 * One entry: when, who, what (the action's name, the mutation's own in the tooltip), to which object,
 * and the changed fields as indented JSON behind a disclosure, with the request's IP and id.
 */
export function AuditEntryRow(props: { entry: AuditEntry }) {
  const action = () => props.entry.action;
  const label = () => auditActionLabel(action());
  const changes = () => prettyChanges(props.entry.changes);
  // Ids are long; the start tells entries apart, the whole is in the tooltip.
  const shortId = () => {
    const id = props.entry.targetId;
    return id && id.length > 12 ? `${id.slice(0, 8)}…` : id;
  };
  const target = () => [props.entry.targetType, shortId()].filter(Boolean).join(' ');

  return (
    <li class="audit-entry" data-action={action()}>
      <div class="audit-entry__top">
        <span class="audit-entry__action" title={action()}>
          {label()}
        </span>
        <time class="audit-entry__at" datetime={props.entry.at}>
          {dateTime(props.entry.at, { timeZone: activeShopAccess()?.shop.timezone })}
        </time>
      </div>
      <div class="audit-entry__meta">
        <span class="audit-entry__who">{who(props.entry)}</span>
        <Show when={target()}>
          <span class="audit-entry__target" title={props.entry.targetId ?? undefined}>
            {target()}
          </span>
        </Show>
      </div>
      <Show when={changes() || props.entry.ip || props.entry.requestId}>
        <details class="audit-entry__details">
          <summary>{t('audit.details')}</summary>
          <Show when={changes()}>{(json) => <pre class="audit-entry__changes">{json()}</pre>}</Show>
          <p class="audit-entry__request">
            <Show when={props.entry.ip}>{(ip) => <span>IP {ip()}</span>}</Show>
            <Show when={props.entry.requestId}>
              {(requestId) => <span>{t('audit.request', { id: requestId() })}</span>}
            </Show>
          </p>
        </details>
      </Show>
    </li>
  );
}
