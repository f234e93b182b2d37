import { contactTicketsResponseSchema, numberAgentsResponseSchema, tagsQuerySchema, tagsResponseSchema } from '../../../shared/api/lookups';
import { contactTickets, numberAgents, tagNames } from '../../services/desk-lookups';
import { bearer, errorResponses, idParams, requireAuth, scopeOf, type RouteModule } from '../types';

/** Look-ups the desk needs: transfer targets, tags for closing, the contact panel's history. */
export const deskLookupRoutes: RouteModule = (app, ctx) => {
  const onRequest = requireAuth(ctx, 'service.desk');
  const security = bearer;

  app.get('/api/v1/numbers/:id/agents', {
    onRequest,
    schema: {
      tags: ['numbers'], security, params: idParams, response: { 200: numberAgentsResponseSchema, ...errorResponses },
      summary: 'The active agents of a number (transfer targets), with their status and whether routing would reach them now',
    },
  }, async (req) => ({ items: await numberAgents(ctx, scopeOf(ctx, req), req.params.id) }));

  app.get('/api/v1/tags', {
    onRequest,
    schema: {
      tags: ['tickets'], security, querystring: tagsQuerySchema, response: { 200: tagsResponseSchema, ...errorResponses },
      summary: 'Tag names of the numbers the caller may access (with numberId: that number\'s, the ones its tickets may be closed with)',
    },
  }, async (req) => ({ items: await tagNames(ctx, scopeOf(ctx, req), req.query.numberId) }));

  app.get('/api/v1/contacts/:id/tickets', {
    onRequest,
    schema: {
      tags: ['contacts'], security, params: idParams, response: { 200: contactTicketsResponseSchema, ...errorResponses },
      summary: 'The contact\'s tickets the caller may see, latest first (at most 100)',
    },
  }, async (req) => ({ items: await contactTickets(ctx, scopeOf(ctx, req), req.params.id) }));
};
