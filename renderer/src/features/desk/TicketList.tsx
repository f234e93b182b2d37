import Box from '@mui/material/Box';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef, type KeyboardEvent } from 'react';
import type { TicketView } from '../../../../shared/sync/queries';
import { useNow } from './live';
import { TICKET_ROW_HEIGHT, TicketRow } from './TicketRow';

interface Props {
  tickets: TicketView[];
  selectedId: string | null;
  label: string;
  onSelect(id: string): void;
}

/**
 * The rows of one list, virtualized (tens of thousands of tickets stay smooth). Rows are buttons
 * reached with Tab; Up/Down/Home/End move between them.
 */
export function TicketList({ tickets, selectedId, label, onSelect }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // Waiting times count up while the list is open.
  const now = useNow(15_000);
  const virtualizer = useVirtualizer({
    count: tickets.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => TICKET_ROW_HEIGHT,
    getItemKey: (i) => tickets[i]!.id,
    overscan: 8,
  });

  const focusRow = useCallback((index: number) => {
    const target = Math.max(0, Math.min(tickets.length - 1, index));
    virtualizer.scrollToIndex(target);
    const focus = () => scrollRef.current?.querySelector<HTMLElement>(`[data-ticket-index="${target}"]`)?.focus();
    requestAnimationFrame(focus);
  }, [tickets.length, virtualizer]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = Number((e.target as HTMLElement).closest('[data-ticket-index]')?.getAttribute('data-ticket-index') ?? -1);
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: tickets.length - 1 };
    const next = moves[e.key];
    if (next === undefined || current < 0) return;
    e.preventDefault();
    focusRow(next);
  };

  return (
    <Box ref={scrollRef} onKeyDown={onKeyDown} sx={{ flex: 1, minHeight: 0, overflowY: 'auto' }}>
      <Box role="list" aria-label={label} sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const ticket = tickets[item.index]!;
          return (
            <Box
              key={item.key}
              role="listitem"
              aria-setsize={tickets.length}
              aria-posinset={item.index + 1}
              sx={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
            >
              <TicketRow ticket={ticket} index={item.index} selected={ticket.id === selectedId} now={now} onSelect={onSelect} />
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
