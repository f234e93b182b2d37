import { eq } from 'drizzle-orm';
import type { AgentStatus } from '../../shared/api/common';
import { agentStatusHistory, users } from '../db/schema';
import type { Actor } from './context';
import { distributeForAgent } from './routing';
import type { UnitOfWork } from './unit-of-work';

/** Sets the agent's status (online / paused / invisible), keeps its history, and routes waiting tickets once online. */
export async function setAgentStatus(uow: UnitOfWork, actor: Actor, status: AgentStatus): Promise<{ status: AgentStatus }> {
  const [current] = await uow.tx.select({ status: users.status }).from(users).where(eq(users.id, actor.userId)).for('update');
  if (current?.status === status) return { status };
  const now = uow.ctx.clock.now();
  await uow.tx.update(users).set({ status, statusChangedAt: now }).where(eq(users.id, actor.userId));
  await uow.tx.insert(agentStatusHistory).values({ userId: actor.userId, status, at: now });
  uow.record({
    orgId: actor.orgId, ticketId: null, queueId: null, assigneeId: null, prevAssigneeId: null, userId: actor.userId,
    change: { entity: 'agent_status', op: 'upsert', id: actor.userId, numberId: null, at: now.toISOString(), data: { userId: actor.userId, status } },
  });
  if (status === 'online') uow.afterCommit.push(() => distributeForAgent(uow.ctx, actor.userId));
  return { status };
}
