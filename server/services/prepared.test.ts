import { describe, expect, it } from 'vitest';
import { isoFromUtcText, isoOrNull } from './prepared';

describe('timestamps read as UTC text', () => {
  it('answer the text Date#toISOString gives for the same instant', () => {
    for (const [text, iso] of [
      ['2026-11-25 15:03:35.423', '2026-11-25T15:03:35.423Z'],
      ['2026-11-25 15:03:35.42', '2026-11-25T15:03:35.420Z'],
      ['2026-11-25 15:03:35', '2026-11-25T15:03:35.000Z'],
      // Microseconds are cut, as new Date() cuts them.
      ['2026-11-25 15:03:35.999999', '2026-11-25T15:03:35.999Z'],
    ] as const) {
      expect(isoFromUtcText(text)).toBe(iso);
      expect(new Date(`${text}Z`.replace(' ', 'T')).toISOString()).toBe(iso);
    }
    expect(isoOrNull(null)).toBeNull();
  });

  it('refuse text in another DateStyle instead of answering a wrong date', () => {
    expect(() => isoFromUtcText('11/25/2026 15:03:35.423')).toThrow(/DateStyle ISO/);
  });
});
