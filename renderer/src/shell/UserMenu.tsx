import Check from '@mui/icons-material/Check';
import Logout from '@mui/icons-material/Logout';
import Avatar from '@mui/material/Avatar';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, Settings } from '../../../shared/desktop-api';
import { useAppStore } from '../app/app-store';
import { useDesktop } from '../desktop/context';
import { languages } from '../i18n';
import { ErrorNotice } from './ErrorNotice';
import { SignOutDialog } from './SignOutDialog';
import { messageOf } from './error-text';

const themes: Array<Settings['theme']> = ['light', 'dark', 'system'];

function initialsOf(name: string): string {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]!.toUpperCase()).join('');
}

/** The user's menu: language, theme, sign out (asking first when actions are still unsent). */
export function UserMenu() {
  const { t } = useTranslation();
  const api = useDesktop();
  const name = useAppStore((s) => s.desktop?.me?.user.name ?? s.desktop?.session?.userName ?? '');
  const org = useAppStore((s) => s.desktop?.me?.organization.name ?? null);
  const settings = useAppStore((s) => s.desktop?.settings);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [pending, setPending] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const close = () => setAnchor(null);
  const fail = (err: unknown) => setError(t('userMenu.failed', { reason: messageOf(err) }));
  const set = (changes: Partial<Settings>) => {
    close();
    api.setSettings(changes).catch(fail);
  };
  const signOut = async (discardPending: boolean) => {
    close();
    try {
      const result = await api.signOut(discardPending ? { discardPending } : {});
      setPending(result.ok ? null : result.pending);
    } catch (err) {
      fail(err);
    }
  };
  return (
    <>
      <IconButton onClick={(e) => setAnchor(e.currentTarget)} aria-label={t('userMenu.open', { name })} aria-haspopup="menu" aria-expanded={anchor !== null} aria-controls={anchor ? 'user-menu' : undefined}>
        <Avatar sx={{ width: 32, height: 32, fontSize: 14, bgcolor: 'primary.main' }} aria-hidden>{initialsOf(name)}</Avatar>
      </IconButton>
      <Menu id="user-menu" anchorEl={anchor} open={anchor !== null} onClose={close} anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }} transformOrigin={{ vertical: 'top', horizontal: 'right' }}>
        <ListSubheader sx={{ lineHeight: 1.4, py: 1 }}>
          <ListItemText primary={name} secondary={org} />
        </ListSubheader>
        <Divider />
        <ListSubheader>{t('userMenu.language')}</ListSubheader>
        {languages.map((lng: Language) => (
          <MenuItem key={lng} role="menuitemradio" aria-checked={settings?.language === lng} lang={lng} onClick={() => set({ language: lng })}>
            <ListItemIcon>{settings?.language === lng && <Check fontSize="small" />}</ListItemIcon>
            {t(`languages.${lng}`)}
          </MenuItem>
        ))}
        <ListSubheader>{t('userMenu.theme')}</ListSubheader>
        {themes.map((theme) => (
          <MenuItem key={theme} role="menuitemradio" aria-checked={settings?.theme === theme} onClick={() => set({ theme })}>
            <ListItemIcon>{settings?.theme === theme && <Check fontSize="small" />}</ListItemIcon>
            {t(`userMenu.themes.${theme}`)}
          </MenuItem>
        ))}
        <Divider />
        <MenuItem onClick={() => void signOut(false)}>
          <ListItemIcon><Logout fontSize="small" /></ListItemIcon>
          {t('userMenu.signOut')}
        </MenuItem>
      </Menu>
      <SignOutDialog pending={pending} onCancel={() => setPending(null)} onConfirm={() => void signOut(true)} />
      <ErrorNotice message={error} onClose={() => setError(null)} />
    </>
  );
}
