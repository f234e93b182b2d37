import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigate } from 'react-router';
import { useAppStore } from '../app/app-store';
import { chooseNumber } from '../app/number-choice';
import { useDesktop } from '../desktop/context';
import { ConnectionIndicator } from './ConnectionIndicator';
import { NavMenu } from './NavMenu';
import { NumberSelector } from './NumberSelector';
import { StatusSwitch } from './StatusSwitch';
import { UserMenu } from './UserMenu';

const NAV_WIDTH = 232;

/** The signed-in frame: header, menu, and the page. */
export function Shell() {
  const { t } = useTranslation();
  useNumberChoice();
  useOpenTicketNavigation();
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <Box component="a" href="#main" sx={skipLink}>{t('skipToContent')}</Box>
      <AppBar position="static" sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Toolbar sx={{ gap: 2 }} variant="dense">
          <Typography component="p" variant="h6" noWrap sx={{ flexShrink: 0, fontWeight: 600 }}>{t('appName')}</Typography>
          <Box sx={{ flex: 1 }} />
          <ConnectionIndicator />
          <StatusSwitch />
          <NumberSelector />
          <UserMenu />
        </Toolbar>
      </AppBar>
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <Box component="nav" aria-label={t('nav.label')} sx={{ width: NAV_WIDTH, flexShrink: 0, borderRight: 1, borderColor: 'divider', overflowY: 'auto', bgcolor: 'background.paper' }}>
          <NavMenu />
        </Box>
        <Box component="main" id="main" tabIndex={-1} sx={{ flex: 1, minWidth: 0, minHeight: 0, overflow: 'auto', outline: 'none' }}>
          <Outlet />
        </Box>
      </Box>
    </Box>
  );
}

const skipLink = {
  position: 'absolute', left: 8, top: -48, zIndex: 2000, px: 2, py: 1, bgcolor: 'background.paper', color: 'text.primary', borderRadius: 1,
  '&:focus': { top: 8 },
} as const;

/** Keeps a number selected (G1): the current one, the last one chosen, or the first. */
function useNumberChoice() {
  const numbers = useAppStore((s) => s.desktop?.me?.numbers);
  const last = useAppStore((s) => s.desktop?.settings.lastNumberId ?? null);
  const current = useAppStore((s) => s.numberId);
  const setNumberId = useAppStore((s) => s.setNumberId);
  useEffect(() => {
    if (!numbers) return;
    const chosen = chooseNumber(numbers, current, last);
    if (chosen !== current) setNumberId(chosen);
  }, [numbers, current, last, setNumberId]);
}

/** A click on a notification opens the desk on that ticket's number; the desk opens the ticket when it shows. */
function useOpenTicketNavigation() {
  const api = useDesktop();
  const navigate = useNavigate();
  useEffect(() => api.on('openTicket', (target) => {
    useAppStore.getState().requestTicket(target);
    void navigate('/service/desk');
  }), [api, navigate]);
}
