import { describe, expect, it } from 'vitest';
import { dayKey, formatDateTime, formatTime, validTimeZone } from './time';

// 02:30 UTC on 26 Nov is still 25 Nov, 23:30 in São Paulo (UTC-3).
const lateEvening = '2026-11-26T02:30:00Z';

describe('dates in the organisation time zone', () => {
  it('shows the local time of the organisation, not of the machine', () => {
    expect(formatTime(lateEvening, 'pt-BR', 'America/Sao_Paulo')).toBe('23:30');
    expect(formatTime(lateEvening, 'pt-BR', 'Europe/Lisbon')).toBe('02:30');
    expect(formatDateTime(lateEvening, 'pt-BR', 'America/Sao_Paulo')).toBe('25/11/2026, 23:30');
  });
  it('follows the language for the format', () => {
    expect(formatTime(lateEvening, 'en', 'America/Sao_Paulo')).toMatch(/^11:30\sPM$/);
  });
  it('puts a message on the day it was in that zone', () => {
    expect(dayKey(lateEvening, 'America/Sao_Paulo')).toBe('2026-11-25');
    expect(dayKey(lateEvening, 'Asia/Tokyo')).toBe('2026-11-26');
  });
  it('falls back to São Paulo for a zone it cannot use', () => {
    expect(validTimeZone('Mars/Olympus')).toBe('America/Sao_Paulo');
    expect(validTimeZone(null)).toBe('America/Sao_Paulo');
    expect(validTimeZone('Europe/Lisbon')).toBe('Europe/Lisbon');
  });
});
