import type { AccessLevel } from '../../shared/api/auth';
import type { TicketState } from '../../shared/api/tickets';

/** What a user may see of one number: `agent` = its queue and their own tickets; `full` = all. */
export type NumberAccess = ReadonlyMap<string, AccessLevel>;

export function accessLevel(opts: { managesNumber: boolean; servesNumber: boolean; canSupervise: boolean }): AccessLevel | null {
  if (opts.managesNumber) return 'full';
  if (opts.servesNumber) return opts.canSupervise ? 'full' : 'agent';
  return null;
}

export function canSeeTicket(
  access: NumberAccess,
  userId: string,
  ticket: { numberId: string; state: TicketState; assigneeId: string | null },
): boolean {
  const level = access.get(ticket.numberId);
  if (!level) return false;
  if (level === 'full') return true;
  return ticket.assigneeId === userId || (ticket.state === 'waiting' && ticket.assigneeId === null);
}

/** Level of a group given its children (SPEC ORG-3): 1 for numbers, highest child level + 1 for groups. */
export function groupLevel(childLevels: readonly number[]): number {
  return childLevels.length === 0 ? 1 : Math.max(...childLevels) + 1;
}
