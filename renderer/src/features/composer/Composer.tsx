import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { useTranslation } from 'react-i18next';
import type { MessageView, TicketView } from '../../../../shared/sync/queries';
import { TemplateComposer } from './TemplateComposer';
import { TextComposer } from './TextComposer';
import { useWindowOpen } from './window';

export interface ComposerProps {
  ticket: TicketView;
  /** The message the next one answers, chosen in the conversation. */
  replyTo: MessageView | null;
  onClearReply(): void;
}

/**
 * Where the agent writes (ATD-2). While the customer's 24-hour window is open: free text, emoji,
 * quick replies, attachments. Once it closes: only an active message (template). A closed
 * ticket takes nothing until it is reopened.
 */
export function Composer({ ticket, replyTo, onClearReply }: ComposerProps) {
  const { t } = useTranslation('composer');
  const windowOpen = useWindowOpen(ticket.windowExpiresAt);
  if (ticket.state === 'closed') {
    return (
      <Box sx={{ p: 1.5 }}>
        <Alert severity="info">{t('closedTicket')}</Alert>
      </Box>
    );
  }
  if (!windowOpen) return <TemplateComposer key={ticket.id} ticket={ticket} />;
  return <TextComposer key={ticket.id} ticket={ticket} replyTo={replyTo} onClearReply={onClearReply} />;
}
