import type { EmulatorClock } from './clock';
import type { EmulatorConfig } from './options';
import type { RateLimiter } from './rate-limits';
import type { EmulatorState, OutboundRecord } from './state';
import type { TaskTracker } from './tasks';
import type { WebhookDispatcher } from './webhooks';

/** What every route module and worker of one emulator instance shares. */
export interface EmulatorContext {
  config: EmulatorConfig;
  state: EmulatorState;
  clock: EmulatorClock;
  webhooks: WebhookDispatcher;
  limits: RateLimiter;
  tasks: TaskTracker;
  log: (line: string) => void;
  /** Secret for media download URL signatures (per instance). */
  mediaKey: Buffer;
  /** Base URL for links the emulator hands out (media, paging). */
  baseUrl(): string;
  /** Called once a business message reached the customer's phone (personas answer it). */
  onBusinessMessageDelivered(record: OutboundRecord): void;
}
