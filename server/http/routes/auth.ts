import { loginBodySchema, loginResponseSchema } from '../../../shared/api/auth';
import { okSchema } from '../../../shared/api/common';
import { login, revokeSession } from '../../services/auth';
import { actorOf, bearer, errorResponses, requireAuth, type RouteModule } from '../types';

export const authRoutes: RouteModule = (app, ctx) => {
  app.post('/api/v1/auth/login', {
    schema: { tags: ['auth'], summary: 'Sign in with e-mail and password', body: loginBodySchema, response: { 200: loginResponseSchema, ...errorResponses } },
  }, async (req) => login(ctx, req.body.email, req.body.password));

  app.post('/api/v1/auth/logout', {
    onRequest: requireAuth(ctx),
    schema: { tags: ['auth'], summary: 'End this session (its sockets close at once)', security: bearer, response: { 200: okSchema, ...errorResponses } },
  }, async (req) => {
    await revokeSession(ctx, actorOf(req).sessionId, 'signed_out');
    return { ok: true as const };
  });
};
