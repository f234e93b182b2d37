import { z } from 'zod';
import { noteBodySchema, noteSchema } from '../../../shared/api/notes';
import { addNote, listNotes } from '../../services/notes';
import { mutate } from '../mutate';
import { bearer, errorResponses, idParams, requireAuth, scopeOf, type RouteModule } from '../types';

export const noteRoutes: RouteModule = (app, ctx) => {
  const preHandler = requireAuth(ctx, 'service.desk');
  for (const kind of ['ticket', 'contact'] as const) {
    const url = `/api/v1/${kind}s/:id/notes`;
    const tags = ['notes'];
    app.get(url, {
      onRequest: preHandler,
      schema: { tags, security: bearer, params: idParams, response: { 200: z.object({ items: z.array(noteSchema) }), ...errorResponses }, summary: `Private notes on a ${kind}` },
    }, async (req) => ({ items: await listNotes(ctx, scopeOf(ctx, req), { kind, id: req.params.id }) }));
    app.post(url, {
      onRequest: preHandler,
      schema: { tags, security: bearer, params: idParams, body: noteBodySchema, response: { 201: noteSchema, ...errorResponses }, summary: `Add a private note (never sent to the customer) on a ${kind}` },
    }, (req, reply) => mutate(ctx, req, reply, `${kind}.note`, (uow, scope) => addNote(uow, scope, { kind, id: req.params.id }, req.body.text), 201));
  }
};
