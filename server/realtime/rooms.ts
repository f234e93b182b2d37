import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { queueAgents, queues } from '../db/schema';
import { numberAccessOf } from '../services/access';

/**
 * Room names. Supervisors/managers of a number, its agents, one agent within a number (their
 * assigned tickets), one queue's agents, one user, one session, one organisation.
 */
export const rooms = {
  supervisors: (numberId: string) => `number:${numberId}:sup`,
  agents: (numberId: string) => `number:${numberId}:agents`,
  // An access room, not the user room: it is left as soon as the agent loses the number, even
  // while tickets of that number are still assigned to them.
  assignee: (numberId: string, userId: string) => `number:${numberId}:agent:${userId}`,
  queue: (queueId: string) => `queue:${queueId}`,
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  org: (orgId: string) => `org:${orgId}`,
};

export const isAccessRoom = (room: string) => room.startsWith('number:') || room.startsWith('queue:');

/** The number and queue rooms a user's sockets belong in, from their current access. */
export async function accessRoomsOf(db: Db, userId: string, canSupervise: boolean): Promise<string[]> {
  const access = await numberAccessOf(db, userId, canSupervise);
  const result: string[] = [];
  const agentNumbers: string[] = [];
  for (const [numberId, level] of access) {
    if (level === 'full') result.push(rooms.supervisors(numberId));
    else {
      result.push(rooms.agents(numberId), rooms.assignee(numberId, userId));
      agentNumbers.push(numberId);
    }
  }
  if (agentNumbers.length > 0) {
    const member = await db
      .select({ id: queues.id })
      .from(queueAgents)
      .innerJoin(queues, eq(queues.id, queueAgents.queueId))
      .where(and(eq(queueAgents.userId, userId), inArray(queues.numberId, agentNumbers)));
    for (const q of member) result.push(rooms.queue(q.id));
  }
  return result;
}
