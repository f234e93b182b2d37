import { useEffect, useRef, useState } from 'react';
import type { DesktopApi } from '../../../../shared/desktop-api';
import type { StoreChange } from '../../../../shared/sync/apply';
import type { OutboxEvent } from '../../../../shared/sync/flusher';

/** Changes arrive in bursts (a catch-up writes hundreds): reload at most this often. */
const COALESCE_MS = 60;

export interface LiveFilter {
  /** Does this batch of cache changes touch what the view shows? */
  changes(changes: StoreChange[]): boolean;
  /** Does this outbox event (sending, failed, done) touch it? Defaults to no. */
  outbox?(event: OutboxEvent): boolean;
}

/**
 * Calls `reload` after cache changes the view cares about, and after a reset (snapshot, user
 * change). Bursts are coalesced, and a reload never overlaps the previous one.
 */
export function useLiveReload(api: DesktopApi, filter: LiveFilter, reload: () => Promise<void>): void {
  const latest = useRef({ filter, reload });
  latest.current = { filter, reload };
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let running: Promise<void> | null = null;
    let again = false;
    let stopped = false;
    const run = async () => {
      timer = null;
      if (running) {
        again = true;
        return;
      }
      running = latest.current.reload().catch(() => undefined);
      await running;
      running = null;
      if (again && !stopped) {
        again = false;
        schedule();
      }
    };
    const schedule = () => {
      if (!timer && !stopped) timer = setTimeout(() => void run(), COALESCE_MS);
    };
    const offs = [
      api.on('changes', (changes) => {
        if (latest.current.filter.changes(changes)) schedule();
      }),
      api.on('reset', () => schedule()),
      api.on('outbox', (event) => {
        if (latest.current.filter.outbox?.(event)) schedule();
      }),
    ];
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const off of offs) off();
    };
  }, [api]);
}

/** The current time, refreshed every `everyMs` (waiting times, the 24-hour window). */
export function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
