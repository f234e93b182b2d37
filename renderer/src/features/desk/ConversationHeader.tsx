import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Typography from '@mui/material/Typography';
import ArrowBack from '@mui/icons-material/ArrowBack';
import ContactPageOutlined from '@mui/icons-material/ContactPageOutlined';
import ScheduleOutlined from '@mui/icons-material/ScheduleOutlined';
import type { TicketView } from '../../../../shared/sync/queries';
import { TicketActions } from '../composer/TicketActions';
import { formatPhone } from './format';
import { useDesk, useFormatDuration } from './hooks';
import { useNow } from './live';
import { useDeskStore } from './store';

/** Under this much time left, the window chip turns to a warning. */
const WINDOW_WARNING_MS = 60 * 60_000;

/** Who the conversation is with, its state, the 24-hour window, the ticket's actions. */
export function ConversationHeader({ ticket, onBack }: { ticket: TicketView; onBack?: (() => void) | undefined }) {
  const { t } = useDesk();
  const panelOpen = useDeskStore((s) => (s.panelMode === 'docked' ? s.contactPanelOpen : s.contactDrawerOpen));
  const togglePanel = useDeskStore((s) => s.toggleContactPanel);
  const name = ticket.contact.name || formatPhone(ticket.contact.phone);
  return (
    <Box component="header" sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2, py: 1, borderBottom: 1, borderColor: 'divider', flexWrap: 'wrap' }}>
      {onBack && <IconButton aria-label={t('conversation.back')} onClick={onBack}><ArrowBack /></IconButton>}
      <Box sx={{ minWidth: 200, flex: '1 1 200px' }}>
        <Typography variant="h6" component="h2" noWrap>{name}</Typography>
        <Typography variant="body2" color="text.secondary" noWrap>
          {formatPhone(ticket.contact.phone)} · {t(`state.${ticket.state}`)}
        </Typography>
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexShrink: 0, ml: 'auto' }}>
        <WindowChip expiresAt={ticket.windowExpiresAt} />
        <TicketActions ticket={ticket} />
        <IconButton
          aria-label={t(panelOpen ? 'contact.hidePanel' : 'contact.showPanel')}
          onClick={togglePanel}
        >
          <ContactPageOutlined />
        </IconButton>
      </Box>
    </Box>
  );
}

/** The time left in the customer-service window (free-form messages allowed), live. */
export function WindowChip({ expiresAt }: { expiresAt: string | null }) {
  const { t } = useDesk();
  const duration = useFormatDuration();
  const now = useNow(30_000);
  const left = expiresAt ? Date.parse(expiresAt) - now.getTime() : -1;
  if (left <= 0) {
    return <Chip icon={<ScheduleOutlined />} size="small" color="default" variant="outlined" label={t('window.closed')} title={t('window.closedHint')} />;
  }
  return (
    <Chip
      icon={<ScheduleOutlined />}
      size="small"
      variant="outlined"
      color={left < WINDOW_WARNING_MS ? 'warning' : 'success'}
      label={t('window.left', { duration: duration(left) })}
      title={t('window.hint')}
    />
  );
}
