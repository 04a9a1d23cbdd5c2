import type { ShopRole } from '../../auth/access';

export type TaskStatus = 'PENDING' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';

/** The badge colour of a task's status: the order statuses' classes it corresponds to. */
export function taskStatusClass(status: TaskStatus): string {
  const order = { PENDING: 'confirmed', IN_PROGRESS: 'in_production', DONE: 'ready', CANCELLED: 'cancelled' };
  return `badge--${order[status]}`;
}

/**
 * What the viewer may do with a task, as the server allows it (production.mutations.schema.ts and
 * production.service.ts): anyone of the production staff takes a pending one; the florist holding it, or
 * a manager or admin, releases or finishes one in progress.
 */
export function taskActions(
  task: { status: TaskStatus; florist: { id: string } | null },
  viewer: { role: ShopRole | undefined; userId: string | undefined },
): { take: boolean; release: boolean; finish: boolean } {
  const staff = viewer.role === 'ADMIN' || viewer.role === 'MANAGER' || viewer.role === 'FLORIST';
  const manages = viewer.role === 'ADMIN' || viewer.role === 'MANAGER';
  const holds = task.status === 'IN_PROGRESS' && (manages || task.florist?.id === viewer.userId);
  return { take: staff && task.status === 'PENDING', release: staff && holds, finish: staff && holds };
}
