import Box from '@mui/material/Box';
import Drawer from '@mui/material/Drawer';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import ForumOutlined from '@mui/icons-material/ForumOutlined';
import { useEffect, useRef, type ReactNode } from 'react';
import { useAppStore } from '../../app/app-store';
import { StartConversationButton } from '../composer/StartConversationButton';
import { ContactPanel } from './ContactPanel';
import { Conversation } from './Conversation';
import { useDesk } from './hooks';
import { useDeskStore } from './store';
import { TicketLists } from './TicketLists';
import { hidden } from './VisuallyHidden';

const LIST_WIDTH = 340;
const PANEL_WIDTH = 320;

/**
 * The agent's desk (SPEC ATD-2) for the number chosen in the header: ticket lists on the left,
 * the open conversation in the middle, the contact panel on the right (collapsible). On a narrow
 * window one pane shows at a time; below a wide one the contact panel slides over.
 */
export default function DeskPage() {
  const { t } = useDesk();
  const numberId = useAppStore((s) => s.numberId);
  const selectedId = useDeskStore((s) => s.selectedTicketId);
  const panelOpen = useDeskStore((s) => s.contactPanelOpen);
  const drawerOpen = useDeskStore((s) => s.contactDrawerOpen);
  const theme = useTheme();
  // Written as "down" so that without media queries (tests) the full layout shows.
  const narrow = useMediaQuery(theme.breakpoints.down('md'));
  const medium = useMediaQuery(theme.breakpoints.down('lg'));
  useEffect(() => {
    useDeskStore.getState().setPanelMode(medium ? 'overlay' : 'docked');
  }, [medium]);

  // Another number: its tickets, none selected.
  const shownNumber = useRef(numberId);
  useEffect(() => {
    if (shownNumber.current === numberId) return;
    shownNumber.current = numberId;
    useDeskStore.getState().reset();
  }, [numberId]);

  // A notification (or the tray) asked for a ticket, maybe before this page was shown: the shell
  // switched to its number; open it once that number is the one shown (after the reset above).
  const ticketToOpen = useAppStore((s) => s.ticketToOpen);
  useEffect(() => {
    if (!ticketToOpen || ticketToOpen.numberId !== numberId) return;
    useDeskStore.getState().selectTicket(ticketToOpen.ticketId);
    useAppStore.getState().clearTicketToOpen();
  }, [ticketToOpen, numberId]);

  const ticket = useDeskStore((s) => s.openTicket);

  if (!numberId) {
    return <EmptyState icon title={t('page.noNumber')} hint={t('page.noNumberHint')} />;
  }

  const title = <h1 style={hidden}>{t('page.title')}</h1>;
  const lists = (
    <Box component="section" aria-label={t('page.lists')} sx={{ width: narrow ? '100%' : LIST_WIDTH, flexShrink: 0, borderRight: narrow ? 0 : 1, borderColor: 'divider', display: 'flex', flexDirection: 'column', minHeight: 0 }}>
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', px: 1, pt: 1 }}>
        <StartConversationButton numberId={numberId} onStarted={(id) => useDeskStore.getState().selectTicket(id)} />
      </Box>
      <TicketLists numberId={numberId} />
    </Box>
  );
  const conversation = (
    <Box sx={{ flex: 1, minWidth: 0, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
      {selectedId ? <Conversation key={selectedId} ticketId={selectedId} onBack={narrow ? () => useDeskStore.getState().selectTicket(null) : undefined} /> : <EmptyState icon title={t('page.chooseTicket')} hint={t('page.chooseTicketHint')} />}
    </Box>
  );
  const panel = ticket && ticket.id === selectedId && <ContactPanel key={ticket.contact.id} ticket={ticket} />;

  if (narrow) {
    return <Box sx={{ display: 'flex', height: '100%', minHeight: 0 }}>{title}{selectedId ? conversation : lists}{panelDrawer(panel, drawerOpen, t('contact.panel'))}</Box>;
  }
  return (
    <Box sx={{ display: 'flex', height: '100%', minHeight: 0 }}>
      {title}
      {lists}
      {conversation}
      {medium
        ? panelDrawer(panel, drawerOpen, t('contact.panel'))
        : panelOpen && panel && <Box sx={{ width: PANEL_WIDTH, flexShrink: 0, borderLeft: 1, borderColor: 'divider', minHeight: 0 }}>{panel}</Box>}
    </Box>
  );
}

function panelDrawer(panel: ReactNode, open: boolean, label: string) {
  return (
    <Drawer anchor="right" open={open && Boolean(panel)} onClose={() => useDeskStore.getState().setContactDrawerOpen(false)} slotProps={{ paper: { sx: { width: PANEL_WIDTH }, 'aria-label': label } }}>
      {panel}
    </Drawer>
  );
}

function EmptyState({ title, hint, icon }: { title: string; hint: string; icon?: boolean }) {
  return (
    <Box sx={{ flex: 1, height: '100%', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 1, p: 4, textAlign: 'center' }}>
      {icon && <ForumOutlined sx={{ fontSize: 48 }} color="disabled" />}
      <Typography variant="h6" component="p">{title}</Typography>
      <Typography color="text.secondary">{hint}</Typography>
    </Box>
  );
}
