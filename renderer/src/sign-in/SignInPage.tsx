import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/desktop-api';
import { useAppStore } from '../app/app-store';
import { pageBackendUrl } from '../bridge/page-url';
import { useDesktop } from '../desktop/context';
import { languages } from '../i18n';
import { messageOf } from '../shell/error-text';
import { signInErrorKey } from './sign-in-errors';

type Problem = { key: string; detail: string };

/**
 * Sign-in: the backend's address (remembered), e-mail and password. In "again" mode the session
 * ended: the cache and the unsent actions are kept and go out once the same user signs in.
 */
export function SignInPage({ mode }: { mode: 'first' | 'again' }) {
  const { t } = useTranslation();
  const api = useDesktop();
  const desktop = useAppStore((s) => s.desktop);
  const [baseUrl, setBaseUrl] = useState(() => desktop?.session?.baseUrl ?? desktop?.settings.baseUrl ?? pageBackendUrl());
  const [email, setEmail] = useState(() => (mode === 'again' ? (desktop?.me?.user.email ?? '') : ''));
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [missing, setMissing] = useState<Set<'baseUrl' | 'email' | 'password'>>(new Set());
  const pending = desktop?.engine.pending ?? 0;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const empty = new Set((['baseUrl', 'email', 'password'] as const).filter((f) => !{ baseUrl, email, password }[f].trim()));
    setMissing(empty);
    if (empty.size > 0) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await api.signIn({ baseUrl: baseUrl.trim(), email: email.trim(), password });
      if (!result.ok) setProblem({ key: signInErrorKey(result.code), detail: result.message });
    } catch (err) {
      setProblem({ key: 'signIn.errors.other', detail: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };

  const required = (field: 'baseUrl' | 'email' | 'password') => (missing.has(field) ? t('signIn.required') : undefined);
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2, bgcolor: 'background.default' }}>
      <Paper variant="outlined" sx={{ width: '100%', maxWidth: 420, p: 4 }}>
        <Typography variant="h5" component="h1">{mode === 'again' ? t('signIn.againTitle') : t('signIn.title')}</Typography>
        <Typography color="text.secondary" sx={{ mt: 0.5, mb: 2 }}>{t('appName')}</Typography>
        {mode === 'again' && (
          <Alert severity="info" sx={{ mb: 2 }}>
            {t('signIn.againText', { name: desktop?.session?.userName ?? '' })} {pending > 0 && t('signIn.againPending', { count: pending })}
          </Alert>
        )}
        {problem && (
          <Alert severity="error" sx={{ mb: 2 }} role="alert">
            {t(problem.key, { detail: problem.detail })}
          </Alert>
        )}
        <Box component="form" noValidate onSubmit={(e) => void submit(e)} sx={{ display: 'grid', gap: 2 }}>
          <TextField
            label={t('signIn.server')} value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} required
            error={missing.has('baseUrl')} helperText={required('baseUrl') ?? t('signIn.serverHint')}
            slotProps={{ htmlInput: { inputMode: 'url', autoComplete: 'url', spellCheck: false } }}
          />
          <TextField
            label={t('signIn.email')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus={mode === 'first'}
            error={missing.has('email')} helperText={required('email')} slotProps={{ htmlInput: { autoComplete: 'username' } }}
          />
          <TextField
            label={t('signIn.password')} type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoFocus={mode === 'again'}
            error={missing.has('password')} helperText={required('password')} slotProps={{ htmlInput: { autoComplete: 'current-password' } }}
          />
          <Button type="submit" variant="contained" size="large" disabled={busy}>{busy ? t('signIn.submitting') : t('signIn.submit')}</Button>
        </Box>
        <LanguagePicker />
      </Paper>
    </Box>
  );
}

/** Before signing in the user menu is not there: the language is chosen here. */
function LanguagePicker() {
  const { t, i18n } = useTranslation();
  const api = useDesktop();
  return (
    <TextField
      select size="small" label={t('userMenu.language')} value={i18n.language} sx={{ mt: 3, minWidth: 160 }}
      onChange={(e) => void api.setSettings({ language: e.target.value as Language }).catch(() => i18n.changeLanguage(e.target.value))}
    >
      {languages.map((lng) => <MenuItem key={lng} value={lng} lang={lng}>{t(`languages.${lng}`)}</MenuItem>)}
    </TextField>
  );
}
