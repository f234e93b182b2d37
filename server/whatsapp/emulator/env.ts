import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { EmulatorOptions } from './options';
import { seedInput } from './schemas';

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z
  .object({
    EMULATOR_PORT: z.coerce.number({ error: 'EMULATOR_PORT must be a port number' }).int().min(0).max(65535).default(3200),
    EMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
    /** Where media links point when the emulator sits behind another address. */
    EMULATOR_PUBLIC_URL: z.url({ error: 'EMULATOR_PUBLIC_URL must be a URL' }).optional(),
    META_APP_SECRET: z.string({ error: 'META_APP_SECRET is required: the app secret the backend uses to check X-Hub-Signature-256' }).min(1, 'META_APP_SECRET must not be empty'),
    WEBHOOK_VERIFY_TOKEN: z.string().min(1).optional(),
    WEBHOOK_URL: z.url({ error: 'WEBHOOK_URL must be the backend callback URL, e.g. http://127.0.0.1:3100/webhooks/whatsapp' }).default('http://127.0.0.1:3100/webhooks/whatsapp'),
    WHATSAPP_ACCESS_TOKEN: z.string().min(1).default('emulator-token'),
    EMULATOR_QUIET: flag.default(false),
    EMULATOR_VERIFY_WEBHOOK: flag.default(false),
    /** A JSON file with {numbers, templates, customers} applied at start (same shape as POST /_emulator/seed). */
    EMULATOR_SEED_FILE: z.string().min(1).optional(),
  })
  .refine((env) => !env.EMULATOR_VERIFY_WEBHOOK || env.WEBHOOK_VERIFY_TOKEN, {
    message: 'EMULATOR_VERIFY_WEBHOOK=1 needs WEBHOOK_VERIFY_TOKEN',
    path: ['WEBHOOK_VERIFY_TOKEN'],
  });

export type EmulatorEnv = z.infer<typeof envSchema>;

export class EnvError extends Error {}

/** Reads the emulator's settings from the environment; throws EnvError listing every problem. */
export function parseEnv(env: NodeJS.ProcessEnv): EmulatorEnv {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || 'environment'}: ${i.message}`);
    throw new EnvError(`Invalid emulator environment:\n${lines.join('\n')}`);
  }
  return result.data;
}

export function optionsFromEnv(env: EmulatorEnv, log: (line: string) => void): EmulatorOptions {
  let seed;
  if (env.EMULATOR_SEED_FILE) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(env.EMULATOR_SEED_FILE, 'utf8'));
    } catch (err) {
      throw new EnvError(`EMULATOR_SEED_FILE ${env.EMULATOR_SEED_FILE} could not be read as JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    const parsed = seedInput.safeParse(raw);
    if (!parsed.success) throw new EnvError(`EMULATOR_SEED_FILE ${env.EMULATOR_SEED_FILE} is not a valid seed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    seed = parsed.data;
  }
  return {
    appSecret: env.META_APP_SECRET,
    webhookUrl: env.WEBHOOK_URL,
    accessToken: env.WHATSAPP_ACCESS_TOKEN,
    port: env.EMULATOR_PORT,
    host: env.EMULATOR_HOST,
    quiet: env.EMULATOR_QUIET,
    verifyWebhook: env.EMULATOR_VERIFY_WEBHOOK,
    log,
    ...(env.WEBHOOK_VERIFY_TOKEN ? { verifyToken: env.WEBHOOK_VERIFY_TOKEN } : {}),
    ...(env.EMULATOR_PUBLIC_URL ? { publicUrl: env.EMULATOR_PUBLIC_URL } : {}),
    ...(seed ? { seed } : {}),
  };
}
