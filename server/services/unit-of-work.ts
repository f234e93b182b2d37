import { sql } from 'drizzle-orm';
import type { Change } from '../../shared/api/sync';
import type { Tx } from '../db/client';
import { changes as changesTable } from '../db/schema';
import type { ServiceContext } from './context';
import type { StoredChange } from './publisher';

/** Serialises the tail of writing transactions so change sequences become visible in commit order. */
const CHANGE_FEED_LOCK = 7_243_001;

export type ChangeInput = Omit<StoredChange, 'change'> & { change: Omit<Change, 'seq'> };

/**
 * A transaction plus the change-feed rows and follow-up work it produced. Changes are written at
 * the very end, under an advisory lock held until commit: a reader that has seen sequence N can
 * never later find a smaller one appear. They are published only after the commit succeeds.
 */
export class UnitOfWork {
  private pending: ChangeInput[] = [];
  readonly afterCommit: Array<() => void | Promise<void>> = [];
  /** Runs after commit but before the changes are published (e.g. sockets leaving rooms they lost). */
  readonly beforePublish: Array<() => Promise<void>> = [];
  constructor(readonly tx: Tx, readonly ctx: ServiceContext) {}

  record(input: ChangeInput): void {
    this.pending.push(input);
  }

  /** Internal: writes the pending rows; called by `inTransaction` right before commit. */
  async flush(): Promise<StoredChange[]> {
    if (this.pending.length === 0) return [];
    await this.tx.execute(sql`select pg_advisory_xact_lock(${CHANGE_FEED_LOCK})`);
    const inserted = await this.tx
      .insert(changesTable)
      .values(
        this.pending.map((p) => ({
          seq: sql`nextval('changes_seq')`,
          orgId: p.orgId,
          numberId: p.change.numberId,
          ticketId: p.ticketId,
          assigneeId: p.assigneeId,
          prevAssigneeId: p.prevAssigneeId,
          userId: p.userId,
          entity: p.change.entity,
          entityId: p.change.id,
          op: p.change.op,
          data: p.change.data,
          at: new Date(p.change.at),
        })),
      )
      .returning({ seq: changesTable.seq });
    const seqs = inserted.map((r) => r.seq).sort((a, b) => a - b);
    return this.pending.map((p, i) => ({ ...p, change: { ...p.change, seq: seqs[i]! } as Change }));
  }
}

/** Runs `fn` in a transaction, writes its change-feed rows last, then publishes them after commit. */
export async function inTransaction<T>(ctx: ServiceContext, fn: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  let published: StoredChange[] = [];
  let uowRef: UnitOfWork | undefined;
  const result = await ctx.db.transaction(async (tx) => {
    const uow = new UnitOfWork(tx, ctx);
    uowRef = uow;
    const value = await fn(uow);
    published = await uow.flush();
    return value;
  });
  for (const task of uowRef?.beforePublish ?? []) {
    try {
      await task();
    } catch (err) {
      ctx.log.error({ err }, 'before-publish task failed');
    }
  }
  if (published.length > 0) ctx.publisher.publish(published);
  for (const task of uowRef?.afterCommit ?? []) {
    try {
      await task();
    } catch (err) {
      ctx.log.error({ err }, 'after-commit task failed');
    }
  }
  return result;
}

/** Retries a use case whose transaction lost a race on a unique index (two first messages at once). */
export async function retryOnUniqueViolation<T>(attempt: () => Promise<T>, tries = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
      if (code !== '23505' || i >= tries) throw err;
    }
  }
}
