/** Who made a change, as the audit log says it. */
export type AuditActor =
  | { kind: 'person'; name: string }
  | { kind: 'apiKey'; label: string }
  | { kind: 'system' };

/**
 * Who made the change: a person, else an API key by its label ("<name> (posy_<prefix>_…)", readable
 * by admins and managers alike), else nobody signed in (the system, or a sign-in that failed).
 */
export function auditActor(entry: {
  actor?: { name: string } | null;
  apiKeyLabel?: string | null;
}): AuditActor {
  if (entry.actor) return { kind: 'person', name: entry.actor.name };
  if (entry.apiKeyLabel) return { kind: 'apiKey', label: entry.apiKeyLabel };
  return { kind: 'system' };
}
