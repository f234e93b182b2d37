import type { SeedInput, STATUS_FLOWS } from './schemas';

export type StatusFlow = (typeof STATUS_FLOWS)[number];

export interface StatusDelays {
  /** From acceptance to the `sent` (or `failed`) webhook. */
  sentMs: number;
  /** From `sent` being delivered to the `delivered` webhook. */
  deliveredMs: number;
  /** From `delivered` to `read` (when the customer reads). */
  readMs: number;
}

export interface RetryPolicy {
  /** First retry after baseMs, doubling each time up to maxDelayMs. */
  baseMs: number;
  maxDelayMs: number;
  /** Attempts in total, first one included; then the delivery is given up (`failed`). */
  maxAttempts: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
}

export interface PairRate {
  enabled: boolean;
  burst: number;
  intervalMs: number;
}

export interface PersonaOptions {
  /** Gap between new simulated conversations (random in [min, max]). */
  newConversationMs?: [number, number];
  /** A customer's "typing" time before each reply (random in [min, max]). */
  replyMs?: [number, number];
  /** At most this many persona conversations per number at once. */
  maxPerNumber?: number;
  /** Random source in [0, 1); pass a seeded one for deterministic tests. */
  random?: () => number;
}

export interface EmulatorOptions {
  /** META_APP_SECRET: signs webhooks. */
  appSecret: string;
  /** Where webhooks go (the backend's callback). */
  webhookUrl: string;
  /** WEBHOOK_VERIFY_TOKEN for the GET challenge. */
  verifyToken?: string;
  /** The Bearer token the Graph API accepts (default "emulator-token"). */
  accessToken?: string;
  /** Default 0 (any free port). */
  port?: number;
  host?: string;
  /** Base URL used in media download links (default the listening URL). */
  publicUrl?: string;
  /** No simulated customers (default true; `npm run emulator` turns them on unless EMULATOR_QUIET=1). */
  quiet?: boolean;
  statusDelays?: Partial<StatusDelays>;
  statusFlow?: StatusFlow;
  /** Customers read what they receive (default true). */
  autoRead?: boolean;
  retry?: Partial<RetryPolicy>;
  /** Webhook requests in flight at once (default 4). */
  webhookConcurrency?: number;
  pairRate?: Partial<PairRate>;
  /** Messages per second for STANDARD numbers (default 80). */
  defaultMps?: number;
  /** The code request_code "sends" (default "123456"). */
  verificationCode?: string;
  /** Check the GET challenge before the first delivery (and after each failure to). */
  verifyWebhook?: boolean;
  /** Lifetime of media download URLs (default 5 minutes, on the emulator clock). */
  mediaUrlTtlMs?: number;
  seed?: SeedInput;
  personas?: PersonaOptions;
  /** One line per notable event (deliveries given up, personas); silent by default. */
  log?: (line: string) => void;
}

export interface EmulatorConfig {
  appSecret: string;
  webhookUrl: string;
  verifyToken: string | undefined;
  accessToken: string;
  expiredTokens: Map<string, Date>;
  statusDelays: StatusDelays;
  statusFlow: StatusFlow;
  autoRead: boolean;
  retry: RetryPolicy;
  webhookConcurrency: number;
  pairRate: PairRate;
  defaultMps: number;
  verificationCode: string;
  verifyWebhook: boolean;
  mediaUrlTtlMs: number;
}

export function resolveConfig(o: EmulatorOptions): EmulatorConfig {
  return {
    appSecret: o.appSecret,
    webhookUrl: o.webhookUrl,
    verifyToken: o.verifyToken,
    accessToken: o.accessToken ?? 'emulator-token',
    expiredTokens: new Map(),
    statusDelays: { sentMs: 300, deliveredMs: 700, readMs: 2000, ...o.statusDelays },
    statusFlow: o.statusFlow ?? 'normal',
    autoRead: o.autoRead ?? true,
    retry: { baseMs: 1000, maxDelayMs: 60_000, maxAttempts: 10, timeoutMs: 10_000, ...o.retry },
    webhookConcurrency: o.webhookConcurrency ?? 4,
    // Meta: one message per 6 s to a user, bursts of up to 45 borrowed against the future.
    pairRate: { enabled: true, burst: 45, intervalMs: 6000, ...o.pairRate },
    defaultMps: o.defaultMps ?? 80,
    verificationCode: o.verificationCode ?? '123456',
    verifyWebhook: o.verifyWebhook ?? false,
    mediaUrlTtlMs: o.mediaUrlTtlMs ?? 5 * 60_000,
  };
}
