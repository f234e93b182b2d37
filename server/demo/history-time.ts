import type { Random } from './random';

// Business hours of the demo company, in São Paulo time (UTC−3 all year: Brazil dropped daylight
// saving in 2019), as plain epoch milliseconds.

const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * HOUR_MS;
const OFFSET_MS = -3 * HOUR_MS;

/** Local weekday (0 = Sunday) and hour of an instant. */
export function localTime(ms: number): { weekday: number; hour: number } {
  const d = new Date(ms + OFFSET_MS);
  return { weekday: d.getUTCDay(), hour: d.getUTCHours() };
}

/** Start of the local day holding `ms`. */
export function localDayStart(ms: number): number {
  const local = ms + OFFSET_MS;
  return local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - OFFSET_MS;
}

/** Monday to Friday 8h–18h, Saturday 9h–13h. */
export function isOpen(ms: number): boolean {
  const { weekday, hour } = localTime(ms);
  if (weekday >= 1 && weekday <= 5) return hour >= 8 && hour < 18;
  if (weekday === 6) return hour >= 9 && hour < 13;
  return false;
}

/** The next moment service opens after `ms` (the top of the opening hour). */
export function nextOpening(ms: number): number {
  let t = Math.floor(ms / HOUR_MS) * HOUR_MS + HOUR_MS;
  while (!isOpen(t)) t += HOUR_MS;
  return t;
}

const WEEKDAY_HOURS: ReadonlyArray<readonly [number, number]> = [[8, 1], [9, 2.2], [10, 3], [11, 3], [12, 1.6], [13, 2], [14, 3], [15, 3], [16, 2.6], [17, 1.6]];
const EVENING_HOURS: ReadonlyArray<readonly [number, number]> = [[6, 0.5], [7, 1.5], [18, 2], [19, 2], [20, 1.5], [21, 1.2], [22, 0.8], [23, 0.4]];
const SATURDAY_HOURS: ReadonlyArray<readonly [number, number]> = [[9, 2], [10, 3], [11, 3], [12, 2]];
const WEEKEND_LATE_HOURS: ReadonlyArray<readonly [number, number]> = [[10, 1], [12, 1], [14, 1], [16, 1], [18, 1], [20, 1], [21, 1]];

/** How many customers write to a number of volume 1 on a given weekday, on average. */
export function dailyMean(weekday: number): number {
  if (weekday === 0) return 0.8;
  if (weekday === 6) return 2.5;
  return 5.5;
}

/** When, in a local day starting at `dayStart`, a customer writes: mostly in business hours, peaking mid-morning and mid-afternoon. */
export function customerTime(random: Random, dayStart: number, weekday: number): number {
  let hours = WEEKDAY_HOURS;
  if (weekday === 0) hours = WEEKEND_LATE_HOURS;
  else if (weekday === 6) hours = random.chance(0.15) ? WEEKEND_LATE_HOURS.filter(([h]) => h >= 13) : SATURDAY_HOURS;
  else if (random.chance(0.06)) hours = EVENING_HOURS;
  const hour = random.weighted(hours);
  return dayStart + hour * HOUR_MS + random.int(0, 59) * MINUTE_MS + random.int(0, 59) * 1000;
}

/** A Poisson-distributed count (Knuth; fine for the small means used here). */
export function poisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random.next();
  while (p > limit) {
    k++;
    p *= random.next();
  }
  return k;
}

/** A date a few days after `ms`, as dd/mm (delivery promises, due dates). */
export function shortDate(ms: number, daysAhead: number): string {
  const d = new Date(ms + OFFSET_MS + daysAhead * DAY_MS);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
