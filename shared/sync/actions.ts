import { z } from 'zod';
import { agentStatusSchema, idSchema } from '../api/common';
import { messageSchema } from '../api/messages';
import { noteSchema } from '../api/notes';
import { readMarkerSchema, ticketSchema } from '../api/tickets';

/**
 * What the agent did, as stored in the outbox (parsed again when read back, like a job's data).
 * Each one maps to exactly one idempotent REST request.
 */
export const outboxActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('send_text'), ticketId: idSchema, text: z.string().min(1).max(4096), replyTo: idSchema.optional() }),
  z.object({
    type: z.literal('send_media'),
    ticketId: idSchema,
    mediaId: idSchema,
    caption: z.string().max(1024).optional(),
    replyTo: idSchema.optional(),
    /** Only for the optimistic row (the server knows the file). */
    mimeType: z.string().optional(),
    filename: z.string().optional(),
  }),
  z.object({ type: z.literal('add_note'), target: z.discriminatedUnion('kind', [z.object({ kind: z.literal('ticket'), id: idSchema }), z.object({ kind: z.literal('contact'), id: idSchema })]), text: z.string().min(1).max(10000) }),
  z.object({ type: z.literal('close'), ticketId: idSchema, tags: z.array(z.string()).max(20) }),
  z.object({ type: z.literal('reopen'), ticketId: idSchema }),
  z.object({ type: z.literal('transfer'), ticketId: idSchema, to: z.union([z.object({ userId: idSchema }), z.object({ queueId: idSchema })]) }),
  z.object({ type: z.literal('mark_read'), ticketId: idSchema, upTo: idSchema }),
  z.object({ type: z.literal('set_status'), status: agentStatusSchema }),
]);
export type OutboxAction = z.infer<typeof outboxActionSchema>;
export type ActionType = OutboxAction['type'];

export interface ActionRequest {
  method: 'POST' | 'PUT';
  path: string;
  body: Record<string, unknown>;
  /** The answer's shape; anything else is not used to reconcile (the change feed still brings it). */
  answer: z.ZodType;
}

const statusAnswer = z.object({ status: agentStatusSchema });

/** The request for an action. The body is the same on every attempt, as idempotency requires. */
export function requestFor(action: OutboxAction, clientId: string): ActionRequest {
  const ticket = (id: string, what: string) => `/api/v1/tickets/${encodeURIComponent(id)}/${what}`;
  switch (action.type) {
    case 'send_text':
      return { method: 'POST', path: ticket(action.ticketId, 'messages'), body: { clientId, type: 'text', text: action.text, ...(action.replyTo ? { replyTo: action.replyTo } : {}) }, answer: messageSchema };
    case 'send_media':
      return {
        method: 'POST', path: ticket(action.ticketId, 'messages'), answer: messageSchema,
        body: { clientId, type: 'media', mediaId: action.mediaId, ...(action.caption ? { caption: action.caption } : {}), ...(action.replyTo ? { replyTo: action.replyTo } : {}) },
      };
    case 'add_note':
      return { method: 'POST', path: `/api/v1/${action.target.kind}s/${encodeURIComponent(action.target.id)}/notes`, body: { clientId, text: action.text }, answer: noteSchema };
    case 'close':
      return { method: 'POST', path: ticket(action.ticketId, 'close'), body: { clientId, tags: action.tags }, answer: ticketSchema };
    case 'reopen':
      return { method: 'POST', path: ticket(action.ticketId, 'reopen'), body: { clientId }, answer: ticketSchema };
    case 'transfer':
      return { method: 'POST', path: ticket(action.ticketId, 'transfer'), body: { clientId, ...('userId' in action.to ? { toUserId: action.to.userId } : { toQueueId: action.to.queueId }) }, answer: ticketSchema };
    case 'mark_read':
      return { method: 'POST', path: ticket(action.ticketId, 'read'), body: { clientId, upTo: action.upTo }, answer: readMarkerSchema };
    case 'set_status':
      return { method: 'PUT', path: '/api/v1/me/status', body: { clientId, status: action.status }, answer: statusAnswer };
  }
}

/** Items of one lane are sent one at a time, in order. */
export function laneOf(action: OutboxAction): string {
  switch (action.type) {
    case 'set_status':
      return 'me';
    case 'add_note':
      return `${action.target.kind}:${action.target.id}`;
    default:
      return `ticket:${action.ticketId}`;
  }
}

/** The ticket an action concerns, if any. */
export function ticketOfAction(action: OutboxAction): string | null {
  if (action.type === 'set_status') return null;
  if (action.type === 'add_note') return action.target.kind === 'ticket' ? action.target.id : null;
  return action.ticketId;
}
