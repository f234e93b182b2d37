import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { RouteModule } from '../types';

export const healthRoutes: RouteModule = (app, ctx) => {
  app.get('/healthz', {
    schema: { hide: true, response: { 200: z.object({ status: z.literal('ok'), node: z.string() }), 503: z.object({ status: z.literal('unavailable'), node: z.string() }) } },
  }, async (_req, reply) => {
    try {
      await ctx.db.execute(sql`select 1`);
      return { status: 'ok' as const, node: ctx.nodeId };
    } catch {
      return reply.status(503).send({ status: 'unavailable' as const, node: ctx.nodeId });
    }
  });
};
