import type { PruneOptions, PruneResult } from './store/retention';
import { retentionCutoff } from './store/retention';
import type { Log } from './log';

export interface RetentionScheduleOptions {
  /** The store's `prune` (SqliteStore.prune). */
  prune(options: PruneOptions): PruneResult;
  log: Log;
  now?: () => Date;
  /** The first pass, after start (default 30 s: after the window and the first sync, not in their way). */
  firstAfterMs?: number;
  /** Between passes (default a day). */
  everyMs?: number;
  /** Between the batches of one pass, so the main process stays responsive (default 50 ms). */
  pauseMs?: number;
  /** Tickets per batch (the store's default, 500). */
  batch?: number;
}

export interface RetentionSchedule {
  /** Stops the schedule; a batch never runs after this (call it before closing the store). */
  stop(): void;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps the cache within its retention (main/store/retention.ts, default the last 3 months): a
 * pass shortly after start and one a day, each in batches of `batch` tickets until a batch comes
 * back short. A failed batch is logged and the next pass tries again.
 */
export function startRetention(opts: RetentionScheduleOptions): RetentionSchedule {
  const now = opts.now ?? (() => new Date());
  const batch = opts.batch ?? 500;
  const pauseMs = opts.pauseMs ?? 50;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let total: PruneResult = { tickets: 0, messages: 0, contacts: 0 };

  const later = (ms: number, fn: () => void) => {
    if (stopped) return;
    timer = setTimeout(fn, ms);
    timer.unref?.();
  };
  const step = (olderThan: Date) => {
    timer = null;
    if (stopped) return;
    let r: PruneResult;
    try {
      r = opts.prune({ olderThan, maxTickets: batch });
    } catch (err) {
      opts.log.warn(`retention: the cache was not pruned: ${err instanceof Error ? err.message : String(err)}`);
      return later(opts.everyMs ?? DAY_MS, pass);
    }
    total = { tickets: total.tickets + r.tickets, messages: total.messages + r.messages, contacts: total.contacts + r.contacts };
    if (r.tickets >= batch) return later(pauseMs, () => step(olderThan));
    if (total.tickets + total.contacts > 0) {
      opts.log.info(`retention: removed ${total.tickets} tickets, ${total.messages} messages and ${total.contacts} contacts older than ${olderThan.toISOString().slice(0, 10)} from the cache`);
    }
    later(opts.everyMs ?? DAY_MS, pass);
  };
  function pass(): void {
    total = { tickets: 0, messages: 0, contacts: 0 };
    step(retentionCutoff(now()));
  }

  later(opts.firstAfterMs ?? 30_000, pass);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
