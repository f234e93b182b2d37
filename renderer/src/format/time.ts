/** The organisation's time zone when /me has not been read yet (SPEC G4 default). */
export const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';

type When = Date | string | number;

const cache = new Map<string, Intl.DateTimeFormat>();

/** Intl formatters are costly to build: one per (locale, zone, options). */
function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    cache.set(key, f);
  }
  return f;
}

const toDate = (when: When) => (when instanceof Date ? when : new Date(when));

/** "25/11/2026 14:03" (pt-BR), "11/25/2026, 2:03 PM" (en). */
export function formatDateTime(when: When, locale: string, timeZone: string): string {
  return formatter(locale, timeZone, { dateStyle: 'short', timeStyle: 'short' }).format(toDate(when));
}

/** "14:03" / "2:03 PM". */
export function formatTime(when: When, locale: string, timeZone: string): string {
  return formatter(locale, timeZone, { timeStyle: 'short' }).format(toDate(when));
}

/** "25 de novembro de 2026" / "November 25, 2026". */
export function formatDay(when: When, locale: string, timeZone: string): string {
  return formatter(locale, timeZone, { dateStyle: 'long' }).format(toDate(when));
}

/** The calendar day in the zone, `YYYY-MM-DD`: equal keys = same day there (date separators, "today"). */
export function dayKey(when: When, timeZone: string): string {
  const parts = formatter('en-CA', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(toDate(when));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Whether a valid IANA zone name (a bad one from the server falls back to the default). */
export function validTimeZone(zone: string | null | undefined): string {
  if (!zone) return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}
