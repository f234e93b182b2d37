import { describe, expect, it } from 'vitest';
import { internationalPhone } from './phone';

describe('internationalPhone', () => {
  it('accepts the usual ways of writing an international number', () => {
    expect(internationalPhone('+55 11 99999-0000')).toBe('+5511999990000');
    expect(internationalPhone(' +55 (11) 99999.0000 ')).toBe('+5511999990000');
    expect(internationalPhone('+1 415 555 0100')).toBe('+14155550100');
  });

  it('refuses numbers without + and country code, or of the wrong length', () => {
    expect(internationalPhone('11 99999-0000')).toBeNull();
    expect(internationalPhone('+0 11 99999-0000')).toBeNull();
    expect(internationalPhone('+55 1199')).toBeNull();
    expect(internationalPhone('+55 11 99999-0000 12345')).toBeNull();
    expect(internationalPhone('+55 11 9999x-0000')).toBeNull();
  });
});
