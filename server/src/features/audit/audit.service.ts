import type { Prisma } from '@posy/prisma';
import { type Context, requireShop } from '../../context.js';

export interface AuditFilter {
  action?: string | null;
  targetType?: string | null;
  targetId?: string | null;
}

/** A page of the active shop's audit log (Pothos' connection `query`: cursor, take, relations). */
type AuditPage = Omit<Prisma.AuditLogFindManyArgs, 'where' | 'orderBy'>;

/** The active shop's audit entries matching `filter`, newest first; an empty filter field matches all. */
export function listAuditLog(ctx: Context, filter: AuditFilter | null | undefined, page: AuditPage = {}) {
  return ctx.prisma.auditLog.findMany({
    ...page,
    where: {
      shopId: requireShop(ctx),
      action: filter?.action ?? undefined,
      targetType: filter?.targetType ?? undefined,
      targetId: filter?.targetId ?? undefined,
    },
    orderBy: { id: 'desc' },
  });
}
