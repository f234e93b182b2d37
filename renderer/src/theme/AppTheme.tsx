import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useMemo, type ReactNode } from 'react';
import type { Settings } from '../../../shared/desktop-api';
import { createAppTheme, resolveMode } from './theme';

/** Provides the theme for the settings' choice (light, dark, or the OS's). */
export function AppTheme({ choice, children }: { choice: Settings['theme']; children: ReactNode }) {
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)', { noSsr: true });
  const mode = resolveMode(choice, prefersDark);
  const theme = useMemo(() => createAppTheme(mode), [mode]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline enableColorScheme />
      {children}
    </ThemeProvider>
  );
}
