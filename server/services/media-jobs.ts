import { uuidv7 } from '../../shared/uuid';
import { media } from '../db/schema';
import type { UnitOfWork } from './unit-of-work';

/**
 * Records an inbound media id from a webhook; a job downloads it through the Graph API (the id
 * lives days, its download URL minutes). Answers the reference the message keeps.
 */
export async function registerInboundMedia(
  uow: UnitOfWork,
  orgId: string,
  numberId: string,
  wa: { id: string; mimeType: string | null; filename: string | null },
  now: Date,
): Promise<{ id: string; mimeType: string | null; filename: string | null }> {
  const id = uuidv7(now.getTime());
  await uow.tx.insert(media).values({
    id, orgId, numberId, direction: 'in', waMediaId: wa.id, status: 'pending', mimeType: wa.mimeType, filename: wa.filename, nextAttemptAt: now, createdAt: now,
  });
  return { id, mimeType: wa.mimeType, filename: wa.filename };
}
