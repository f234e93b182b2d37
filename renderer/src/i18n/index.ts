import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/desktop-api';
import { catalogues, defaultLanguage, languages, namespaces } from './catalogues';

export { languages, defaultLanguage } from './catalogues';

/**
 * A ready i18next instance with every namespace of every language (bundled: no loading step).
 * Missing keys fall back to pt-BR; the catalogue test keeps that from ever happening.
 */
export function createI18n(language: Language = defaultLanguage): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: catalogues,
    lng: language,
    fallbackLng: defaultLanguage,
    supportedLngs: [...languages],
    ns: namespaces,
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    initAsync: false,
  });
  return instance;
}
