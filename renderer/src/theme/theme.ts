import { createTheme, type Theme } from '@mui/material/styles';
import type { Settings } from '../../../shared/desktop-api';

export type ThemeMode = 'light' | 'dark';

/** The settings' choice made concrete: `system` follows the OS. */
export function resolveMode(choice: Settings['theme'], systemPrefersDark: boolean): ThemeMode {
  if (choice === 'system') return systemPrefersDark ? 'dark' : 'light';
  return choice;
}

/** The app's one theme, in light or dark. Colours chosen for WCAG AA contrast on both. */
export function createAppTheme(mode: ThemeMode): Theme {
  const dark = mode === 'dark';
  return createTheme({
    palette: {
      mode,
      primary: { main: dark ? '#4fc3a1' : '#00695c' },
      secondary: { main: dark ? '#90caf9' : '#1565c0' },
      success: { main: dark ? '#66bb6a' : '#2e7d32' },
      warning: { main: dark ? '#ffb74d' : '#944d00' },
      background: dark ? { default: '#111b21', paper: '#1b262d' } : { default: '#f4f6f7', paper: '#ffffff' },
    },
    shape: { borderRadius: 8 },
    typography: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
    components: {
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiAppBar: { defaultProps: { elevation: 0, color: 'default' } },
    },
  });
}
