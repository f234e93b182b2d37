import { describe, expect, it } from 'vitest';
import { isAvailable, pickAgent, type RoutingCandidate } from './routing';

const Q = 'queue-default';
const OTHER = 'queue-other';

function agent(userId: string, openTickets: number, lastAssignedAt: string | null, queues: string[] = [Q]): RoutingCandidate {
  return { userId, queueIds: new Set(queues), openTickets, lastAssignedAt: lastAssignedAt === null ? null : new Date(lastAssignedAt) };
}

describe('pickAgent', () => {
  it('gives the ticket to the least busy agent', () => {
    const picked = pickAgent([agent('a', 2, null), agent('b', 0, '2026-03-02T12:00:00Z'), agent('c', 1, null)], Q, 5);
    expect(picked?.userId).toBe('b');
  });

  it('breaks a tie on load by the longest idle agent', () => {
    const picked = pickAgent([agent('a', 1, '2026-03-02T12:05:00Z'), agent('b', 1, '2026-03-02T12:01:00Z'), agent('c', 1, '2026-03-02T12:03:00Z')], Q, 5);
    expect(picked?.userId).toBe('b');
  });

  it('prefers an agent who was never given a ticket over one who was', () => {
    const picked = pickAgent([agent('a', 0, '2020-01-01T00:00:00Z'), agent('b', 0, null)], Q, 5);
    expect(picked?.userId).toBe('b');
  });

  it('is deterministic when everything else ties', () => {
    const list = [agent('b', 0, null), agent('a', 0, null)];
    expect(pickAgent(list, Q, 5)?.userId).toBe('a');
    expect(pickAgent([...list].reverse(), Q, 5)?.userId).toBe('a');
  });

  it('skips agents at the number\'s maximum of simultaneous tickets', () => {
    const picked = pickAgent([agent('a', 3, null), agent('b', 2, '2026-03-02T12:00:00Z')], Q, 3);
    expect(picked?.userId).toBe('b');
    expect(pickAgent([agent('a', 3, null), agent('b', 4, null)], Q, 3)).toBeNull();
  });

  it('only considers agents of the ticket\'s queue', () => {
    const list = [agent('a', 0, null, [OTHER]), agent('b', 4, null, [Q, OTHER])];
    expect(pickAgent(list, Q, 5)?.userId).toBe('b');
    expect(pickAgent([agent('a', 0, null, [OTHER])], Q, 5)).toBeNull();
  });

  it('answers null when nobody is available', () => {
    expect(pickAgent([], Q, 5)).toBeNull();
  });
});

describe('isAvailable', () => {
  const now = new Date('2026-03-02T12:00:00Z');
  const grace = 120_000;
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it('counts an online agent with a live socket', () => {
    expect(isAvailable({ status: 'online', connected: true, disconnectedAt: null }, now, grace)).toBe(true);
  });

  it('never counts paused or invisible agents, even when connected', () => {
    expect(isAvailable({ status: 'paused', connected: true, disconnectedAt: null }, now, grace)).toBe(false);
    expect(isAvailable({ status: 'invisible', connected: true, disconnectedAt: null }, now, grace)).toBe(false);
  });

  it('does not count an online agent who never connected', () => {
    expect(isAvailable({ status: 'online', connected: false, disconnectedAt: null }, now, grace)).toBe(false);
  });

  it('keeps a disconnected agent available during the grace period only', () => {
    expect(isAvailable({ status: 'online', connected: false, disconnectedAt: ago(119_999) }, now, grace)).toBe(true);
    expect(isAvailable({ status: 'online', connected: false, disconnectedAt: ago(120_000) }, now, grace)).toBe(false);
    expect(isAvailable({ status: 'online', connected: false, disconnectedAt: ago(600_000) }, now, grace)).toBe(false);
  });

  it('a paused agent gets no grace', () => {
    expect(isAvailable({ status: 'paused', connected: false, disconnectedAt: ago(1_000) }, now, grace)).toBe(false);
  });
});
