import { describe, expect, it } from 'vitest';
import { catalogues, languages, namespaces, type Catalogue } from './catalogues';

/** `{ a: { b: 'x' } }` → `[['a.b', 'x']]`. */
function flatten(c: Catalogue, prefix = ''): Array<[string, string]> {
  return Object.entries(c).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flatten(v, `${prefix}${k}.`)));
}
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translation catalogues', () => {
  it('have the common namespace and no stray language folder', () => {
    expect(namespaces).toContain('common');
    expect(Object.keys(catalogues).sort()).toEqual([...languages].sort());
  });

  for (const ns of namespaces) {
    describe(`namespace ${ns}`, () => {
      const keys = Object.fromEntries(languages.map((lng) => [lng, new Map(flatten(catalogues[lng]?.[ns] ?? {}))]));
      const all = [...new Set(languages.flatMap((lng) => [...keys[lng]!.keys()]))].sort();
      for (const lng of languages) {
        it(`is complete in ${lng}`, () => {
          expect(catalogues[lng]?.[ns], `locales/${lng}/${ns}.json is missing`).toBeDefined();
          const missing = all.filter((k) => !keys[lng]!.has(k));
          expect(missing, `keys missing from locales/${lng}/${ns}.json`).toEqual([]);
          const empty = all.filter((k) => keys[lng]!.get(k)?.trim() === '');
          expect(empty, `empty texts in locales/${lng}/${ns}.json`).toEqual([]);
        });
      }
      it('uses the same {{placeholders}} in every language', () => {
        const differing = all.filter((k) => {
          const sets = languages.map((lng) => JSON.stringify(placeholders(keys[lng]!.get(k) ?? '')));
          // Plural forms may leave the count out ("one message"), the rest must agree.
          return new Set(sets.map((s) => (/_(zero|one|two|few|many)$/.test(k) ? s.replace(/"count",?/, '') : s))).size > 1;
        });
        expect(differing, 'keys whose placeholders differ between languages').toEqual([]);
      });
    });
  }
});
