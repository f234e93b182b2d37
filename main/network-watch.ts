/**
 * Tells the sync engine when the OS network comes and goes: Electron's `net.isOnline()` polled
 * every few seconds (there is no event for it), reported only when it changes, plus a nudge when
 * the machine wakes up (the connection is then checked at once instead of after a backoff).
 */
export interface NetworkWatchOptions {
  isOnline: () => boolean;
  onChange: (online: boolean) => void;
  everyMs?: number;
  every?: (fn: () => void, ms: number) => () => void;
}

const defaultEvery = (fn: () => void, ms: number) => {
  const t = setInterval(fn, ms);
  t.unref?.();
  return () => clearInterval(t);
};

export class NetworkWatch {
  private last: boolean;
  private readonly stopPolling: () => void;

  constructor(private readonly o: NetworkWatchOptions) {
    this.last = o.isOnline();
    this.stopPolling = (o.every ?? defaultEvery)(() => this.poll(), o.everyMs ?? 5000);
  }

  /** The machine woke up (or the OS said something changed): look now, and retry at once if online. */
  wake(): void {
    this.last = this.o.isOnline();
    this.o.onChange(this.last);
  }

  stop(): void {
    this.stopPolling();
  }

  private poll(): void {
    const now = this.o.isOnline();
    if (now === this.last) return;
    this.last = now;
    this.o.onChange(now);
  }
}
