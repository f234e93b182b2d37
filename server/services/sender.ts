import { eq, sql } from 'drizzle-orm';
import { rows } from '../db/client';
import { messages, tickets } from '../db/schema';
import { GraphError, PayloadError, plainReason } from '../whatsapp/graph/errors';
import { retryDelayMs } from '../whatsapp/graph/retry';
import type { ServiceContext } from './context';
import { buildOutgoing } from './outbound-payload';
import { recordMessage } from './presenters';
import { inTransaction } from './unit-of-work';
import { startWorker, type Worker } from './worker';

type MessageRow = typeof messages.$inferSelect;
export const MAX_SEND_ATTEMPTS = 6;
/** A message left `sending` (crash, or an answer lost) this long without a status webhook is failed for the agent. */
export const UNCONFIRMED_AFTER_MS = 3 * 60_000;

/**
 * Claims queued outbound messages, oldest first and one at a time per ticket (order is kept):
 * each is marked `sending` and committed before the Graph call, so it is sent at most once.
 */
async function claim(ctx: ServiceContext, limit: number): Promise<MessageRow[]> {
  const now = ctx.clock.now();
  return inTransaction(ctx, async (uow) => {
    const claimed = await rows<{ id: string }>(uow.tx, sql`
      update messages set status = 'sending', sending_at = ${now.toISOString()}::timestamptz, send_attempts = send_attempts + 1, next_attempt_at = null
      where id in (
        select q.id from messages q
        where q.status = 'queued' and q.direction = 'out' and q.next_attempt_at <= ${now.toISOString()}::timestamptz
          and not exists (
            select 1 from messages p
            where p.ticket_id = q.ticket_id and p.direction = 'out' and p.status in ('queued', 'sending')
              and (p.created_at, p.id) < (q.created_at, q.id))
        order by q.created_at, q.id
        limit ${limit}
        for update skip locked)
      returning id`);
    const found: MessageRow[] = [];
    for (const { id } of claimed) {
      const [m] = await uow.tx.select().from(messages).where(eq(messages.id, id));
      const [t] = await uow.tx.select().from(tickets).where(eq(tickets.id, m!.ticketId));
      recordMessage(uow, m!, t!);
      found.push(m!);
    }
    return found;
  });
}

/** A status webhook may have moved the message on while we were calling: only a `sending` message changes. */
const onlyIfSending = (next: 'queued' | 'failed') => sql`case when ${messages.status} = 'sending' then ${next} else ${messages.status} end`;

/** Updates a message after its send and records the change for the agent. */
async function settle(ctx: ServiceContext, id: string, set: Record<string, unknown>): Promise<void> {
  await inTransaction(ctx, async (uow) => {
    const [m] = await uow.tx.update(messages).set(set).where(eq(messages.id, id)).returning();
    if (!m) return;
    const [t] = await uow.tx.select().from(tickets).where(eq(tickets.id, m.ticketId));
    recordMessage(uow, m, t!);
  });
}

async function sendOne(ctx: ServiceContext, m: MessageRow): Promise<void> {
  const now = () => ctx.clock.now();
  try {
    const { phoneNumberId, payload } = await buildOutgoing(ctx, ctx.db, m);
    const result = await ctx.graph.sendMessage(phoneNumberId, payload);
    // A status webhook may already have moved it further: never move back.
    await settle(ctx, m.id, {
      wamid: sql`coalesce(${messages.wamid}, ${result.wamid})`,
      status: sql`case when ${messages.status} in ('queued', 'sending') then 'sent' else ${messages.status} end`,
      statusAt: now(),
    });
  } catch (err) {
    if (err instanceof GraphError && err.mayHaveSucceeded) {
      // Meta may have it: stay `sending` until its status webhook tells (or the reconciler gives up).
      ctx.log.warn({ messageId: m.id, code: err.code }, 'send outcome unknown; waiting for a status webhook');
      return;
    }
    const retry = err instanceof GraphError && (err.kind === 'retryable' || err.kind === 'throttled') && m.sendAttempts < MAX_SEND_ATTEMPTS;
    if (retry) {
      await settle(ctx, m.id, {
        status: onlyIfSending('queued'),
        nextAttemptAt: new Date(now().getTime() + retryDelayMs(err, m.sendAttempts)),
      });
      return;
    }
    const error = err instanceof GraphError
      ? { code: err.code, title: err.title, reason: err.reason }
      : err instanceof PayloadError
        ? { code: 0, title: 'Not sendable', reason: `This message cannot be sent: ${err.message}.` }
        : { code: 0, title: 'Send failed', reason: plainReason(0) };
    if (!(err instanceof GraphError) && !(err instanceof PayloadError)) ctx.log.error({ err, messageId: m.id }, 'send failed unexpectedly');
    await settle(ctx, m.id, { status: onlyIfSending('failed'), statusAt: now(), error: sql`case when ${messages.status} = 'sending' then ${JSON.stringify(error)}::jsonb else ${messages.error} end` });
  }
}

/** Sends what is queued; answers how many messages were attempted. */
export async function sendQueued(ctx: ServiceContext, limit = 20): Promise<number> {
  const batch = await claim(ctx, limit);
  await Promise.all(batch.map((m) => sendOne(ctx, m)));
  return batch.length;
}

/**
 * Messages stuck in `sending` past the confirmation window (a crash between our commit and Meta's
 * answer, and no status webhook since) are failed for the agent to retry: never re-sent blindly.
 */
export async function failUnconfirmed(ctx: ServiceContext): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - UNCONFIRMED_AFTER_MS).toISOString();
  const stuck = await rows<{ id: string }>(ctx.db, sql`select id from messages where status = 'sending' and sending_at < ${cutoff}::timestamptz limit 200`);
  const error = { code: 0, title: 'Not confirmed', reason: 'WhatsApp did not confirm this message. Check the conversation and send it again if the customer did not get it.' };
  for (const { id } of stuck) {
    await settle(ctx, id, { status: onlyIfSending('failed'), error: sql`case when ${messages.status} = 'sending' then ${JSON.stringify(error)}::jsonb else ${messages.error} end`, statusAt: ctx.clock.now() });
  }
  return stuck.length;
}

export function startSendWorker(ctx: ServiceContext): Worker {
  return startWorker(ctx, 'sender', () => sendQueued(ctx), 1000);
}
