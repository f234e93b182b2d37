import type { Ticket, TicketListQuery } from '../../shared/api/tickets';
import { AccessScope, numberLevelSql, requirePermission } from './access';
import { actorOfSession, authenticate, hashToken, READ_ALLOWED, requireToken, SESSION_COLUMNS, sessionCte, sessionOfRow } from './auth';
import type { ServiceContext } from './context';
import { AppError, notFound } from './errors';
import { isoFromUtcText, isoOrNull, rawRows, utcText, type RawRow } from './prepared';

type ListState = TicketListQuery['state'] & string;
export interface TicketPage { items: Ticket[]; nextCursor: string | null }

export function encodeCursor(lastMessageAtIso: string, id: string): string {
  return Buffer.from(`${lastMessageAtIso}|${id}`).toString('base64url');
}
function decodeCursor(cursor: string): { at: Date; id: string } | undefined {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = new Date(at ?? '');
  return !id || Number.isNaN(date.getTime()) ? undefined : { at: date, id };
}
const badCursor = () => new AppError('validation', 'cursor is not one this API gave out; start again without it.', 'cursor');

const TICKET_COLUMNS = [
  'l.id', 'l.number_id', 'l.queue_id', 'l.assignee_id', 'l.state', 'l.close_reason', 'l.tags', utcText('l.created_at'),
  utcText('l.assigned_at'), utcText('l.first_response_at'), utcText('l.closed_at'), utcText('l.last_message_at'),
  'l.last_message_author', 'l.last_message_preview', utcText('l.window_expires_at'), 'c.id', 'c.name', 'c.profile_name', 'c.wa_id', 'c.phone',
];
/** Where the ticket columns start in a row: after the session and the caller's level on the number. */
const T = SESSION_COLUMNS.length + 1;

/**
 * One statement per shape (states, cursor, search) that authenticates the token, finds the caller's
 * level on the number and reads the page, so a list costs one round trip. The page itself is
 * either branch of a union, gated by the level (an agent's branch can use the index on number,
 * state and assignee); contacts, read markers and unread counts are read for the page only.
 * States are literals so each shape keeps a plan fitted to it.
 */
function listSql(states: readonly ListState[], cursor: boolean, search: boolean): string {
  const stateIn = states.length === 1 ? `t.state = '${states[0]}'` : `t.state in (${states.map((s) => `'${s}'`).join(', ')})`;
  // An agent sees the queue and their own tickets; for a single state other than waiting that is
  // simply "assigned to me", which the planner can use.
  const agentFilter = states.length === 1 && states[0] !== 'waiting' ? 't.assignee_id = a.user_id' : `(t.state = 'waiting' or t.assignee_id = a.user_id)`;
  const like = cursor ? '$6' : '$4';
  const more = [
    ...(cursor ? ['(t.last_message_at, t.id) < ($4::timestamptz, $5::uuid)'] : []),
    ...(search ? [`exists (select 1 from contacts sc where sc.id = t.contact_id and (sc.name ilike ${like} or sc.profile_name ilike ${like} or sc.phone like ${like} or sc.wa_id like ${like}))`] : []),
  ].map((w) => ` and ${w}`).join('');
  // n numbers the page's rows, so the session's columns come on the first row only.
  const branch = (level: string, filter: string) => `(select t.*, row_number() over (order by t.last_message_at desc nulls last, t.id desc nulls last) as n from tickets t
      where a.level = '${level}' and ${READ_ALLOWED} and t.number_id = $2 and ${stateIn}${filter}${more}
      order by t.last_message_at desc nulls last, t.id desc nulls last limit $3)`;
  return `with ${sessionCte('$1')},
a as materialized (select me.*, ${numberLevelSql('me.user_id', '$2::uuid', 'me.permissions')} as level from me)
select ${SESSION_COLUMNS.map((c) => `case when l.n is null or l.n = 1 then a.${c} end`).join(', ')}, a.level, ${TICKET_COLUMNS.join(', ')},
  (select count(*)::int from (select 1 from messages m
     where m.ticket_id = l.id and m.direction = 'in'
       and (m.created_at, m.id) > (coalesce(rm.up_to_at, '-infinity'::timestamptz), coalesce(rm.up_to, '00000000-0000-0000-0000-000000000000'::uuid))
     limit 100) u) as unread
from a
left join lateral (${branch('agent', ` and ${agentFilter}`)}
  union all ${branch('full', '')}
) l on true
left join contacts c on c.id = l.contact_id
left join read_markers rm on rm.user_id = a.user_id and rm.ticket_id = l.id
order by l.last_message_at desc nulls last, l.id desc nulls last`;
}
const statements = new Map<string, { name: string; text: string }>();
/** The named statement of one list shape ($1 token hash, $2 number id, $3 limit, then cursor time and id, then the search pattern). */
export function listTicketsStatement(states: readonly ListState[], cursor: boolean, search: boolean) {
  const name = `list_tickets_${states.join('_')}${cursor ? '_cursor' : ''}${search ? '_search' : ''}`;
  let s = statements.get(name);
  if (!s) statements.set(name, (s = { name, text: listSql(states, cursor, search) }));
  return s;
}

