import { randomInt } from 'node:crypto';
import type { EmulatorClock } from './clock';
import type { EmulatorConfig } from './options';
import { metaJson } from './serialize';
import { signatureSha1, signatureSha256 } from './signature';
import type { WebhookField } from './wire';

export type DeliveryKind = 'message' | 'status' | 'template_status' | 'quality' | 'error';
export type DeliveryState = 'queued' | 'in_flight' | 'retrying' | 'delivered' | 'failed';

export interface DeliveryAttempt {
  at: string;
  status?: number;
  error?: string;
  durationMs: number;
}

export interface Delivery {
  id: number;
  kind: DeliveryKind;
  field: WebhookField;
  createdAt: string;
  /** The exact bytes sent (ASCII JSON) and their signature. */
  body: string;
  signature: string;
  state: DeliveryState;
  attempts: DeliveryAttempt[];
  nextAttemptAt?: string;
  /** For messages and statuses: the wamid concerned. */
  wamid?: string;
  /** For statuses: sent, delivered, read or failed. */
  status?: string;
  /** Resolves once delivered or given up. */
  settled: Promise<void>;
}

export type DeliveryView = Omit<Delivery, 'settled' | 'body'> & { body: string; payload: unknown };

export interface DeliveryFilter {
  kind?: DeliveryKind;
  state?: DeliveryState;
  wamid?: string;
  afterId?: number;
  limit?: number;
}

export interface VerifyResult {
  ok: boolean;
  status?: number;
  body?: string;
  challenge?: string;
  reason?: string;
}

const MAX_KEPT = 5000;

/** Signs, sends and retries webhook deliveries with exponential backoff. */
export class WebhookDispatcher {
  private seq = 0;
  private readonly deliveries: Delivery[] = [];
  private readonly ready: Delivery[] = [];
  private readonly resolvers = new Map<number, () => void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private verified = false;
  private abort = new AbortController();

  constructor(
    private readonly config: EmulatorConfig,
    private readonly clock: EmulatorClock,
    private readonly log: (line: string) => void,
  ) {}

  enqueue(payload: unknown, meta: { kind: DeliveryKind; field: WebhookField; wamid?: string; status?: string }): Delivery {
    const body = metaJson(payload);
    let resolve: () => void = () => undefined;
    const settled = new Promise<void>((r) => (resolve = r));
    const delivery: Delivery = {
      id: ++this.seq,
      kind: meta.kind,
      field: meta.field,
      createdAt: new Date(this.clock.now()).toISOString(),
      body,
      signature: signatureSha256(body, this.config.appSecret),
      state: 'queued',
      attempts: [],
      settled,
      ...(meta.wamid === undefined ? {} : { wamid: meta.wamid }),
      ...(meta.status === undefined ? {} : { status: meta.status }),
    };
    this.resolvers.set(delivery.id, resolve);
    this.deliveries.push(delivery);
    this.trim();
    this.ready.push(delivery);
    this.pump();
    return delivery;
  }

  /** Deliveries not yet delivered or given up. */
  pending(): number {
    return this.resolvers.size;
  }

  list(filter: DeliveryFilter = {}): DeliveryView[] {
    const out: DeliveryView[] = [];
    for (const d of this.deliveries) {
      if (filter.kind && d.kind !== filter.kind) continue;
      if (filter.state && d.state !== filter.state) continue;
      if (filter.wamid && d.wamid !== filter.wamid) continue;
      if (filter.afterId !== undefined && d.id <= filter.afterId) continue;
      const { settled: _settled, ...rest } = d;
      out.push({ ...rest, attempts: [...d.attempts], payload: JSON.parse(d.body) as unknown });
    }
    return filter.limit === undefined ? out : out.slice(-filter.limit);
  }

