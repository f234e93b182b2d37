import { z } from 'zod';
import { permissions } from '../permissions';
import { agentStatusSchema, clientIdSchema, idSchema } from './common';

export const loginBodySchema = z.object({
  email: z.email({ message: 'Enter a valid e-mail address' }).max(254),
  password: z.string().min(1, 'Enter your password').max(256),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  status: agentStatusSchema,
  profileId: idSchema,
});
export type User = z.infer<typeof userSchema>;

export const loginResponseSchema = z.object({ token: z.string(), expiresAt: z.string(), user: userSchema });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const accessLevelSchema = z.enum(['agent', 'full']);
export type AccessLevel = z.infer<typeof accessLevelSchema>;

export const numberSchema = z.object({
  id: idSchema,
  wabaId: z.string(),
  phoneNumberId: z.string(),
  displayPhone: z.string(),
  identification: z.string(),
  ownerId: idSchema.nullable(),
  quality: z.enum(['GREEN', 'YELLOW', 'RED', 'UNKNOWN']),
  /** What the caller may see: `agent` = the queue and their own tickets, `full` = every ticket. */
  access: accessLevelSchema,
  queues: z.array(z.object({ id: idSchema, name: z.string(), isDefault: z.boolean() })),
});
export type NumberInfo = z.infer<typeof numberSchema>;

export const meResponseSchema = z.object({
  user: userSchema,
  organization: z.object({ id: idSchema, name: z.string(), timeZone: z.string() }),
  profile: z.object({ id: idSchema, name: z.string(), key: z.string().nullable(), permissions: z.array(z.enum(permissions)) }),
  numbers: z.array(numberSchema),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const statusBodySchema = z.object({ status: agentStatusSchema, clientId: clientIdSchema });
