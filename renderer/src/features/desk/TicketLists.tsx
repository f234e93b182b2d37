import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import InputAdornment from '@mui/material/InputAdornment';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import SearchIcon from '@mui/icons-material/Search';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { TicketViewKind } from '../../../../shared/desktop-api';
import { useDesktop } from '../../desktop/context';
import { useDesk } from './hooks';
import { useLiveReload } from './live';
import { useDeskStore } from './store';
import { TicketList } from './TicketList';

const views: TicketViewKind[] = ['queue', 'mine', 'closed'];
/** Typing pauses this long before the search runs. */
const SEARCH_DELAY_MS = 250;

/** The left pane: Queue / Mine / Closed tabs, a search box, and the chosen list (live). */
export function TicketLists({ numberId }: { numberId: string }) {
  const api = useDesktop();
  const { t, userId } = useDesk();
  const view = useDeskStore((s) => s.view);
  const search = useDeskStore((s) => s.search);
  const tickets = useDeskStore((s) => s.tickets);
  const status = useDeskStore((s) => s.listStatus);
  const error = useDeskStore((s) => s.listError);
  const selectedId = useDeskStore((s) => s.selectedTicketId);
  const { setView, setSearch, selectTicket, loadTickets } = useDeskStore.getState();
  const [typed, setTyped] = useState(search);

  useEffect(() => {
    const id = setTimeout(() => setSearch(typed.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(id);
  }, [typed, setSearch]);

  const load = useCallback((quiet: boolean) => loadTickets(api, { numberId, userId, quiet }), [api, numberId, userId, loadTickets]);
  useEffect(() => {
    void load(false);
  }, [load, view, search]);
  useLiveReload(api, {
    changes: (changes) => changes.some((c) => c.numberId === numberId || c.numberId === null || c.entity === 'outbox'),
  }, () => load(true));

  const panelId = 'desk-ticket-panel';
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Tabs value={view} onChange={(_e, v: TicketViewKind) => setView(v)} variant="fullWidth" aria-label={t('list.tabsLabel')}>
        {views.map((v) => <Tab key={v} value={v} label={t(`list.tab.${v}`)} id={`desk-tab-${v}`} aria-controls={panelId} />)}
      </Tabs>
      <Box sx={{ p: 1 }}>
        <TextField
          type="search"
          size="small"
          fullWidth
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          placeholder={t('list.searchPlaceholder')}
          slotProps={{
            htmlInput: { 'aria-label': t('list.searchLabel'), maxLength: 100 },
            input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" /></InputAdornment> },
          }}
        />
      </Box>
      <Box role="tabpanel" id={panelId} aria-labelledby={`desk-tab-${view}`} sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        {status === 'loading' && tickets.length === 0 ? (
          <Centered><CircularProgress size={28} aria-label={t('list.loading')} /></Centered>
        ) : status === 'error' ? (
          <Centered>
            <Typography color="error" align="center">{t(error === 'offline' ? 'list.errorOffline' : 'list.error')}</Typography>
            <Button onClick={() => void load(false)}>{t('common.retry')}</Button>
          </Centered>
        ) : tickets.length === 0 ? (
          <Centered><Typography color="text.secondary" align="center">{search ? t('list.noMatches', { text: search }) : t(`list.empty.${view}`)}</Typography></Centered>
        ) : (
          <TicketList tickets={tickets} selectedId={selectedId} label={t('list.listLabel', { list: t(`list.tab.${view}`) })} onSelect={selectTicket} />
        )}
      </Box>
    </Box>
  );
}

function Centered({ children }: { children: ReactNode }) {
  return <Box sx={{ flex: 1, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 1, p: 3 }}>{children}</Box>;
}
