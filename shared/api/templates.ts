import { z } from 'zod';
import { clientIdSchema, idSchema } from './common';

/** An approved template as the desk shows it: its texts and which variables it needs. */
export const templateInfoSchema = z.object({
  name: z.string(),
  language: z.string(),
  category: z.string(),
  status: z.string(),
  header: z.object({ format: z.string(), text: z.string().nullable(), variables: z.number().int() }).nullable(),
  body: z.object({ text: z.string(), variables: z.number().int() }),
  footer: z.string().nullable(),
  buttons: z.array(z.object({ type: z.string(), text: z.string(), url: z.string().nullable(), variables: z.number().int() })),
});
export type TemplateInfo = z.infer<typeof templateInfoSchema>;

export const templateVariablesSchema = z.object({
  template: z.string().min(1).max(512),
  language: z.string().min(2).max(15),
  /** Body variables {{1}}, {{2}}… in order. */
  variables: z.array(z.string().max(1024)).max(60).default([]),
  headerVariables: z.array(z.string().max(60)).max(1).default([]),
  /** One value per button that takes a variable (URL suffix), in button order. */
  buttonVariables: z.array(z.string().max(2000)).max(10).default([]),
});

export const activeMessageBodySchema = templateVariablesSchema.extend({
  clientId: clientIdSchema,
  /** The customer's phone in international format, e.g. +5511999990000. */
  to: z.string().trim().regex(/^\+?[1-9]\d{7,14}$/, 'Enter the phone in international format, e.g. +5511999990000'),
});
export type ActiveMessageBody = z.infer<typeof activeMessageBodySchema>;

export const mediaInfoSchema = z.object({
  id: idSchema,
  mimeType: z.string().nullable(),
  filename: z.string().nullable(),
  size: z.number().int().nullable(),
  sha256: z.string().nullable(),
  status: z.enum(['pending', 'ready', 'failed']),
});
export const mediaUrlSchema = z.object({ url: z.string(), expiresAt: z.string() });
