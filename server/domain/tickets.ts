import type { AuthorKind, CloseReason, TicketState } from '../../shared/api/tickets';

export const WINDOW_MS = 24 * 3600_000;

/** The customer-service window closes 24 h after the customer's last message (WhatsApp's own timestamp). */
export function windowExpiry(customerMessageAt: Date): Date {
  return new Date(customerMessageAt.getTime() + WINDOW_MS);
}

export function isWindowOpen(windowExpiresAt: Date | null, now: Date): boolean {
  return windowExpiresAt !== null && windowExpiresAt.getTime() > now.getTime();
}

/**
 * Why the inactivity timeout closes a ticket (SPEC "Metric definitions"): after the agent's last
 * message it is `inactive`; otherwise the customer gave up, `lost` before assignment and
 * `abandoned` after it.
 */
export function inactivityCloseReason(state: TicketState, lastAuthor: AuthorKind | null): CloseReason {
  if (lastAuthor === 'agent') return 'inactive';
  return state === 'waiting' ? 'lost' : 'abandoned';
}

export function isInactive(lastMessageAt: Date, inactivityMinutes: number, now: Date): boolean {
  return now.getTime() - lastMessageAt.getTime() >= inactivityMinutes * 60_000;
}

/** A short text for ticket lists. */
export function previewOf(type: string, text: string | null): string {
  if (text) return text.length > 120 ? `${text.slice(0, 119)}…` : text;
  return `[${type}]`;
}
