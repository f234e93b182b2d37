/** An agent who could take a ticket of a number now. */
export interface RoutingCandidate {
  userId: string;
  queueIds: ReadonlySet<string>;
  openTickets: number;
  lastAssignedAt: Date | null;
}

/**
 * Picks who gets a waiting ticket of `queueId`: an agent of that queue with room (fewer open
 * tickets than the number's maximum), least busy first, then longest idle (never assigned first),
 * then by id so the choice is deterministic.
 */
export function pickAgent(candidates: readonly RoutingCandidate[], queueId: string, maxPerAgent: number): RoutingCandidate | null {
  let best: RoutingCandidate | null = null;
  for (const c of candidates) {
    if (!c.queueIds.has(queueId) || c.openTickets >= maxPerAgent) continue;
    if (!best || compare(c, best) < 0) best = c;
  }
  return best;
}

function compare(a: RoutingCandidate, b: RoutingCandidate): number {
  if (a.openTickets !== b.openTickets) return a.openTickets - b.openTickets;
  const ai = a.lastAssignedAt?.getTime() ?? -Infinity;
  const bi = b.lastAssignedAt?.getTime() ?? -Infinity;
  if (ai !== bi) return ai - bi;
  return a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
}

/** Available = online and connected now, or disconnected for less than the grace period. */
export function isAvailable(agent: { status: string; connected: boolean; disconnectedAt: Date | null }, now: Date, graceMs: number): boolean {
  if (agent.status !== 'online') return false;
  if (agent.connected) return true;
  return agent.disconnectedAt !== null && now.getTime() - agent.disconnectedAt.getTime() < graceMs;
}
