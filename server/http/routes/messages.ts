import { z } from 'zod';
import { messageListQuerySchema, messageSchema, sendMessageBodySchema } from '../../../shared/api/messages';
import { sendMessage } from '../../services/messages';
import { listMessages } from '../../services/messages-list';
import { hotRead, refuseInvalid } from '../hot-read';
import { mutate } from '../mutate';
import { bearer, bearerToken, errorResponses, idParams, requireAuth, type RouteModule } from '../types';

export const messageRoutes: RouteModule = (app, ctx) => {
  const preHandler = requireAuth(ctx, 'service.desk');
  const tags = ['messages'];

  app.get('/api/v1/tickets/:id/messages', {
    // The hot read: authentication, access and the page are one statement (services/messages-list.ts).
    ...hotRead,
    schema: {
      tags, security: bearer, params: idParams, querystring: messageListQuerySchema,
      response: { 200: z.object({ items: z.array(messageSchema), hasMore: z.boolean() }), ...errorResponses },
      summary: 'The latest messages of a ticket (before a message id), in server order',
    },
  }, async (req) => {
    await refuseInvalid(ctx, req, 'service.desk');
    return listMessages(ctx, bearerToken(req), req.params.id, req.query);
  });

  app.post('/api/v1/tickets/:id/messages', {
    onRequest: preHandler,
    schema: {
      tags, security: bearer, params: idParams, body: sendMessageBodySchema, response: { 201: messageSchema, ...errorResponses },
      summary: 'Send a message: committed as queued and answered at once; refused with window_closed outside the 24-hour window',
    },
  }, (req, reply) => mutate(ctx, req, reply, 'message.send', (uow, scope) => sendMessage(uow, scope, req.params.id, req.body), 201));
};
