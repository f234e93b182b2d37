import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useMemo, type ReactNode } from 'react';
import type { MessageView } from '../../../../shared/sync/queries';
import { useDesktop } from '../../desktop/context';
import { Composer } from '../composer/Composer';
import { ConversationHeader } from './ConversationHeader';
import { useDesk } from './hooks';
import { MediaUrls, MediaUrlsContext } from './media';
import { MessageList } from './MessageList';
import { useDeskStore } from './store';
import { useConversation } from './useConversation';

/** The middle pane: the open ticket's header, its messages and notes, and the composer. */
export function Conversation({ ticketId, onBack }: { ticketId: string; onBack?: (() => void) | undefined }) {
  const api = useDesktop();
  const { t } = useDesk();
  const conversation = useConversation(api, ticketId);
  const replyTo = useDeskStore((s) => s.replyTo);
  const setReplyTo = useDeskStore((s) => s.setReplyTo);
  const mediaUrls = useMemo(() => new MediaUrls(api), [api]);
  const onReply = useCallback((m: MessageView) => setReplyTo(m), [setReplyTo]);
  const clearReply = useCallback(() => setReplyTo(null), [setReplyTo]);
  const { status, ticket } = conversation;
  // The contact panel (a sibling pane) shows the customer of the ticket open here.
  const setOpenTicket = useDeskStore((s) => s.setOpenTicket);
  useEffect(() => {
    setOpenTicket(ticket);
  }, [ticket, setOpenTicket]);
  useEffect(() => () => setOpenTicket(null), [setOpenTicket]);

  // Made again only when what they show changes, not at every reload of the messages (the
  // composer's text box measures itself on each render, which costs a layout of the page).
  const shownReply = replyTo && replyTo.ticketId === ticketId ? replyTo : null;
  const header = useMemo(() => ticket && <ConversationHeader ticket={ticket} onBack={onBack} />, [ticket, onBack]);
  const composer = useMemo(() => ticket && <Composer ticket={ticket} replyTo={shownReply} onClearReply={clearReply} />, [ticket, shownReply, clearReply]);

  if (status === 'loading' && !ticket) {
    return <Centered><CircularProgress size={28} aria-label={t('conversation.loading')} /></Centered>;
  }
  if (status === 'error') {
    return <Centered><Typography color="error">{t('conversation.error')}</Typography></Centered>;
  }
  if (!ticket) {
    return (
      <Centered>
        <Typography color="text.secondary" align="center">{t('conversation.notAvailable')}</Typography>
        <Button onClick={() => useDeskStore.getState().selectTicket(null)}>{t('conversation.close')}</Button>
      </Centered>
    );
  }
  return (
    <MediaUrlsContext.Provider value={mediaUrls}>
      <Box component="section" aria-label={t('conversation.label')} sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
        {header}
        <MessageList
          ticketId={ticketId}
          messages={conversation.messages}
          notes={conversation.notes}
          older={conversation.older}
          onLoadOlder={() => void conversation.loadOlder()}
          onReply={onReply}
        />
        {composer}
      </Box>
    </MediaUrlsContext.Provider>
  );
}

function Centered({ children }: { children: ReactNode }) {
  return <Box sx={{ height: '100%', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 1, p: 3 }}>{children}</Box>;
}
