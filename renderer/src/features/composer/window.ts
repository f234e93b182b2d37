import { useEffect, useState } from 'react';

/** Whether the customer-service window is open at `now` (epoch ms); null = never opened. */
export function isWindowOpen(expiresAt: string | null, now: number): boolean {
  return expiresAt !== null && Date.parse(expiresAt) > now;
}

/** Longest delay setTimeout honours (about 24.8 days). */
const MAX_DELAY = 2 ** 31 - 1;

/** `isWindowOpen` kept current: re-renders when the window closes while the ticket is on screen. */
export function useWindowOpen(expiresAt: string | null): boolean {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (expiresAt === null) return;
    const left = Date.parse(expiresAt) - Date.now();
    if (!(left > 0)) return;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.min(left + 50, MAX_DELAY));
    return () => clearTimeout(timer);
  }, [expiresAt, tick]);
  return isWindowOpen(expiresAt, Date.now());
}
