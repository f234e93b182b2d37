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
  // A new getItemKey makes the virtualizer lay out every row again: keep it while the list is the same.
  const getItemKey = useCallback((i: number) => tickets[i]!.id, [tickets]);
  const virtualizer = useVirtualizer({
    count: tickets.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => TICKET_ROW_HEIGHT,
    getItemKey,
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
      <Box role="list" aria-label={label} style={{ height: virtualizer.getTotalSize() }} sx={{ position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const ticket = tickets[item.index]!;
          // A plain element with an inline position: an sx offset would be a new CSS class (a rule
          // inserted into the page) for every row at every scroll step.
          return (
            <div
              key={item.key}
              role="listitem"
              aria-setsize={tickets.length}
              aria-posinset={item.index + 1}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
            >
              <TicketRow ticket={ticket} index={item.index} selected={ticket.id === selectedId} now={now} onSelect={onSelect} />
            </div>
          );
        })}
      </Box>
    </Box>
  );
}
