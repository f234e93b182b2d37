import type { StoreChange } from '../../shared/sync/apply';
import { ChangeDetector, type WatchSource } from './detect';
import { NotificationPolicy, type PolicyContext, type ShownNotification } from './policy';

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface NotificationCenterOptions {
  source: WatchSource;
  /** The moment's facts (focus, status, do-not-disturb, language); `now` is added here. */
  context: () => Omit<PolicyContext, 'now'>;
  show: (n: ShownNotification) => void;
  now?: () => number;
  timers?: Timers;
  policy?: NotificationPolicy;
}

/**
 * Cache changes in, OS notifications out: the detector finds the news, the policy decides, and a
 * timer shows what waited for the end of a burst. Free of Electron (`show` is given).
 */
export class NotificationCenter {
  private readonly detector = new ChangeDetector();
  private readonly policy: NotificationPolicy;
  private readonly now: () => number;
  private readonly timers: Timers;
  private timer: unknown = null;

  constructor(private readonly o: NotificationCenterOptions) {
    this.policy = o.policy ?? new NotificationPolicy();
    this.now = o.now ?? Date.now;
    this.timers = o.timers ?? realTimers;
  }

  /** Whose news to watch, from what the cache holds now (start, sign-in, snapshot, sign-out). */
  reset(userId: string | null): void {
    this.detector.reset(userId, this.o.source);
    this.policy.clear();
    this.schedule();
  }

  changes(changes: readonly StoreChange[]): void {
    const now = this.now();
    const events = this.detector.detect(changes, this.o.source, now);
    if (events.length === 0) return;
    this.emit(this.policy.onEvents(events, { ...this.o.context(), now }));
  }

  /** The window got the focus: the agent sees the desk, counts start over. */
  focused(): void {
    this.policy.clear();
    this.schedule();
  }

  ticketOpened(ticketId: string): void {
    this.policy.ticketOpened(ticketId);
    this.schedule();
  }

  stop(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  private emit(shown: ShownNotification[]): void {
    for (const n of shown) this.o.show(n);
    this.schedule();
  }

  private schedule(): void {
    this.stop();
    const due = this.policy.nextDueAt();
    if (due === null) return;
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.emit(this.policy.tick({ ...this.o.context(), now: this.now() }));
    }, Math.max(0, due - this.now()));
  }
}
