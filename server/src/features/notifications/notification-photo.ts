// The picture a notification is sent with: the bouquet a customer is asked to approve
// (BOUQUET_APPROVAL_REQUESTED), read from the app's FileStorage by the outbox's worker.
import type { NotificationPhoto } from '@posy/bot';
import type { Prisma } from '@posy/prisma';
import type { AppPrisma } from '../../context.js';
import type { FileStorage } from '../../storage/file-storage.js';

/**
 * The photo to send with a notification, or null when its kind has none, or the file is gone (the
 * message then goes out as text: its button still opens the order, where the photo is shown).
 * The payload names the photo shown; requests queued before it did fall back to the task's photo.
 */
export async function loadNotificationPhoto(
  prisma: AppPrisma,
  files: FileStorage,
  row: { kind: string; payload: Prisma.JsonValue },
): Promise<NotificationPhoto | null> {
  if (row.kind !== 'BOUQUET_APPROVAL_REQUESTED') return null;
  const payload = (row.payload ?? {}) as { photoFileId?: unknown; taskId?: unknown };
  const fileId =
    typeof payload.photoFileId === 'string'
      ? payload.photoFileId
      : typeof payload.taskId === 'string'
        ? (
            await prisma.productionTask.findUnique({
              where: { id: payload.taskId },
              select: { photoFileId: true },
            })
          )?.photoFileId
        : null;
  if (!fileId) return null;
  const file = await prisma.file.findUnique({ where: { id: fileId }, select: { storageKey: true } });
  const bytes = file ? await files.get(file.storageKey) : null;
  if (!file || !bytes) return null;
  return { bytes, filename: file.storageKey.split('/').pop() ?? 'photo.jpg' };
}
