/**
 * Dates and durations as the desk shows them: always in the organisation's time zone (SPEC G4),
 * in the interface language. Formatters are costly to build, so each shape is built once.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone })));
  return f;
}

/**
 * Days already named, by zone and quarter-hour. Every zone's offset (and every change of it) is a
 * whole number of quarter-hours, so all instants of one UTC quarter-hour fall on the same local
 * day: a conversation's thousands of messages need only a few hundred formatToParts calls.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
const MAX_CACHED_DAYS = 50_000;
const days = new Map<string, string>();

/** The calendar day of an instant in the time zone, as `YYYY-MM-DD` (for grouping and comparing). */
export function dayKey(at: string | Date, timeZone: string): string {
  const date = new Date(at);
  const cacheKey = `${timeZone}|${Math.floor(date.getTime() / QUARTER_HOUR_MS)}`;
  const known = days.get(cacheKey);
  if (known !== undefined) return known;
  const parts = formatter('en-CA', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${get('year')}-${get('month')}-${get('day')}`;
  if (days.size >= MAX_CACHED_DAYS) days.clear();
  days.set(cacheKey, day);
  return day;
}

/** The day before a `YYYY-MM-DD` key. */
function previousDay(key: string): string {
  const d = new Date(`${key}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export type DayName = { kind: 'today' } | { kind: 'yesterday' } | { kind: 'date'; text: string };

/** How a date separator names a day: today, yesterday, or the full date. */
export function dayName(at: string, timeZone: string, locale: string, now: Date): DayName {
  const key = dayKey(at, timeZone);
  const today = dayKey(now, timeZone);
  if (key === today) return { kind: 'today' };
  if (key === previousDay(today)) return { kind: 'yesterday' };
  return { kind: 'date', text: formatter(locale, timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(at)) };
}

/** Hours and minutes, e.g. 14:05 (or 2:05 PM in en). */
export function timeOfDay(at: string, timeZone: string, locale: string): string {
  return formatter(locale, timeZone, { hour: '2-digit', minute: '2-digit' }).format(new Date(at));
}

/** A list's time column: the time for today, otherwise a short date. */
export function shortWhen(at: string, timeZone: string, locale: string, now: Date): string {
  if (dayKey(at, timeZone) === dayKey(now, timeZone)) return timeOfDay(at, timeZone, locale);
  return formatter(locale, timeZone, { day: '2-digit', month: '2-digit', year: '2-digit' }).format(new Date(at));
}

/** A date with its time, for the contact panel's history. */
export function dateTime(at: string, timeZone: string, locale: string): string {
  return formatter(locale, timeZone, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(at));
}

/** A span split into the units the desk shows (days, hours, minutes); `lessThanMinute` under 60 s. */
export type DurationParts = { kind: 'lessThanMinute' } | { kind: 'minutes'; minutes: number } | { kind: 'hours'; hours: number; minutes: number } | { kind: 'days'; days: number; hours: number };

export function durationParts(ms: number): DurationParts {
  const minutesTotal = Math.floor(Math.max(0, ms) / 60_000);
  if (minutesTotal < 1) return { kind: 'lessThanMinute' };
  if (minutesTotal < 60) return { kind: 'minutes', minutes: minutesTotal };
  const hoursTotal = Math.floor(minutesTotal / 60);
  if (hoursTotal < 24) return { kind: 'hours', hours: hoursTotal, minutes: minutesTotal % 60 };
  return { kind: 'days', days: Math.floor(hoursTotal / 24), hours: hoursTotal % 24 };
}

/** A phone number for reading: Brazilian numbers as +55 (11) 91234-5678, others as +<digits>. */
export function formatPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const br = /^55(\d{2})(\d{4,5})(\d{4})$/.exec(digits);
  if (br) return `+55 (${br[1]}) ${br[2]}-${br[3]}`;
  return digits ? `+${digits}` : phone;
}
