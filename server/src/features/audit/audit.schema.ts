import { builder } from '../../builder.js';
import { listAuditLog } from './audit.service.js';

builder.prismaObject('AuditLog', {
  select: { id: true },
  name: 'AuditEntry',
  description: 'One change: who (a user or an API key) did what to which object, from where.',
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.expose('at', { type: 'DateTime' }),
    action: t.exposeString('action', { description: 'The mutation, e.g. `createInvite`.' }),
    actor: t.relation('actor', { nullable: true }),
    apiKey: t.relation('apiKey', { nullable: true }),
    apiKeyLabel: t.string({
      nullable: true,
      description: 'The acting API key as "<name> (posy_<prefix>_…)", readable by managers too.',
      select: { apiKey: { select: { name: true, prefix: true } } },
      resolve: (entry) => (entry.apiKey ? `${entry.apiKey.name} (posy_${entry.apiKey.prefix}_…)` : null),
    }),
    targetType: t.exposeString('targetType', { nullable: true }),
    targetId: t.exposeString('targetId', { nullable: true }),
    changes: t.string({
      nullable: true,
      description: 'The changed fields as JSON (secrets redacted).',
      select: { changes: true },
      resolve: (entry) => (entry.changes == null ? null : JSON.stringify(entry.changes)),
    }),
    requestId: t.exposeString('requestId', { nullable: true }),
    ip: t.exposeString('ip', { nullable: true }),
  }),
});

const AuditFilter = builder.inputType('AuditFilter', {
  fields: (t) => ({
    action: t.string({ required: false }),
    targetType: t.string({ required: false }),
    targetId: t.string({ required: false }),
  }),
});

builder.queryField('auditLog', (t) =>
  t.prismaConnection({
    type: 'AuditLog',
    cursor: 'id',
    description: 'Every change in the active shop, newest first. Admins and managers.',
    authScopes: { shopRole: ['ADMIN', 'MANAGER'] },
    args: { filter: t.arg({ type: AuditFilter, required: false }) },
    resolve: (query, _root, args, ctx) => listAuditLog(ctx, args.filter, query),
  }),
);
