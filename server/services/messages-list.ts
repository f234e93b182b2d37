import type { Message } from '../../shared/api/messages';
import { numberLevelSql, requirePermission, ticketVisibleSql } from './access';
import { actorOfSession, hashToken, READ_ALLOWED, requireToken, SESSION_COLUMNS, sessionCte, sessionOfRow } from './auth';
import type { ServiceContext } from './context';
import { AppError, notFound } from './errors';
import { isoFromUtcText, rawRows, utcText, type RawRow } from './prepared';

export interface MessagePage { items: Message[]; hasMore: boolean }

const MESSAGE_COLUMNS = [
  'm.id', 'm.ticket_id', 'm.number_id', 'm.direction', 'm.author', 'm.author_id', 'm.type', 'm.text', 'm.media', 'm.content',
  'm.reply_to_id', 'm.wamid', 'm.status', 'm.error', 'm.client_id', utcText('m.created_at'),
];
/** Row layout: the session (on the first row only), then whether the ticket exists, whether the caller may see it, whether `before` is one of its messages, then the message. */
const S = SESSION_COLUMNS.length;
const M = S + 3;

/**
 * One statement that authenticates the token, reads the ticket and the caller's level on its
 * number, and (only when the caller may see the ticket) its `limit` latest messages, or those
 * before the message `$4`: a page of messages costs one round trip.
 */
function pageSql(before: boolean): string {
  const visible = ticketVisibleSql('a.level', 'a.user_id', { state: 'a.state', assigneeId: 'a.assignee_id' });
  return `with ${sessionCte('$1')},
a as materialized (
  select me.*, t.id as ticket_id, t.state, t.assignee_id, ${numberLevelSql('me.user_id', 't.number_id', 'me.permissions')} as level
    ${before ? ', (select b.created_at from messages b where b.id = $4::uuid and b.ticket_id = $2) as before_at' : ''}
  from me left join tickets t on t.id = $2
)
select ${SESSION_COLUMNS.map((c) => `case when m.n is null or m.n = 1 then a.${c} end`).join(', ')}, a.ticket_id is not null, coalesce(${visible}, false), ${before ? 'a.before_at is not null' : 'true'},
  ${MESSAGE_COLUMNS.join(', ')}
from a
left join lateral (
  select m.*, row_number() over (order by m.created_at desc nulls last, m.id desc nulls last) as n
  from messages m where m.ticket_id = $2 and ${READ_ALLOWED} and ${visible}${before ? ' and (m.created_at, m.id) < (a.before_at, $4::uuid)' : ''}
  order by m.created_at desc nulls last, m.id desc nulls last limit $3
) m on true
order by m.created_at desc nulls last, m.id desc nulls last`;
}
const latest = { name: 'messages_page_latest', text: pageSql(false) };
const earlier = { name: 'messages_page_before', text: pageSql(true) };

type Media = { id: string; mimeType: string | null; filename: string | null } | null;
type DeliveryError = { code: number; title: string; reason: string } | null;

function messageOfRow(r: RawRow): Message {
  // Only the keys of the response schema, as its encoding kept them.
  const media = r[M + 8] as Media;
  const error = r[M + 13] as DeliveryError;
  return {
    id: r[M] as string, ticketId: r[M + 1] as string, numberId: r[M + 2] as string, direction: r[M + 3] as Message['direction'],
    author: r[M + 4] as Message['author'], authorId: r[M + 5] as string | null, type: r[M + 6] as Message['type'], text: r[M + 7] as string | null,
    media: media && { id: media.id, mimeType: media.mimeType, filename: media.filename },
    content: r[M + 9] as Message['content'], replyToId: r[M + 10] as string | null, wamid: r[M + 11] as string | null,
    status: r[M + 12] as Message['status'], error: error && { code: error.code, title: error.title, reason: error.reason },
    clientId: r[M + 14] as string | null, createdAt: isoFromUtcText(r[M + 15] as string),
  };
}

/**
 * The ticket's messages in server order (oldest first): the `limit` latest, or the `limit` latest
 * before the message `before`. Same checks and errors, in the same order, as `authenticate`,
 * `requirePermission('service.desk')` and `AccessScope.requireTicket`.
 */
export async function listMessages(ctx: ServiceContext, token: string | undefined, ticketId: string, q: { limit: number; before?: string | undefined }): Promise<MessagePage> {
  const tokenHash = hashToken(requireToken(token));
  const { name, text } = q.before ? earlier : latest;
  const found = await rawRows(ctx.db, name, text, q.before ? [tokenHash, ticketId, q.limit + 1, q.before] : [tokenHash, ticketId, q.limit + 1]);
  const actor = await actorOfSession(ctx, sessionOfRow(found[0]));
  requirePermission(actor, 'service.desk');
  const head = found[0]!;
  if (!head[S] || !head[S + 1]) throw notFound('The ticket');
  if (!head[S + 2]) throw new AppError('validation', 'before must be the id of a message of this ticket.', 'before');
  const rows = head[M] === null ? [] : found;
  // Read newest first (limit + 1 tells whether there are more), answered oldest first.
  const items: Message[] = [];
  for (let i = Math.min(rows.length, q.limit) - 1; i >= 0; i--) items.push(messageOfRow(rows[i]!));
  return { items, hasMore: rows.length > q.limit };
}