  /** Meta's GET challenge against the callback, with the verify token. */
  async verifyChallenge(): Promise<VerifyResult> {
    if (!this.config.verifyToken) return { ok: false, reason: 'no verify token configured (WEBHOOK_VERIFY_TOKEN)' };
    const challenge = String(randomInt(100_000_000, 999_999_999));
    const url = new URL(this.config.webhookUrl);
    url.searchParams.set('hub.mode', 'subscribe');
    url.searchParams.set('hub.verify_token', this.config.verifyToken);
    url.searchParams.set('hub.challenge', challenge);
    try {
      const res = await fetch(url, { signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.config.retry.timeoutMs)]) });
      const body = await res.text();
      const ok = res.status === 200 && body === challenge;
      this.verified = ok;
      return { ok, status: res.status, body: body.slice(0, 500), challenge, ...(ok ? {} : { reason: res.status === 200 ? 'challenge not echoed' : `HTTP ${res.status}` }) };
    } catch (err) {
      this.verified = false;
      return { ok: false, challenge, reason: errorText(err) };
    }
  }

  /** Drops everything queued or waiting for a retry (their `settled` resolve). */
  reset(): void {
    this.abort.abort();
    this.abort = new AbortController();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.ready.length = 0;
    for (const d of this.deliveries) if (this.resolvers.has(d.id)) this.finish(d, 'failed');
    this.deliveries.length = 0;
    this.verified = false;
  }

  close(): void {
    this.reset();
  }

  private trim(): void {
    while (this.deliveries.length > MAX_KEPT) {
      const index = this.deliveries.findIndex((d) => !this.resolvers.has(d.id));
      if (index < 0) break;
      this.deliveries.splice(index, 1);
    }
  }

  private pump(): void {
    while (this.inFlight < this.config.webhookConcurrency && this.ready.length > 0) {
      const next = this.ready.shift();
      if (!next) break;
      this.inFlight++;
      void this.attempt(next).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async attempt(d: Delivery): Promise<void> {
    d.state = 'in_flight';
    delete d.nextAttemptAt;
    const signal = this.abort.signal;
    const started = performance.now();
    const attempt: DeliveryAttempt = { at: new Date(this.clock.now()).toISOString(), durationMs: 0 };
    let ok = false;
    try {
      if (this.config.verifyWebhook && !this.verified) {
        const v = await this.verifyChallenge();
        if (!v.ok) throw new Error(`webhook verification failed: ${v.reason ?? 'unknown'}`);
      }
      const res = await fetch(this.config.webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'facebookexternalua',
          'x-hub-signature': signatureSha1(d.body, this.config.appSecret),
          'x-hub-signature-256': d.signature,
        },
        body: d.body,
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.config.retry.timeoutMs)]),
      });
      await res.arrayBuffer();
      attempt.status = res.status;
      ok = res.status >= 200 && res.status < 300;
    } catch (err) {
      attempt.error = errorText(err);
    }
    if (signal.aborted) return;
    attempt.durationMs = Math.round(performance.now() - started);
    d.attempts.push(attempt);
    if (ok) return this.finish(d, 'delivered');
    if (d.attempts.length >= this.config.retry.maxAttempts) {
      this.log(`webhook #${d.id} (${d.kind}) given up after ${d.attempts.length} attempts: ${attempt.error ?? `HTTP ${attempt.status}`}`);
      return this.finish(d, 'failed');
    }
    const delay = Math.min(this.config.retry.maxDelayMs, this.config.retry.baseMs * 2 ** (d.attempts.length - 1));
    d.state = 'retrying';
    d.nextAttemptAt = new Date(this.clock.now() + delay).toISOString();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.ready.push(d);
      this.pump();
    }, delay);
    this.timers.add(timer);
  }

  private finish(d: Delivery, state: 'delivered' | 'failed'): void {
    d.state = state;
    delete d.nextAttemptAt;
    const resolve = this.resolvers.get(d.id);
    this.resolvers.delete(d.id);
    resolve?.();
  }
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${err.message}: ${cause.message}` : err.message;
  }
  return String(err);
}
