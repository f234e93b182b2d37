import { describe, expect, it } from 'vitest';
import { dayKey } from './format';

/** The day as Intl names it, without dayKey's cache. */
function dayThere(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

describe('dayKey', () => {
  it('names the same day as Intl in zones with odd offsets and around their clock changes', () => {
    // Kathmandu is UTC+5:45, Chatham +12:45/+13:45, Lord Howe moves by half an hour, São Paulo had DST until 2019.
    const zones = ['America/Sao_Paulo', 'Asia/Kathmandu', 'Pacific/Chatham', 'Australia/Lord_Howe', 'America/St_Johns', 'UTC'];
    const starts = [Date.UTC(2018, 10, 3, 0, 0), Date.UTC(2024, 3, 6, 12, 0), Date.UTC(2024, 8, 28, 12, 0)];
    for (const timeZone of zones) {
      for (const start of starts) {
        // Every 7 minutes over two days: each quarter-hour, each local midnight, both sides of a change.
        for (let t = start; t < start + 2 * 86_400_000; t += 7 * 60_000) {
          const at = new Date(t);
          expect(dayKey(at, timeZone), `${at.toISOString()} in ${timeZone}`).toBe(dayThere(at, timeZone));
          expect(dayKey(at.toISOString(), timeZone)).toBe(dayThere(at, timeZone));
        }
      }
    }
  });
});
