import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { Message } from '../../../../shared/api/messages';
import type { MessageView, NoteView } from '../../../../shared/sync/queries';
import { dayName } from './format';
import { useDesk } from './hooks';
import { MessageItem } from './MessageItem';
import { NoteItem } from './NoteItem';
import { buildTimeline, reactionsByMessage, type TimelineItem } from './timeline';
import type { OlderState } from './useConversation';

/** Closer than this to the top, older messages load. */
const LOAD_OLDER_PX = 300;

interface Props {
  ticketId: string;
  messages: MessageView[];
  notes: NoteView[];
  older: OlderState;
  onLoadOlder(): void;
  onReply(message: MessageView): void;
}

/**
 * The conversation, virtualized and anchored to its end like a chat: it opens at the latest
 * message, follows new ones while the agent is at the bottom, keeps the reading position when
 * older ones are added above, and loads those when the agent scrolls near the top.
 */
export function MessageList({ ticketId, messages, notes, older, onLoadOlder, onReply }: Props) {
  const { t, timeZone } = useDesk();
  const scrollRef = useRef<HTMLDivElement>(null);
  const items = useMemo(() => buildTimeline(messages, notes, timeZone), [messages, notes, timeZone]);
  const byId = useMemo(() => new Map<string, Message>(messages.map((m) => [m.id, m])), [messages]);
  const reactions = useMemo(() => reactionsByMessage(messages), [messages]);

  // A new getItemKey makes the virtualizer lay out every row again: keep it while the items are the same.
  const getItemKey = useCallback((i: number) => items[i]!.key, [items]);
  const estimateSize = useCallback((i: number) => (items[i]?.kind === 'day' ? 40 : 88), [items]);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan: 6,
    anchorTo: 'end',
    followOnAppend: true,
  });

  // A newly opened conversation starts at its latest message.
  const opened = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (items.length === 0 || opened.current === ticketId) return;
    opened.current = ticketId;
    virtualizer.scrollToIndex(items.length - 1, { align: 'end' });
  }, [items.length, ticketId, virtualizer]);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (el && el.scrollTop < LOAD_OLDER_PX && older.state === 'idle' && opened.current === ticketId) onLoadOlder();
  }, [older.state, onLoadOlder, ticketId]);
  // A short conversation cannot scroll: ask for older ones while the top is visible.
  useEffect(() => {
    const el = scrollRef.current;
    if (el && items.length > 0 && el.scrollHeight <= el.clientHeight && older.state === 'idle') onLoadOlder();
  }, [items.length, older.state, onLoadOlder]);

  const showMessage = useCallback((id: string) => {
    const index = items.findIndex((i) => i.kind === 'message' && i.message.id === id);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
  }, [items, virtualizer]);

  return (
    <Box ref={scrollRef} onScroll={onScroll} tabIndex={0} aria-label={t('conversation.scrollArea')} sx={{ flex: 1, minHeight: 0, overflowY: 'auto', py: 1, outline: 'none', '&:focus-visible': { boxShadow: (theme) => `inset 0 0 0 2px ${theme.palette.primary.main}` } }}>
      <OlderBanner older={older} onRetry={onLoadOlder} empty={items.length === 0} />
      {/* The height changes as rows are measured: inline, so it is not a new CSS rule each time. */}
      <Box role="list" aria-label={t('conversation.messages')} style={{ height: virtualizer.getTotalSize() }} sx={{ position: 'relative' }}>
        {virtualizer.getVirtualItems().map((v) => (
          // Inline position, not sx: an sx offset would insert a new CSS rule per row and scroll step.
          <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}>
            <Row item={items[v.index]!} byId={byId} reactions={reactions} onReply={onReply} onShowQuoted={showMessage} />
          </div>
        ))}
      </Box>
    </Box>
  );
}

function Row({ item, byId, reactions, onReply, onShowQuoted }: {
  item: TimelineItem;
  byId: Map<string, Message>;
  reactions: Map<string, string[]>;
  onReply(m: MessageView): void;
  onShowQuoted(id: string): void;
}) {
  switch (item.kind) {
    case 'day':
      return <DaySeparator at={item.at} />;
    case 'note':
      return <NoteItem note={item.note} />;
    case 'message': {
      const m = item.message;
      return <MessageItem message={m} quoted={m.replyToId ? byId.get(m.replyToId) ?? null : undefined} reactions={reactions.get(m.id)} onReply={onReply} onShowQuoted={onShowQuoted} />;
    }
  }
}

/** Memoized: the list re-renders its visible rows at every scroll step, and naming a day formats dates. */
const DaySeparator = memo(function DaySeparator({ at }: { at: string }) {
  const { t, locale, timeZone } = useDesk();
  const name = dayName(at, timeZone, locale, new Date());
  const text = name.kind === 'date' ? name.text : t(`conversation.${name.kind}`);
  return (
    <Box role="listitem" sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2, py: 1 }}>
      <Box sx={{ flex: 1, borderTop: 1, borderColor: 'divider' }} />
      <Typography role="heading" aria-level={3} variant="caption" color="text.secondary" sx={{ fontWeight: 600 }}>{text}</Typography>
      <Box sx={{ flex: 1, borderTop: 1, borderColor: 'divider' }} />
    </Box>
  );
});

function OlderBanner({ older, onRetry, empty }: { older: OlderState; onRetry(): void; empty: boolean }) {
  const { t } = useDesk();
  if (older.state === 'loading') {
    return <Box sx={{ display: 'flex', justifyContent: 'center', py: 1 }}><CircularProgress size={20} aria-label={t('conversation.loadingOlder')} /></Box>;
  }
  if (older.state === 'error') {
    return (
      <Box sx={{ display: 'flex', justifyContent: 'center', alignItems: 'center', gap: 1, py: 1 }}>
        <Typography variant="caption" color="text.secondary">{t(older.code === 'offline' ? 'conversation.olderOffline' : 'conversation.olderFailed')}</Typography>
        <Button size="small" onClick={onRetry}>{t('common.retry')}</Button>
      </Box>
    );
  }
  if (older.state === 'done') {
    return <Typography variant="caption" color="text.secondary" sx={{ display: 'block', textAlign: 'center', py: 1 }}>{t(empty ? 'conversation.noMessages' : 'conversation.start')}</Typography>;
  }
  return null;
}
