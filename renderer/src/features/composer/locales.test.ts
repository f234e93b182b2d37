import { describe, expect, it } from 'vitest';
import { catalogues, type Catalogue } from '../../i18n/catalogues';

// src/i18n/catalogues.test.ts checks that the three languages hold the same keys; this checks
// that the components ask only for keys that exist.
const sources = import.meta.glob<string>(['./*.tsx', './*.ts', '!./*.test.*', '!./test-utils.tsx'], { query: '?raw', import: 'default', eager: true });
const english = catalogues.en!.composer!;

function lookup(tree: Catalogue, key: string): string | Catalogue | undefined {
  return key.split('.').reduce<string | Catalogue | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), tree);
}

describe('composer catalogue', () => {
  it('holds every literal key the components use', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((key) => typeof lookup(english, key) !== 'string')).toEqual([]);
  });

  it('names every message type the reply bar may quote', () => {
    for (const type of ['text', 'image', 'document', 'audio', 'video', 'sticker', 'location', 'contacts', 'interactive', 'button', 'reaction', 'template', 'unsupported', 'system']) {
      expect(lookup(english, `messageType.${type}`)).toBeTypeOf('string');
    }
  });
});
