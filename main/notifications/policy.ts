import type { AgentStatus } from '../../shared/api/common';
import type { Language } from '../../shared/desktop-api';
import { textsFor, type MainTexts } from '../texts';
import type { NotableEvent, Preview } from './detect';

/** The moment's facts the policy decides on (time passed in). */
export interface PolicyContext {
  now: number;
  /** The app window has the focus: the agent is looking at the desk. */
  focused: boolean;
  agentStatus: AgentStatus | null;
  doNotDisturb: boolean;
  language: Language;
}

/** One OS notification. A later one with the same `key` replaces it. */
export interface ShownNotification {
  key: string;
  title: string;
  body: string;
  target: { ticketId: string; numberId: string };
}

export interface PolicyOptions {
  /** At most one notification per ticket (and for the summary) in this long; later news waits and is merged. */
  burstMs: number;
  /** Distinct tickets notified one by one within `burstMs`; news of more tickets goes into one summary. */
  maxTickets: number;
}

export const defaultPolicyOptions: PolicyOptions = { burstMs: 5000, maxTickets: 3 };

interface Group {
  ticketId: string;
  numberId: string;
  contact: string;
  messages: number;
  assigned: boolean;
  latest: Preview | null;
  lastShownAt: number | null;
  /** News arrived since it was last shown. */
  dirty: boolean;
}

interface Summary {
  tickets: Set<string>;
  items: number;
  latest: { ticketId: string; numberId: string; contact: string; preview: Preview | null } | null;
  lastShownAt: number | null;
  dirty: boolean;
}

const SUMMARY_KEY = 'summary';

function previewText(p: Preview | null, t: MainTexts): string | null {
  if (!p) return null;
  if ('text' in p) return p.text;
  return p.caption ? `${t.media[p.media]}: ${p.caption}` : t.media[p.media];
}

/**
 * Which OS notifications to show. Rules:
 * - nothing while the agent is paused or invisible, or asked not to be disturbed (news of that
 *   time is dropped, not saved for later: the lists show it);
 * - a new ticket assigned to the agent always; a customer message only when the window is not
 *   focused;
 * - per ticket, the first news shows at once; more news within `burstMs` is merged into one
 *   notification replacing it ("3 new messages from Ana") when the burst time is up;
 * - news of more than `maxTickets` tickets within `burstMs` goes into one summary
 *   ("7 new messages from 4 customers").
 * Counts add up until the agent looks (window focused, or the ticket opened).
 */
export class NotificationPolicy {
  private readonly groups = new Map<string, Group>();
  private summary: Summary = NotificationPolicy.emptySummary();

  constructor(private readonly opts: PolicyOptions = defaultPolicyOptions) {}

  private static emptySummary(): Summary {
    return { tickets: new Set(), items: 0, latest: null, lastShownAt: null, dirty: false };
  }

  static suppressed(ctx: PolicyContext): boolean {
    return ctx.doNotDisturb || ctx.agentStatus === 'paused' || ctx.agentStatus === 'invisible';
  }

  onEvents(events: readonly NotableEvent[], ctx: PolicyContext): ShownNotification[] {
    if (NotificationPolicy.suppressed(ctx)) {
      this.clear();
      return [];
    }
    const touched = new Set<Group>();
    for (const e of events) {
      if (e.kind === 'message' && ctx.focused) continue;
      let g = this.groups.get(e.ticketId);
      if (!g) {
        g = { ticketId: e.ticketId, numberId: e.numberId, contact: e.contact, messages: 0, assigned: false, latest: null, lastShownAt: null, dirty: false };
        this.groups.set(e.ticketId, g);
      }
      if (e.kind === 'assigned') {
        g.assigned = true;
        g.latest ??= e.preview;
      } else {
        g.messages++;
        g.latest = e.preview;
      }
      g.contact = e.contact;
      g.dirty = true;
      touched.add(g);
    }
    const shown: ShownNotification[] = [];
    for (const g of touched) this.offer(g, ctx, shown);
    this.offerSummary(ctx, shown);
    return shown;
  }

  /** Shows what waited for its burst to end. Call at `nextDueAt()`. */
  tick(ctx: PolicyContext): ShownNotification[] {
    if (NotificationPolicy.suppressed(ctx)) {
      this.clear();
      return [];
    }
    const shown: ShownNotification[] = [];
    for (const g of this.groups.values()) if (g.dirty) this.offer(g, ctx, shown);
    this.offerSummary(ctx, shown);
    return shown;
  }

  /** When something waits, the time it is due (ms); null when nothing waits. */
  nextDueAt(): number | null {
    const due: number[] = [];
    for (const g of this.groups.values()) if (g.dirty && g.lastShownAt !== null) due.push(g.lastShownAt + this.opts.burstMs);
    if (this.summary.dirty && this.summary.lastShownAt !== null) due.push(this.summary.lastShownAt + this.opts.burstMs);
    return due.length > 0 ? Math.min(...due) : null;
  }

  /** The agent looked at the desk: start counting again. */
  clear(): void {
    this.groups.clear();
    this.summary = NotificationPolicy.emptySummary();
  }

  /** The agent opened this ticket. */
  ticketOpened(ticketId: string): void {
    this.groups.delete(ticketId);
  }

  private due(lastShownAt: number | null, now: number): boolean {
    return lastShownAt === null || now - lastShownAt >= this.opts.burstMs;
  }

  /** Tickets with a notification of their own within the burst window. */
  private recentTickets(now: number): number {
    let n = 0;
    for (const g of this.groups.values()) if (g.lastShownAt !== null && now - g.lastShownAt < this.opts.burstMs) n++;
    return n;
  }

  private offer(g: Group, ctx: PolicyContext, out: ShownNotification[]): void {
    if (!this.due(g.lastShownAt, ctx.now)) return;
    if (this.recentTickets(ctx.now) >= this.opts.maxTickets) {
      // Too many tickets at once: this one's news joins the summary.
      this.summary.tickets.add(g.ticketId);
      this.summary.items += Math.max(1, g.messages);
      this.summary.latest = { ticketId: g.ticketId, numberId: g.numberId, contact: g.contact, preview: g.latest };
      this.summary.dirty = true;
      this.groups.delete(g.ticketId);
      return;
    }
    g.lastShownAt = ctx.now;
    g.dirty = false;
    out.push(this.render(g, textsFor(ctx.language)));
  }

  private offerSummary(ctx: PolicyContext, out: ShownNotification[]): void {
    const s = this.summary;
    if (!s.dirty || !s.latest || !this.due(s.lastShownAt, ctx.now)) return;
    const t = textsFor(ctx.language);
    s.lastShownAt = ctx.now;
    s.dirty = false;
    const preview = previewText(s.latest.preview, t);
    out.push({
      key: SUMMARY_KEY,
      title: t.messagesFromCustomers(s.items, s.tickets.size),
      body: preview ? t.latest(s.latest.contact, preview) : t.newTicket(s.latest.contact),
      target: { ticketId: s.latest.ticketId, numberId: s.latest.numberId },
    });
  }

  private render(g: Group, t: MainTexts): ShownNotification {
    const preview = previewText(g.latest, t);
    const title = g.messages > 1 ? t.messagesFrom(g.messages, g.contact) : g.assigned ? t.newTicket(g.contact) : g.contact;
    return { key: `ticket:${g.ticketId}`, title, body: preview ?? t.openToReply, target: { ticketId: g.ticketId, numberId: g.numberId } };
  }
}
