/**
 * A phone typed in international format ("+55 11 99999-0000", "+55 (11) 99999.0000") as the
 * API wants it ("+5511999990000"), or null when it is not one: a `+`, a country code that does
 * not start with 0, and 8 to 15 digits in all (E.164).
 */
export function internationalPhone(input: string): string | null {
  const compact = input.trim().replace(/[\s().-]/g, '');
  return /^\+[1-9]\d{7,14}$/.test(compact) ? compact : null;
}
