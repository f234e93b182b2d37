import type { MessageView, NoteView } from '../../../../shared/sync/queries';
import { dayKey } from './format';

/** One row of the conversation: a day separator, a message, or a private note. */
export type TimelineItem =
  | { kind: 'day'; key: string; day: string; at: string }
  | { kind: 'message'; key: string; message: MessageView }
  | { kind: 'note'; key: string; note: NoteView };

/**
 * The conversation as shown: messages in the order given (the server's, then the unsent ones),
 * the ticket's notes slotted in by time, and a separator whenever the day changes in the
 * organisation's time zone. Reactions are not rows: they show on the message they react to.
 */
export function buildTimeline(messages: readonly MessageView[], notes: readonly NoteView[], timeZone: string): TimelineItem[] {
  const sortedNotes = [...notes].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
  const out: TimelineItem[] = [];
  let lastDay: string | null = null;
  const push = (item: TimelineItem, at: string) => {
    const day = dayKey(at, timeZone);
    if (day !== lastDay) {
      out.push({ kind: 'day', key: `day:${day}:${out.length}`, day, at });
      lastDay = day;
    }
    out.push(item);
  };
  const ids = new Set(messages.map((m) => m.id));
  let n = 0;
  for (const m of messages) {
    if (m.type === 'reaction' && m.replyToId && ids.has(m.replyToId)) continue;
    // A note belongs before the first server message written after it; unsent messages come last.
    while (n < sortedNotes.length && (m.local !== null || sortedNotes[n]!.createdAt < m.createdAt)) {
      const note = sortedNotes[n++]!;
      push({ kind: 'note', key: `note:${note.local?.outboxId ?? note.id}`, note }, note.createdAt);
    }
    push({ kind: 'message', key: `message:${m.local?.outboxId ?? m.id}`, message: m }, m.createdAt);
  }
  for (; n < sortedNotes.length; n++) {
    const note = sortedNotes[n]!;
    push({ kind: 'note', key: `note:${note.local?.outboxId ?? note.id}`, note }, note.createdAt);
  }
  return out;
}

/** The reactions each message received (latest per author side wins, an empty emoji removes it). */
export function reactionsByMessage(messages: readonly MessageView[]): Map<string, string[]> {
  const latest = new Map<string, Map<string, string>>();
  for (const m of messages) {
    if (m.type !== 'reaction' || !m.replyToId) continue;
    const byAuthor = latest.get(m.replyToId) ?? new Map<string, string>();
    byAuthor.set(m.direction, m.text ?? '');
    latest.set(m.replyToId, byAuthor);
  }
  const out = new Map<string, string[]>();
  for (const [id, byAuthor] of latest) {
    const emojis = [...byAuthor.values()].filter((e) => e.length > 0);
    if (emojis.length > 0) out.set(id, emojis);
  }
  return out;
}