function ticketOfRow(r: RawRow): Ticket {
  const name = r[T + 16] as string | null;
  return {
    id: r[T] as string, numberId: r[T + 1] as string, queueId: r[T + 2] as string, assigneeId: r[T + 3] as string | null,
    state: r[T + 4] as Ticket['state'], closeReason: r[T + 5] as Ticket['closeReason'], tags: r[T + 6] as string[],
    createdAt: isoFromUtcText(r[T + 7] as string), assignedAt: isoOrNull(r[T + 8]), firstResponseAt: isoOrNull(r[T + 9]),
    closedAt: isoOrNull(r[T + 10]), lastMessageAt: isoFromUtcText(r[T + 11] as string),
    lastMessageAuthor: r[T + 12] as Ticket['lastMessageAuthor'], lastMessagePreview: r[T + 13] as string | null,
    windowExpiresAt: isoOrNull(r[T + 14]),
    contact: { id: r[T + 15] as string, name: name ?? (r[T + 17] as string | null), waId: r[T + 18] as string, phone: r[T + 19] as string },
    unread: r[T + 20] as number,
  };
}

/**
 * A page of the number's tickets the caller of `token` may see, most recent activity first: the
 * session check, access check and list of `authenticate`, `requirePermission('service.desk')` and
 * `AccessScope.requireNumber`, with their errors in that order, in one statement.
 */
export async function listTickets(ctx: ServiceContext, token: string | undefined, q: TicketListQuery): Promise<TicketPage> {
  const tokenHash = hashToken(requireToken(token));
  const states: readonly ListState[] = q.state ? [q.state] : ['waiting', 'open'];
  const c = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
  if (q.cursor !== undefined && !c) {
    // A cursor we never gave out: refused after the checks that come before it.
    const actor = await authenticate(ctx, token);
    requirePermission(actor, 'service.desk');
    await new AccessScope(ctx.db, actor).requireNumber(q.numberId);
    throw badCursor();
  }
  const { name, text } = listTicketsStatement(states, Boolean(c), Boolean(q.q));
  const values: unknown[] = [tokenHash, q.numberId, q.limit + 1];
  if (c) values.push(c.at.toISOString(), c.id);
  if (q.q) values.push(`%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  const found = await rawRows(ctx.db, name, text, values);
  const actor = await actorOfSession(ctx, sessionOfRow(found[0]));
  requirePermission(actor, 'service.desk');
  if (found[0]![SESSION_COLUMNS.length] === null) throw notFound('The number');
  const rows = found[0]![T] === null ? [] : found;
  const page = rows.slice(0, q.limit).map(ticketOfRow);
  const last = page[page.length - 1];
  return { items: page, nextCursor: rows.length > q.limit && last ? encodeCursor(last.lastMessageAt, last.id) : null };
}
