import { z } from 'zod';
import { quickReplyCategorySchema } from '../../../shared/api/notes';
import { syncHeadSchema, syncQuerySchema, syncResponseSchema } from '../../../shared/api/sync';
import { contactSchema } from '../../../shared/api/tickets';
import { eq } from 'drizzle-orm';
import { contacts } from '../../db/schema';
import { notFound } from '../../services/errors';
import { presentContact } from '../../services/presenters';
import { listQuickReplies } from '../../services/quick-replies';
import { headSeq, readChanges } from '../../services/sync';
import { actorOf, bearer, errorResponses, idParams, requireAuth, scopeOf, type RouteModule } from '../types';

export const syncRoutes: RouteModule = (app, ctx) => {
  const preHandler = requireAuth(ctx, 'service.desk');

  app.get('/api/v1/sync', {
    onRequest: preHandler,
    schema: {
      tags: ['sync'], security: bearer, querystring: syncQuerySchema, response: { 200: syncResponseSchema, ...errorResponses },
      summary: 'The caller\'s changes after a sequence, in commit order, paged; 410 resync_required when too old',
    },
  }, async (req) => readChanges(ctx, scopeOf(ctx, req), req.query.since, req.query.limit));

  app.get('/api/v1/sync/head', {
    onRequest: preHandler,
    schema: { tags: ['sync'], security: bearer, response: { 200: syncHeadSchema, ...errorResponses }, summary: 'The latest sequence: read it before loading a snapshot, then sync from it' },
  }, async (req) => ({ seq: await headSeq(ctx, actorOf(req).orgId) }));

  app.get('/api/v1/quick-replies', {
    onRequest: preHandler,
    schema: { tags: ['quick replies'], security: bearer, response: { 200: z.object({ items: z.array(quickReplyCategorySchema) }), ...errorResponses }, summary: 'Quick replies by category' },
  }, async (req) => ({ items: await listQuickReplies(ctx.db, actorOf(req).orgId) }));

  app.get('/api/v1/contacts/:id', {
    onRequest: preHandler,
    schema: { tags: ['contacts'], security: bearer, params: idParams, response: { 200: contactSchema, ...errorResponses }, summary: 'One contact of a number the caller serves or manages' },
  }, async (req) => {
    const [c] = await ctx.db.select().from(contacts).where(eq(contacts.id, req.params.id));
    if (!c || !(await scopeOf(ctx, req).numbers()).has(c.numberId)) throw notFound('The contact');
    return presentContact(c);
  });
};
