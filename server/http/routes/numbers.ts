import { z } from 'zod';
import { numberSchema } from '../../../shared/api/auth';
import { numbersOf } from '../../services/me';
import { bearer, errorResponses, requireAuth, scopeOf, type RouteModule } from '../types';

export const numberRoutes: RouteModule = (app, ctx) => {
  app.get('/api/v1/numbers', {
    preHandler: requireAuth(ctx),
    schema: { tags: ['numbers'], security: bearer, response: { 200: z.object({ items: z.array(numberSchema) }), ...errorResponses }, summary: 'The numbers the caller serves or manages, with their access level and queues' },
  }, async (req) => ({ items: await numbersOf(ctx.db, scopeOf(ctx, req)) }));
};
