import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import ListItemButton from '@mui/material/ListItemButton';
import Typography from '@mui/material/Typography';
import CloudOffOutlined from '@mui/icons-material/CloudOffOutlined';
import { memo } from 'react';
import type { TicketView } from '../../../../shared/sync/queries';
import { formatPhone, shortWhen } from './format';
import { VisuallyHidden } from './VisuallyHidden';
import { useDesk, useFormatDuration } from './hooks';

/** Fixed row height: the list is virtualized and never measures rows. */
export const TICKET_ROW_HEIGHT = 84;

interface Props {
  ticket: TicketView;
  selected: boolean;
  now: Date;
  index: number;
  onSelect(id: string): void;
}

/** One ticket in a list: who, the last message, when, unread count, waiting time or close tags. */
export const TicketRow = memo(function TicketRow({ ticket, selected, now, index, onSelect }: Props) {
  const { t, locale, timeZone } = useDesk();
  const duration = useFormatDuration();
  const name = ticket.contact.name || formatPhone(ticket.contact.phone);
  // A closed ticket's old unread messages need no attention any more.
  const unread = ticket.state === 'closed' ? 0 : ticket.unread ?? 0;
  const preview = previewOf(ticket, t);
  return (
    <ListItemButton
      selected={selected}
      aria-current={selected ? 'true' : undefined}
      data-ticket-index={index}
      onClick={() => onSelect(ticket.id)}
      sx={{ height: TICKET_ROW_HEIGHT, alignItems: 'stretch', flexDirection: 'column', justifyContent: 'center', gap: 0.25, borderBottom: 1, borderColor: 'divider' }}
    >
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1, minWidth: 0 }}>
        <Typography variant="subtitle2" component="div" noWrap sx={{ flex: 1, fontWeight: unread > 0 ? 700 : 500 }}>{name}</Typography>
        <Typography variant="caption" color="text.secondary" sx={{ flexShrink: 0 }}>{shortWhen(ticket.lastMessageAt, timeZone, locale, now)}</Typography>
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
        <Typography variant="body2" color="text.secondary" noWrap sx={{ flex: 1, fontStyle: preview.italic ? 'italic' : undefined }}>{preview.text}</Typography>
        {ticket.pending.length > 0 && <CloudOffOutlined fontSize="small" color="action" titleAccess={t('list.pendingChanges')} />}
        {unread > 0 && <UnreadBadge count={unread} label={t('list.unread', { count: unread })} />}
      </Box>
      <Box sx={{ display: 'flex', gap: 0.5, minWidth: 0, overflow: 'hidden' }}>
        {ticket.state === 'waiting' && (
          <Chip size="small" color="warning" variant="outlined" label={t('list.waitingFor', { duration: duration(now.getTime() - Date.parse(ticket.createdAt)) })} />
        )}
        {ticket.state === 'closed' && ticket.closeReason && <Chip size="small" variant="outlined" label={t(`closeReason.${ticket.closeReason}`)} />}
        {ticket.state === 'closed' && ticket.tags.map((tag) => <Chip key={tag} size="small" label={tag} />)}
      </Box>
    </ListItemButton>
  );
});

function previewOf(ticket: TicketView, t: ReturnType<typeof useDesk>['t']): { text: string; italic: boolean } {
  const text = ticket.lastMessagePreview;
  if (!text) return { text: t('list.noMessages'), italic: true };
  switch (ticket.lastMessageAuthor) {
    case 'agent': return { text: t('list.previewAgent', { text }), italic: false };
    case 'bot': return { text: t('list.previewBot', { text }), italic: false };
    case 'system': return { text, italic: true };
    default: return { text, italic: false };
  }
}

/** The count as a pill; screen readers get the sentence instead of the bare number. */
function UnreadBadge({ count, label }: { count: number; label: string }) {
  return (
    <Box component="span" sx={{ flexShrink: 0, minWidth: 22, px: 0.75, borderRadius: 11, bgcolor: 'primary.main', color: 'primary.contrastText', fontSize: 12, fontWeight: 700, lineHeight: '22px', textAlign: 'center' }}>
      <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
      <VisuallyHidden>{label}</VisuallyHidden>
    </Box>
  );
}
