import { useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { HashRouter } from 'react-router';
import type { DesktopApi } from '../../../shared/desktop-api';
import { DesktopContext } from '../desktop/context';
import { createI18n } from '../i18n';
import { AppTheme } from '../theme/AppTheme';
import { useAppStore } from './app-store';
import { AppRoutes } from './AppRoutes';

/**
 * The app with its providers: the desktop API, translations in the chosen language, the theme,
 * and hash routing (works from file://). Keeps the app store's host state current.
 */
export function Root({ api }: { api: DesktopApi }) {
  const desktop = useAppStore((s) => s.desktop);
  const [i18n] = useState(() => createI18n());
  useEffect(() => {
    let pushed = false;
    const off = api.on('state', (state) => {
      pushed = true;
      useAppStore.getState().setDesktop(state);
    });
    void api.getState({}).then((state) => {
      // A push that arrived meanwhile is newer than this answer.
      if (!pushed) useAppStore.getState().setDesktop(state);
    });
    return off;
  }, [api]);

  const language = desktop?.settings.language;
  // Bundled catalogues: switching is synchronous, so the first paint is already in the right language.
  if (language && i18n.language !== language) void i18n.changeLanguage(language);
  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = i18n.t('appName');
  }, [i18n, language]);

  return (
    <DesktopContext.Provider value={api}>
      <I18nextProvider i18n={i18n}>
        <AppTheme choice={desktop?.settings.theme ?? 'system'}>
          <HashRouter>
            <AppRoutes />
          </HashRouter>
        </AppTheme>
      </I18nextProvider>
    </DesktopContext.Provider>
  );
}
