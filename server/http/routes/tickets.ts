import { pageOf } from '../../../shared/api/common';
import { closeBodySchema, clientIdBodySchema, readBodySchema, readMarkerSchema, ticketListQuerySchema, ticketSchema, transferBodySchema } from '../../../shared/api/tickets';
import { markRead } from '../../services/messages';
import { closeTicket, getTicket, reopenTicket, transferTicket } from '../../services/tickets';
import { listTickets } from '../../services/tickets-list';
import { hotRead, refuseInvalid } from '../hot-read';
import { mutate } from '../mutate';
import { bearer, bearerToken, errorResponses, idParams, requireAuth, scopeOf, type RouteModule } from '../types';

export const ticketRoutes: RouteModule = (app, ctx) => {
  const preHandler = requireAuth(ctx, 'service.desk');
  const tags = ['tickets'];
  const security = bearer;
  const params = idParams;

  app.get('/api/v1/tickets', {
    // The hot read: authentication, access and the list are one statement (services/tickets-list.ts).
    ...hotRead,
    schema: {
      tags, security, querystring: ticketListQuerySchema, response: { 200: pageOf(ticketSchema), ...errorResponses },
      summary: 'Tickets of one number the caller may see (without state: every waiting and open one), latest activity first',
    },
  }, async (req) => {
    await refuseInvalid(ctx, req, 'service.desk');
    return listTickets(ctx, bearerToken(req), req.query);
  });

  app.get('/api/v1/tickets/:id', {
    onRequest: preHandler, schema: { tags, security, params, response: { 200: ticketSchema, ...errorResponses }, summary: 'One ticket' },
  }, async (req) => getTicket(ctx, scopeOf(ctx, req), req.params.id));

  app.post('/api/v1/tickets/:id/transfer', {
    onRequest: preHandler,
    schema: { tags, security, params, body: transferBodySchema, response: { 200: ticketSchema, ...errorResponses }, summary: 'Transfer to an agent of the number or to one of its queues (the ticket keeps its id)' },
  }, (req, reply) => mutate(ctx, req, reply, 'ticket.transfer', (uow, scope) => transferTicket(uow, scope, req.params.id, req.body)));

  app.post('/api/v1/tickets/:id/close', {
    onRequest: preHandler,
    schema: { tags, security, params, body: closeBodySchema, response: { 200: ticketSchema, ...errorResponses }, summary: 'Close as attended, with tags defined for the number' },
  }, (req, reply) => mutate(ctx, req, reply, 'ticket.close', (uow, scope) => closeTicket(uow, scope, req.params.id, req.body.tags)));

  app.post('/api/v1/tickets/:id/reopen', {
    onRequest: preHandler,
    schema: { tags, security, params, body: clientIdBodySchema, response: { 200: ticketSchema, ...errorResponses }, summary: 'Reopen a closed ticket (assigned to the caller when they serve the number)' },
  }, (req, reply) => mutate(ctx, req, reply, 'ticket.reopen', (uow, scope) => reopenTicket(uow, scope, req.params.id)));

  app.post('/api/v1/tickets/:id/read', {
    onRequest: preHandler,
    schema: { tags, security, params, body: readBodySchema, response: { 200: readMarkerSchema, ...errorResponses }, summary: 'Mark the ticket read up to a message (the marker never moves back)' },
  }, (req, reply) => mutate(ctx, req, reply, 'ticket.read', (uow, scope) => markRead(uow, scope, req.params.id, req.body.upTo)));
};
