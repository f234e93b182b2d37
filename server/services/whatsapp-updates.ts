import { and, eq } from 'drizzle-orm';
import { numbers, templates } from '../db/schema';
import type { QualityEvent, TemplateStatusEvent } from '../whatsapp/webhook/parse';
import type { UnitOfWork } from './unit-of-work';

/** A template's review status changed (approved, rejected, paused…): the cached copy follows. */
export async function applyTemplateStatusInTx(uow: UnitOfWork, e: TemplateStatusEvent): Promise<void> {
  const where = e.metaId
    ? and(eq(templates.wabaId, e.wabaId), eq(templates.metaId, e.metaId))
    : and(eq(templates.wabaId, e.wabaId), eq(templates.name, e.name), eq(templates.language, e.language));
  const updated = await uow.tx.update(templates).set({ status: e.event, updatedAt: uow.ctx.clock.now() }).where(where).returning({ id: templates.id });
  if (updated.length === 0) {
    // Not cached yet: the next template refresh brings it whole; until then keep nothing half-known.
    uow.ctx.log.info({ wabaId: e.wabaId, template: e.name }, 'status update for a template not cached yet');
  }
}

/**
 * Meta flagged, downgraded or upgraded a number: keep its messaging tier and ask for a fresh copy
 * of its details (quality rating, throughput) at the next refresh.
 */
export async function applyQualityInTx(uow: UnitOfWork, e: QualityEvent): Promise<void> {
  const digits = e.displayPhone.replace(/\D/g, '');
  const candidates = await uow.tx.select({ id: numbers.id, displayPhone: numbers.displayPhone }).from(numbers).where(eq(numbers.wabaId, e.wabaId));
  const match = candidates.find((n) => n.displayPhone.replace(/\D/g, '') === digits);
  if (!match) return;
  await uow.tx
    .update(numbers)
    .set({
      ...(e.tier ? { messagingTier: e.tier } : {}),
      ...(e.event === 'FLAGGED' ? { quality: 'RED' as const } : {}),
      ...(e.event === 'UNFLAGGED' ? { quality: 'GREEN' as const } : {}),
      detailsRefreshedAt: null,
    })
    .where(eq(numbers.id, match.id));
}
