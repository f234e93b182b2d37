import { z } from 'zod';
import { numberSchema } from '../../../shared/api/auth';
import { messageSchema } from '../../../shared/api/messages';
import { activeMessageBodySchema, templateInfoSchema } from '../../../shared/api/templates';
import { ticketSchema } from '../../../shared/api/tickets';
import { sendActiveMessage } from '../../services/active-messages';
import { numbersOf } from '../../services/me';
import { approvedTemplates } from '../../services/templates';
import { mutate } from '../mutate';
import { bearer, errorResponses, idParams, requireAuth, scopeOf, type RouteModule } from '../types';

export const numberRoutes: RouteModule = (app, ctx) => {
  const preHandler = requireAuth(ctx);
  app.get('/api/v1/numbers', {
    onRequest: preHandler,
    schema: { tags: ['numbers'], security: bearer, response: { 200: z.object({ items: z.array(numberSchema) }), ...errorResponses }, summary: 'The numbers the caller serves or manages, with their access level and queues' },
  }, async (req) => ({ items: await numbersOf(ctx.db, scopeOf(ctx, req)) }));

  const desk = requireAuth(ctx, 'service.desk');
  app.get('/api/v1/numbers/:id/templates', {
    onRequest: desk,
    schema: { tags: ['numbers'], security: bearer, params: idParams, response: { 200: z.object({ items: z.array(templateInfoSchema) }), ...errorResponses }, summary: 'Approved templates of the number\'s WABA, with the variables each takes' },
  }, async (req) => ({ items: await approvedTemplates(ctx, scopeOf(ctx, req), req.params.id) }));

  app.post('/api/v1/numbers/:id/active-messages', {
    onRequest: desk,
    schema: {
      tags: ['numbers'], security: bearer, params: idParams, body: activeMessageBodySchema,
      response: { 201: z.object({ ticket: ticketSchema, message: messageSchema }), ...errorResponses },
      summary: 'Start or restart a conversation with an approved template (opens or reuses the customer\'s ticket)',
    },
  }, (req, reply) => mutate(ctx, req, reply, 'number.active-message', (uow, scope) => sendActiveMessage(uow, scope, req.params.id, req.body), 201));
};
