import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { NumberAgent } from '../../shared/api/lookups';
import type { Ticket } from '../../shared/api/tickets';
import { rows } from '../db/client';
import { contacts, tags, tickets } from '../db/schema';
import { canSeeTicket } from '../domain/access';
import { isAvailable } from '../domain/routing';
import type { AccessScope } from './access';
import type { ServiceContext } from './context';
import { notFound } from './errors';
import { presentTicket } from './presenters';

/** How many earlier tickets the contact panel lists. */
const CONTACT_TICKETS_LIMIT = 100;

/** The active agents of a number (the people a ticket of it can be transferred to), by name. */
export async function numberAgents(ctx: ServiceContext, scope: AccessScope, numberId: string): Promise<NumberAgent[]> {
  await scope.requireNumber(numberId);
  const found = await rows<{ id: string; name: string; status: NumberAgent['status']; disconnected_at: string | Date | null; connected: boolean }>(ctx.db, sql`
    select u.id, u.name, u.status, u.disconnected_at,
      exists (select 1 from presence p where p.user_id = u.id and p.sockets > 0) as connected
    from number_agents na join users u on u.id = na.user_id
    where na.number_id = ${numberId} and u.active
    order by lower(u.name), u.id`);
  const now = ctx.clock.now();
  return found.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    online: isAvailable({ status: r.status, connected: r.connected, disconnectedAt: r.disconnected_at === null ? null : new Date(r.disconnected_at) }, now, ctx.config.routingGraceMs),
  }));
}

/**
 * Tag names defined on the numbers the caller may access (one number's with `numberId`), each name
 * once, alphabetical. Tags of numbers the caller cannot see stay hidden.
 */
export async function tagNames(ctx: ServiceContext, scope: AccessScope, numberId?: string): Promise<Array<{ name: string }>> {
  let numberIds: string[];
  if (numberId) {
    await scope.requireNumber(numberId);
    numberIds = [numberId];
  } else {
    numberIds = [...(await scope.numbers()).keys()];
  }
  if (numberIds.length === 0) return [];
  const found = await ctx.db.select({ name: tags.name }).from(tags).where(inArray(tags.numberId, numberIds)).orderBy(asc(tags.name));
  const seen = new Set<string>();
  const out: Array<{ name: string }> = [];
  for (const { name } of found) {
    const key = name.toLocaleLowerCase('pt-BR');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'pt-BR'));
}

/**
 * The contact's tickets the caller may see, latest first (the contact panel's history). An agent
 * without full access sees the ones assigned to them and the waiting ones, as in the ticket lists.
 */
export async function contactTickets(ctx: ServiceContext, scope: AccessScope, contactId: string): Promise<Ticket[]> {
  const [contact] = await ctx.db.select().from(contacts).where(eq(contacts.id, contactId));
  if (!contact) throw notFound('The contact');
  const access = await scope.numbers();
  const level = access.get(contact.numberId);
  if (!level) throw notFound('The contact');
  const me = scope.actor.userId;
  const visible = level === 'full' ? undefined : sql`(${tickets.assigneeId} = ${me} or (${tickets.state} = 'waiting' and ${tickets.assigneeId} is null))`;
  const found = await ctx.db
    .select()
    .from(tickets)
    .where(and(eq(tickets.contactId, contactId), visible))
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(CONTACT_TICKETS_LIMIT);
  return found.filter((t) => canSeeTicket(access, me, t)).map((t) => presentTicket(t, contact));
}
