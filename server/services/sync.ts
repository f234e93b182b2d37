import { sql } from 'drizzle-orm';
import type { Change, SyncResponse } from '../../shared/api/sync';
import { rows } from '../db/client';
import type { AccessScope } from './access';
import type { ServiceContext } from './context';
import { AppError } from './errors';

/** Above this many changes, a client starting from 0 loads a snapshot instead of replaying. */
export const SNAPSHOT_THRESHOLD = 20_000;

const resync = () =>
  new AppError('resync_required', 'Your local copy is too old to catch up change by change. Reload a snapshot, then sync from the head sequence.');

export async function headSeq(ctx: ServiceContext, orgId: string): Promise<number> {
  const [r] = await rows<{ head: string | number | null }>(ctx.db, sql`select max(seq) as head from changes where org_id = ${orgId}`);
  return Number(r?.head ?? 0);
}

interface ChangeRow {
  seq: string | number;
  entity: string;
  entity_id: string;
  op: 'upsert' | 'delete';
  number_id: string | null;
  ticket_id: string | null;
  assignee_id: string | null;
  user_id: string | null;
  data: unknown;
  at: string | Date;
}

/**
 * The caller's changes after `since`, in sequence order. The head is read first: every sequence at
 * or below it is already committed (see unit-of-work.ts), so the page can never miss one.
 */
export async function readChanges(ctx: ServiceContext, scope: AccessScope, since: number, limit: number): Promise<SyncResponse> {
  const { orgId, userId } = scope.actor;
  const head = await headSeq(ctx, orgId);
  const [state] = await rows<{ pruned_through: string | number }>(ctx.db, sql`select pruned_through from feed_state where id = 1`);
  if (since > head || since < Number(state?.pruned_through ?? 0)) throw resync();
  if (since === 0) {
    const [count] = await rows<{ n: number }>(ctx.db, sql`select count(*)::int as n from (select 1 from changes where org_id = ${orgId} limit ${SNAPSHOT_THRESHOLD + 1}) c`);
    if ((count?.n ?? 0) > SNAPSHOT_THRESHOLD) throw resync();
  }
  const access = await scope.numbers();
  const full = [...access].filter(([, l]) => l === 'full').map(([id]) => id);
  const agent = [...access].filter(([, l]) => l === 'agent').map(([id]) => id);
  const pgArray = (ids: string[]) => `{${ids.join(',')}}`;
  const found = await rows<ChangeRow>(ctx.db, sql`
    select seq, entity, entity_id, op, number_id, ticket_id, assignee_id, user_id, data, at
    from changes
    where org_id = ${orgId} and seq > ${since} and seq <= ${head}
      and (user_id = ${userId} or (user_id is null and (
        number_id is null
        or number_id = any(${pgArray(full)}::uuid[])
        or (number_id = any(${pgArray(agent)}::uuid[])
            and (ticket_id is null or assignee_id is null or assignee_id = ${userId} or entity = 'ticket')))))
    order by seq
    limit ${limit + 1}`);
  const page = found.slice(0, limit);
  const hasMore = found.length > limit;
  return {
    changes: page.map((r) => presentRow(r, access.get(r.number_id ?? '') === 'agent' ? userId : null)),
    next: hasMore ? Number(page[page.length - 1]!.seq) : head,
    hasMore,
  };
}

/**
 * For an agent-level reader (`agentId` set), a ticket now assigned to a colleague is shown only
 * as its removal from their view, never with the colleague's data.
 */
export function presentRow(r: ChangeRow, agentId: string | null): Change {
  const base = { seq: Number(r.seq), numberId: r.number_id, at: new Date(r.at).toISOString() };
  if (agentId && r.ticket_id && r.assignee_id && r.assignee_id !== agentId && r.user_id === null) {
    return { ...base, entity: 'ticket', op: 'delete', id: r.ticket_id, data: null };
  }
  return { ...base, entity: r.entity, op: r.op, id: r.entity_id, data: r.data } as Change;
}
