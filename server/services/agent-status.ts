import { eq } from 'drizzle-orm';
import type { AgentStatus } from '../../shared/api/common';
import { agentStatusHistory, users } from '../db/schema';
import type { Actor, ServiceContext } from './context';
import { distributeForAgent } from './routing';
import { inTransaction } from './unit-of-work';

/** Sets the agent's status (online / paused / invisible), keeps its history, and routes waiting tickets. */
export async function setAgentStatus(ctx: ServiceContext, actor: Actor, status: AgentStatus): Promise<{ status: AgentStatus }> {
  const changed = await inTransaction(ctx, async (uow) => {
    const [current] = await uow.tx.select({ status: users.status }).from(users).where(eq(users.id, actor.userId)).for('update');
    if (current?.status === status) return false;
    const now = ctx.clock.now();
    await uow.tx.update(users).set({ status, statusChangedAt: now }).where(eq(users.id, actor.userId));
    await uow.tx.insert(agentStatusHistory).values({ userId: actor.userId, status, at: now });
    uow.record({
      orgId: actor.orgId, ticketId: null, queueId: null, assigneeId: null, prevAssigneeId: null, userId: actor.userId,
      change: { entity: 'agent_status', op: 'upsert', id: actor.userId, numberId: null, at: now.toISOString(), data: { userId: actor.userId, status } },
    });
    return true;
  });
  if (changed && status === 'online') await distributeForAgent(ctx, actor.userId);
  return { status };
}
