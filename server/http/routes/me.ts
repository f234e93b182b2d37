import { z } from 'zod';
import { meResponseSchema, statusBodySchema } from '../../../shared/api/auth';
import { agentStatusSchema } from '../../../shared/api/common';
import { setAgentStatus } from '../../services/agent-status';
import { me } from '../../services/me';
import { mutate } from '../mutate';
import { actorOf, bearer, errorResponses, requireAuth, scopeOf, type RouteModule } from '../types';

export const meRoutes: RouteModule = (app, ctx) => {
  app.get('/api/v1/me', {
    onRequest: requireAuth(ctx),
    schema: { tags: ['me'], summary: 'The caller: user, profile permissions, numbers, organisation time zone', security: bearer, response: { 200: meResponseSchema, ...errorResponses } },
  }, async (req) => me(ctx.db, scopeOf(ctx, req)));

  app.put('/api/v1/me/status', {
    onRequest: requireAuth(ctx),
    schema: {
      tags: ['me'], summary: 'Set the agent status (tickets are routed only to online agents)', security: bearer,
      body: statusBodySchema, response: { 200: z.object({ status: agentStatusSchema }), ...errorResponses },
    },
  }, (req, reply) => mutate(ctx, req, reply, 'me.status', (uow) => setAgentStatus(uow, actorOf(req), req.body.status)));
};
