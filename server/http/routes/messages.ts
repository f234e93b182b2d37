import { z } from 'zod';
import { messageListQuerySchema, messageSchema, sendMessageBodySchema } from '../../../shared/api/messages';
import { listMessages, sendMessage } from '../../services/messages';
import { mutate } from '../mutate';
import { bearer, errorResponses, idParams, requireAuth, scopeOf, type RouteModule } from '../types';

export const messageRoutes: RouteModule = (app, ctx) => {
  const preHandler = requireAuth(ctx, 'service.desk');
  const tags = ['messages'];

  app.get('/api/v1/tickets/:id/messages', {
    onRequest: preHandler,
    schema: {
      tags, security: bearer, params: idParams, querystring: messageListQuerySchema,
      response: { 200: z.object({ items: z.array(messageSchema), hasMore: z.boolean() }), ...errorResponses },
      summary: 'The latest messages of a ticket (before a message id), in server order',
    },
  }, async (req) => listMessages(ctx, scopeOf(ctx, req), req.params.id, req.query));

  app.post('/api/v1/tickets/:id/messages', {
    onRequest: preHandler,
    schema: {
      tags, security: bearer, params: idParams, body: sendMessageBodySchema, response: { 201: messageSchema, ...errorResponses },
      summary: 'Send a message: committed as queued and answered at once; refused with window_closed outside the 24-hour window',
    },
  }, (req, reply) => mutate(ctx, req, reply, 'message.send', (uow, scope) => sendMessage(uow, scope, req.params.id, req.body), 201));
};
