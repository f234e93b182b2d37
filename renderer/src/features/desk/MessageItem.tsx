import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Typography from '@mui/material/Typography';
import ReplyIcon from '@mui/icons-material/Reply';
import SmartToyOutlined from '@mui/icons-material/SmartToyOutlined';
import { memo } from 'react';
import type { Message } from '../../../../shared/api/messages';
import type { MessageView } from '../../../../shared/sync/queries';
import { DeliveryStatus } from './DeliveryStatus';
import { timeOfDay } from './format';
import { useDesk } from './hooks';
import { MessageBody } from './MessageBody';

interface Props {
  message: MessageView;
  /** The message this one answers, when it is loaded. */
  quoted: Message | null | undefined;
  reactions: string[] | undefined;
  onReply(message: MessageView): void;
  onShowQuoted(id: string): void;
}

/** One message: a bubble on the customer's side or ours, the bot's set apart, system notices centred. */
export const MessageItem = memo(function MessageItem({ message, quoted, reactions, onReply, onShowQuoted }: Props) {
  const { t, locale, timeZone, userId } = useDesk();
  const time = timeOfDay(message.createdAt, timeZone, locale);
  if (message.type === 'system') {
    return (
      <Box role="listitem" sx={{ display: 'flex', justifyContent: 'center', py: 0.5, px: 2 }}>
        <Typography variant="caption" color="text.secondary" sx={{ bgcolor: 'action.hover', px: 1.5, py: 0.5, borderRadius: 2, textAlign: 'center' }}>
          {message.text ?? t('message.type.system')} · {time}
        </Typography>
      </Box>
    );
  }
  const inbound = message.direction === 'in';
  const bot = message.author === 'bot';
  const who = inbound ? t('message.author.customer') : bot ? t('message.author.bot') : message.authorId === userId ? t('message.author.me') : t('message.author.agent');
  const canReply = message.local === null && message.type !== 'reaction';
  return (
    <Box
      role="listitem"
      aria-label={t('message.label', { who, time })}
      data-message-id={message.id}
      sx={{ display: 'flex', flexDirection: inbound ? 'row' : 'row-reverse', alignItems: 'flex-end', gap: 0.5, px: 2, py: 0.5, '&:hover .reply, &:focus-within .reply': { opacity: 1 } }}
    >
      <Box
        sx={{
          maxWidth: '72%', minWidth: 80, px: 1.5, py: 1, borderRadius: 2, border: 1,
          borderColor: bot ? 'secondary.light' : 'divider',
          borderStyle: bot ? 'dashed' : 'solid',
          bgcolor: (theme) => bubbleColor(theme.palette.mode, inbound, bot),
        }}
      >
        {bot && (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, color: 'secondary.main', mb: 0.5 }}>
            <SmartToyOutlined sx={{ fontSize: 16 }} />
            <Typography variant="caption" sx={{ fontWeight: 700 }}>{t('message.author.bot')}</Typography>
          </Box>
        )}
        {message.replyToId && <Quote quoted={quoted} onShow={() => onShowQuoted(message.replyToId!)} />}
        <MessageBody message={message} />
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 0.5, mt: 0.5 }}>
          <Typography variant="caption" color="text.secondary">{time}</Typography>
          {!inbound && <DeliveryStatus message={message} />}
        </Box>
        {reactions && reactions.length > 0 && (
          <Box sx={{ display: 'flex', gap: 0.5, mt: 0.5 }}>
            {reactions.map((emoji, i) => <Chip key={i} size="small" label={emoji} aria-label={t('message.reaction', { emoji })} />)}
          </Box>
        )}
      </Box>
      {canReply && (
        <IconButton className="reply" size="small" aria-label={t('message.reply')} onClick={() => onReply(message)} sx={{ opacity: 0.3 }}>
          <ReplyIcon fontSize="small" />
        </IconButton>
      )}
    </Box>
  );
});

/** The message being answered, as a short quote; clicking it shows the original. */
function Quote({ quoted, onShow }: { quoted: Message | null | undefined; onShow(): void }) {
  const { t } = useDesk();
  if (!quoted) {
    return <Typography variant="caption" color="text.secondary" sx={{ display: 'block', fontStyle: 'italic', mb: 0.5 }}>{t('message.quoteNotLoaded')}</Typography>;
  }
  return (
    <ButtonBase
      onClick={onShow}
      aria-label={t('message.quoteLabel', { text: summaryOf(quoted, t) })}
      sx={{ display: 'block', width: '100%', textAlign: 'left', mb: 0.5, px: 1, py: 0.5, borderLeft: 3, borderColor: 'primary.main', bgcolor: 'action.hover', borderRadius: 1 }}
    >
      <Typography variant="caption" sx={{ fontWeight: 700, display: 'block' }}>
        {quoted.direction === 'in' ? t('message.author.customer') : quoted.author === 'bot' ? t('message.author.bot') : t('message.author.agent')}
      </Typography>
      <Typography variant="caption" color="text.secondary" sx={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>
        {summaryOf(quoted, t)}
      </Typography>
    </ButtonBase>
  );
}

/** A one-line idea of a message: its text, or its kind ("Image", "Location"…). */
export function summaryOf(m: Message, t: ReturnType<typeof useDesk>['t']): string {
  return m.text?.trim() || m.media?.filename || t(`message.type.${m.type}`);
}

function bubbleColor(mode: 'light' | 'dark', inbound: boolean, bot: boolean): string {
  if (inbound) return mode === 'dark' ? '#2a2f36' : '#ffffff';
  if (bot) return mode === 'dark' ? '#33303a' : '#f3eff8';
  return mode === 'dark' ? '#1d3a55' : '#e3f2fd';
}
