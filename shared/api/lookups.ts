import { z } from 'zod';
import { agentStatusSchema, idSchema } from './common';
import { ticketSchema } from './tickets';

/**
 * Read-only look-ups the desk needs beside the ticket lists: who a ticket can go to, which tags
 * exist, and a contact's earlier tickets.
 */

/** An agent of a number, as the transfer dialog shows them. */
export const numberAgentSchema = z.object({
  id: idSchema,
  name: z.string(),
  status: agentStatusSchema,
  /** Routing would give them a ticket now: status online and connected (or within the grace period). */
  online: z.boolean(),
});
export type NumberAgent = z.infer<typeof numberAgentSchema>;
export const numberAgentsResponseSchema = z.object({ items: z.array(numberAgentSchema) });

export const tagsQuerySchema = z.object({
  /** Only the tags of this number (the ones a ticket of it may be closed with). */
  numberId: idSchema.optional(),
});
export const tagSchema = z.object({ name: z.string() });
export const tagsResponseSchema = z.object({ items: z.array(tagSchema) });

export const contactTicketsResponseSchema = z.object({ items: z.array(ticketSchema) });
