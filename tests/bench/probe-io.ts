import { z } from 'zod';

/** What desktop-store.ts hands to each cold probe process (as one JSON argument), and what it prints back. */
export const probeInput = z.object({
  db: z.string(),
  scenario: z.enum(['first-page', 'conversation', 'search']),
  numberId: z.string(),
  ticketId: z.string(),
  word: z.string(),
});
export type ProbeInput = z.infer<typeof probeInput>;
export type Scenario = ProbeInput['scenario'];

/** Milliseconds: opening the store, creating the desk service over it, and the one desktop call. */
export const probeOutput = z.object({ openMs: z.number(), deskMs: z.number(), callMs: z.number(), rows: z.number(), detail: z.string() });
export type ProbeOutput = z.infer<typeof probeOutput>;
