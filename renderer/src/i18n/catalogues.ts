import type { Language } from '../../../shared/desktop-api';

export const languages = ['pt-BR', 'en', 'es'] as const satisfies readonly Language[];
export const defaultLanguage: Language = 'pt-BR';

export type Catalogue = { [key: string]: string | Catalogue };
/** language → namespace → nested keys. */
export type Catalogues = Record<string, Record<string, Catalogue>>;

/**
 * Every file `locales/<language>/<namespace>.json`, found by a glob import: a feature adds its
 * namespace by adding one file per language, nothing to register.
 */
const files = import.meta.glob<Catalogue>('./locales/*/*.json', { eager: true, import: 'default' });

export function cataloguesOf(found: Record<string, Catalogue>): Catalogues {
  const out: Catalogues = {};
  for (const [file, catalogue] of Object.entries(found)) {
    const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
    if (!match) continue;
    const [, language, namespace] = match as unknown as [string, string, string];
    (out[language] ??= {})[namespace] = catalogue;
  }
  return out;
}

export const catalogues: Catalogues = cataloguesOf(files);
export const namespaces: string[] = [...new Set(Object.values(catalogues).flatMap((ns) => Object.keys(ns)))].sort();
