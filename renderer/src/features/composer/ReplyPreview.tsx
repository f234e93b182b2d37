import Close from '@mui/icons-material/Close';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { MessageView, TicketView } from '../../../../shared/sync/queries';
import { useAppStore } from '../../app/app-store';
import { ToolButton } from './ToolButton';

/** Who wrote a message, as the reply bar names them. */
export function authorName(t: TFunction<'composer'>, message: MessageView, ticket: TicketView, meId: string | null): string {
  switch (message.author) {
    case 'customer':
      return ticket.contact.name ?? ticket.contact.phone;
    case 'agent':
      return message.authorId !== null && message.authorId === meId ? t('author.you') : t('author.agent');
    case 'bot':
      return t('author.bot');
    default:
      return t('author.system');
  }
}

/** One line for a quoted message: its text or caption, else what kind of message it is. */
export function messageSummary(t: TFunction<'composer'>, message: MessageView): string {
  const text = message.text?.trim();
  if (text) return text;
  const kind = t(`messageType.${message.type}`);
  return message.media?.filename ? `${kind}: ${message.media.filename}` : kind;
}

/** The message the next one answers, with a button to answer nothing instead. */
export function ReplyPreview({ message, ticket, onClear }: { message: MessageView; ticket: TicketView; onClear(): void }) {
  const { t } = useTranslation('composer');
  const meId = useAppStore((s) => s.desktop?.me?.user.id ?? null);
  return (
    <Box
      role="group"
      aria-label={t('reply.label')}
      sx={{ display: 'flex', alignItems: 'center', gap: 1, borderLeft: 4, borderColor: 'primary.main', bgcolor: 'action.hover', borderRadius: 1, pl: 1.5, pr: 0.5, py: 0.5 }}
    >
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Typography variant="caption" color="primary" component="div">
          {t('reply.to', { name: authorName(t, message, ticket, meId) })}
        </Typography>
        <Typography variant="body2" noWrap>
          {messageSummary(t, message)}
        </Typography>
      </Box>
      <ToolButton label={t('reply.clear')} size="small" onClick={onClear}>
        <Close fontSize="small" />
      </ToolButton>
    </Box>
  );
}
