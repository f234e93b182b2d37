import { and, eq, lt, sql } from 'drizzle-orm';
import { rows } from '../db/client';
import { nodes, presence } from '../db/schema';
import type { ServiceContext } from './context';
import { distributeForAgent } from './routing';

/** A node that has not beaten for this long is dead: its sockets no longer count. */
export const NODE_DEAD_AFTER_MS = 30_000;

export async function heartbeat(ctx: ServiceContext): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.insert(nodes).values({ id: ctx.nodeId, heartbeatAt: now }).onConflictDoUpdate({ target: nodes.id, set: { heartbeatAt: now } });
}

/** A socket of the user opened on this node; they may now receive waiting tickets. */
export async function socketConnected(ctx: ServiceContext, userId: string): Promise<void> {
  await ctx.db
    .insert(presence)
    .values({ nodeId: ctx.nodeId, userId, sockets: 1 })
    .onConflictDoUpdate({ target: [presence.nodeId, presence.userId], set: { sockets: sql`${presence.sockets} + 1` } });
  await ctx.db.execute(sql`update users set disconnected_at = null where id = ${userId}`);
  await distributeForAgent(ctx, userId);
}

/** A socket closed; when it was the user's last one anywhere, the grace period starts. */
export async function socketDisconnected(ctx: ServiceContext, userId: string): Promise<void> {
  await ctx.db.update(presence).set({ sockets: sql`greatest(${presence.sockets} - 1, 0)` }).where(and(eq(presence.nodeId, ctx.nodeId), eq(presence.userId, userId)));
  await ctx.db.execute(sql`
    update users set disconnected_at = ${ctx.clock.now().toISOString()}::timestamptz
    where id = ${userId} and not exists (select 1 from presence where user_id = ${userId} and sockets > 0)`);
}

/** Forgets the sockets of nodes that stopped beating (crashed): their users start the grace period then. */
export async function reapDeadNodes(ctx: ServiceContext): Promise<void> {
  const cutoff = new Date(ctx.clock.now().getTime() - NODE_DEAD_AFTER_MS);
  const dead = await ctx.db.delete(nodes).where(and(lt(nodes.heartbeatAt, cutoff), sql`${nodes.id} <> ${ctx.nodeId}`)).returning();
  for (const node of dead) {
    const gone = await rows<{ user_id: string }>(ctx.db, sql`delete from presence where node_id = ${node.id} returning user_id`);
    for (const g of gone) {
      await ctx.db.execute(sql`
        update users set disconnected_at = ${node.heartbeatAt.toISOString()}::timestamptz
        where id = ${g.user_id} and not exists (select 1 from presence where user_id = ${g.user_id} and sockets > 0)`);
    }
  }
}

/** On shutdown: this node's sockets are gone. */
export async function leaveCluster(ctx: ServiceContext): Promise<void> {
  const gone = await rows<{ user_id: string }>(ctx.db, sql`delete from presence where node_id = ${ctx.nodeId} returning user_id`);
  for (const g of gone) {
    await ctx.db.execute(sql`
      update users set disconnected_at = ${ctx.clock.now().toISOString()}::timestamptz
      where id = ${g.user_id} and not exists (select 1 from presence where user_id = ${g.user_id} and sockets > 0)`);
  }
  await ctx.db.delete(nodes).where(eq(nodes.id, ctx.nodeId));
}
