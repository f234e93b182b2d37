import path from 'node:path';
import { z } from 'zod';

/** Development defaults so the demo runs out of the box; production must set real values. */
export const DEV_APP_SECRET = 'dev-app-secret-change-me';
export const DEV_VERIFY_TOKEN = 'dev-verify-token-change-me';

const port = z.coerce.number().int().min(0, "must be a port number (0 picks a free one)").max(65535);

const envSchema = z.object({
  PORT: port.default(3100),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// (leave it unset to use the embedded database)')
    .optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  PUBLIC_URL: z.url({ message: 'must be a full URL such as https://desk.example.com' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  ROUTING_GRACE_SECONDS: z.coerce.number().int().min(0).default(120),
  SWEEP_INTERVAL_SECONDS: z.coerce.number().positive().default(15),
  META_APP_SECRET: z.string().min(8, 'must be the app secret from the Meta app dashboard (8+ characters)').default(DEV_APP_SECRET),
  WEBHOOK_VERIFY_TOKEN: z.string().min(8, 'must be at least 8 characters').default(DEV_VERIFY_TOKEN),
  WHATSAPP_GRAPH_URL: z.url({ message: 'must be a full URL such as https://graph.facebook.com/v21.0' }).default('https://graph.facebook.com/v21.0'),
  WHATSAPP_ACCESS_TOKEN: z.string().min(1).optional(),
  UPDATES_DIR: z.string().min(1).optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  publicUrl: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  sessionTtlMs: number;
  routingGraceMs: number;
  sweepIntervalMs: number;
  metaAppSecret: string;
  webhookVerifyToken: string;
  graphUrl: string;
  /** Fallback token when a WABA has no stored credentials. */
  whatsappAccessToken: string | undefined;
  /** Desktop installers and their latest*.yml, served at /updates/ for the app's auto-update. */
  updatesDir: string;
};

export class ConfigError extends Error {}

/**
 * Reads and validates the environment; throws a ConfigError naming every bad variable.
 * A relative DATA_DIR is resolved against `baseDir` (default: the working directory).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, baseDir: string = process.cwd()): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}=${JSON.stringify(env[String(i.path[0])] ?? '')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nFix these environment variables and start again.`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(baseDir, e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    publicUrl: e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? 'localhost' : e.HOST}:${e.PORT}`,
    logLevel: e.LOG_LEVEL,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    routingGraceMs: e.ROUTING_GRACE_SECONDS * 1000,
    sweepIntervalMs: e.SWEEP_INTERVAL_SECONDS * 1000,
    metaAppSecret: e.META_APP_SECRET,
    webhookVerifyToken: e.WEBHOOK_VERIFY_TOKEN,
    graphUrl: e.WHATSAPP_GRAPH_URL.replace(/\/+$/, ''),
    whatsappAccessToken: e.WHATSAPP_ACCESS_TOKEN,
    updatesDir: e.UPDATES_DIR ? path.resolve(baseDir, e.UPDATES_DIR) : path.join(dataDir, 'updates'),
  };
}

/**
 * The directory the operator ran the command from. `npm run server` / `npm run admin` run the
 * workspace script with cwd = server/, but npm keeps the original directory in INIT_CWD, so both
 * find the same default `.data` folder at the repository root.
 */
export function launchDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD || process.cwd();
}
