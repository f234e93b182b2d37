import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { webhookInbox } from '../db/schema';
import { parseWebhook, type WebhookEvent } from '../whatsapp/webhook/parse';
import type { ServiceContext } from './context';
import { receiveInTx } from './inbound';
import { applyStatusInTx } from './statuses';
import { inTransaction, type UnitOfWork } from './unit-of-work';
import { startWorker, type Worker } from './worker';
import { applyQualityInTx, applyTemplateStatusInTx } from './whatsapp-updates';

/** A delivery that fails this many times is set aside (kept with its error) instead of blocking the inbox. */
const MAX_ATTEMPTS = 5;
const BATCH = 100;

/**
 * Stores verified webhook bodies before they are answered. Requests arriving while a write is in
 * flight go together into the next multi-row insert (group commit): one fsync for many deliveries.
 */
export class InboxWriter {
  private queue: Array<{ body: string; resolve: () => void; reject: (err: unknown) => void }> = [];
  private writing = false;
  constructor(private readonly ctx: ServiceContext, private readonly onStored: () => void) {}

  store(body: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ body, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, 500);
      try {
        const now = this.ctx.clock.now();
        await this.ctx.db.insert(webhookInbox).values(batch.map((b) => ({ body: b.body, receivedAt: now })));
        for (const b of batch) b.resolve();
        this.onStored();
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    this.writing = false;
  }
}

async function applyEvent(uow: UnitOfWork, e: WebhookEvent): Promise<void> {
  switch (e.kind) {
    case 'message': {
      const r = await receiveInTx(uow, e);
      if (r.outcome === 'unknown_number') uow.ctx.log.warn({ phoneNumberId: e.phoneNumberId }, 'message for a phone number we do not serve');
      return;
    }
    case 'status':
      await applyStatusInTx(uow, e);
      return;
    case 'template_status':
      return applyTemplateStatusInTx(uow, e);
    case 'quality':
      return applyQualityInTx(uow, e);
    case 'skipped':
      uow.ctx.log.warn({ reason: e.reason }, 'webhook content skipped');
  }
}

/**
 * Processes pending deliveries in order, a batch per transaction (claimed with SKIP LOCKED so
 * several nodes share the work). If a batch fails, its rows are retried one by one so a single bad
 * delivery cannot hold the others back. Answers how many rows were handled.
 */
export async function processInbox(ctx: ServiceContext, limit = BATCH): Promise<number> {
  let ids: number[] = [];
  try {
    return await inTransaction(ctx, async (uow) => {
      const rows = await claim(uow, limit);
      ids = rows.map((r) => r.id);
      for (const row of rows) for (const e of parseWebhook(row.body)) await applyEvent(uow, e);
      await markDone(uow, ids);
      return rows.length;
    });
  } catch (err) {
    ctx.log.warn({ err, rows: ids.length }, 'webhook batch failed; retrying its deliveries one by one');
    let handled = 0;
    for (const id of ids) handled += await processOne(ctx, id);
    return handled;
  }
}

async function processOne(ctx: ServiceContext, id: number): Promise<number> {
  try {
    return await inTransaction(ctx, async (uow) => {
      const [row] = await uow.tx.select().from(webhookInbox).where(and(eq(webhookInbox.id, id), isNull(webhookInbox.processedAt))).for('update', { skipLocked: true });
      if (!row) return 0;
      for (const e of parseWebhook(row.body)) await applyEvent(uow, e);
      await markDone(uow, [id]);
      return 1;
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await ctx.db
      .update(webhookInbox)
      .set({
        attempts: sql`${webhookInbox.attempts} + 1`,
        error: message.slice(0, 500),
        // Set aside after too many failures: kept for an operator, no longer retried.
        processedAt: sql`case when ${webhookInbox.attempts} + 1 >= ${MAX_ATTEMPTS} then ${ctx.clock.now().toISOString()}::timestamptz else null end`,
      })
      .where(eq(webhookInbox.id, id));
    ctx.log.error({ err, inboxId: id }, 'webhook delivery failed');
    return 0;
  }
}

async function claim(uow: UnitOfWork, limit: number) {
  return uow.tx
    .select({ id: webhookInbox.id, body: webhookInbox.body })
    .from(webhookInbox)
    .where(and(isNull(webhookInbox.processedAt), lte(webhookInbox.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(webhookInbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

async function markDone(uow: UnitOfWork, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await uow.tx.update(webhookInbox).set({ processedAt: uow.ctx.clock.now(), error: null }).where(inArray(webhookInbox.id, ids));
}

/** Processes deliveries when woken (new ones stored here) and every `pollMs` (stored by other nodes). */
export function startInboxWorker(ctx: ServiceContext, pollMs = 500): Worker {
  return startWorker(ctx, 'webhook-inbox', () => processInbox(ctx), pollMs);
}
