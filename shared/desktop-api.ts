import { z } from 'zod';
import type { MeResponse } from './api/auth';
import { agentStatusSchema, idSchema } from './api/common';
import type { Message } from './api/messages';
import type { QuickReplyCategory } from './api/notes';
import type { Contact, Ticket } from './api/tickets';
import type { TemplateInfo } from './api/templates';
import type { EngineStatus, SignInResult, SignOutResult } from './sync/engine';
import type { StoreChange } from './sync/apply';
import type { OutboxEvent } from './sync/flusher';
import type { MessageView, NoteView, OutboxItemView, TicketView } from './sync/queries';
import type { OutboxItem } from './sync/store';

/**
 * The desktop API: every call the renderer may make and every event it may receive. Electron's
 * preload exposes exactly this object (`window.desktop`); the web build implements it with a
 * bridge over REST and socket.io. Inputs are zod schemas, checked again in the main process
 * (they cross a process boundary); outputs come from trusted code and are typed only.
 */

export const languageSchema = z.enum(['pt-BR', 'en', 'es']);
export type Language = z.infer<typeof languageSchema>;

/** What the app remembers between runs (per machine, not per user). */
export const settingsSchema = z.object({
  language: languageSchema,
  theme: z.enum(['light', 'dark', 'system']),
  /** The backend the sign-in screen offers. */
  baseUrl: z.string().max(2000).nullable(),
  lastNumberId: idSchema.nullable(),
  /** Suppresses OS notifications (the agent's own choice, besides paused/invisible). */
  doNotDisturb: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;
export const defaultSettings: Settings = { language: 'pt-BR', theme: 'system', baseUrl: null, lastNumberId: null, doNotDisturb: false };

/** The app's state as a whole, read once at start and then kept current by events. */
export interface DesktopState {
  platform: 'desktop' | 'web';
  appVersion: string;
  engine: EngineStatus;
  /** Who the cache belongs to; null when signed out. */
  session: { userId: string; userName: string; baseUrl: string } | null;
  /** The last /api/v1/me answer (kept for offline starts); null before the first one. */
  me: MeResponse | null;
  settings: Settings;
}

/** The desk's three lists (ATD-2): waiting in the queue, assigned to me, closed. */
export const ticketViewKindSchema = z.enum(['queue', 'mine', 'closed']);
export type TicketViewKind = z.infer<typeof ticketViewKindSchema>;

export interface SearchResult {
  tickets: TicketView[];
  /** Cached messages whose text matches, latest first. */
  messages: Message[];
}

export interface TransferTargets {
  agents: Array<{ id: string; name: string; status: z.infer<typeof agentStatusSchema>; online: boolean }>;
  queues: Array<{ id: string; name: string; isDefault: boolean }>;
}

const empty = z.object({}).strict();
const ticketRef = z.object({ ticketId: idSchema });
const noteTarget = z.union([z.object({ ticketId: idSchema }), z.object({ contactId: idSchema })]);
const templateFields = {
  template: z.string().min(1).max(512),
  language: z.string().min(2).max(15),
  variables: z.array(z.string().max(1024)).max(60).default([]),
  headerVariables: z.array(z.string().max(60)).max(1).default([]),
  buttonVariables: z.array(z.string().max(2000)).max(10).default([]),
};

/** `call<Answer>()(inputSchema)`: the answer is a type only (curried so the input type is inferred). */
function call<O>() {
  return <I extends z.ZodType>(input: I) => ({ input, output: undefined as unknown as O });
}

/** Every call: its input schema and (as a type only) its answer. */
export const desktopCalls = {
  // ---- state, session, settings ----
  getState: call<DesktopState>()(empty),
  signIn: call<SignInResult>()(
    z.object({ baseUrl: z.string().min(1).max(2000), email: z.string().min(1).max(254), password: z.string().min(1).max(256) }),
  ),
  /** With pending items and without `discardPending`, answers how many instead of signing out. */
  signOut: call<SignOutResult>()(z.object({ discardPending: z.boolean().optional() })),
  setSettings: call<Settings>()(settingsSchema.partial()),
  /** Reloads /api/v1/me (online only). */
  refreshMe: call<MeResponse>()(empty),
  /** Catches up now. */
  refresh: call<void>()(empty),

  // ---- reads from the local cache ----
  listTickets: call<TicketView[]>()(
    z.object({ numberId: idSchema, view: ticketViewKindSchema, limit: z.number().int().min(1).max(5000).optional() }),
  ),
  getTicket: call<TicketView | null>()(ticketRef),
  /** Server order, then the agent's unsent ones; with `limit`, the latest. */
  listMessages: call<MessageView[]>()(
    z.object({ ticketId: idSchema, limit: z.number().int().min(1).max(5000).optional() }),
  ),
  /** Fetches older messages from the server into the cache (online only). */
  loadOlderMessages: call<{ loaded: number; hasMore: boolean }>()(
    z.object({ ticketId: idSchema, before: idSchema }),
  ),
  listNotes: call<NoteView[]>()(noteTarget),
  listOutbox: call<OutboxItemView[]>()(z.object({ ticketId: idSchema.optional() })),
  quickReplies: call<QuickReplyCategory[]>()(empty),
  /** Cached tickets and messages of a number matching the text (works offline). */
  search: call<SearchResult>()(z.object({ numberId: idSchema, text: z.string().trim().min(1).max(100) })),

  // ---- reads from the server (online only; they fail with code `offline` otherwise) ----
  getContact: call<Contact>()(z.object({ contactId: idSchema })),
  /** The contact's tickets, latest first (the contact panel's history). */
  contactTickets: call<Ticket[]>()(z.object({ contactId: idSchema })),
  templates: call<TemplateInfo[]>()(z.object({ numberId: idSchema })),
  transferTargets: call<TransferTargets>()(z.object({ numberId: idSchema })),
  /** Tags for closing a ticket: the number's when `numberId` is given, else those of every number the user may access. */
  tags: call<string[]>()(z.object({ numberId: idSchema.optional() }).strict()),
  /** A URL an <img>/<audio>/<a> element can load (short-lived signed URL, or a local cached copy). */
  mediaUrl: call<{ url: string }>()(z.object({ mediaId: z.string().min(1).max(200) })),

  // ---- actions through the outbox (work offline; answered with the queued item) ----
  sendText: call<OutboxItem>()(
    z.object({ ticketId: idSchema, text: z.string().trim().min(1).max(4096), replyTo: idSchema.optional() }),
  ),
  sendMedia: call<OutboxItem>()(z.object({ ticketId: idSchema, mediaId: idSchema, caption: z.string().max(1024).optional(), replyTo: idSchema.optional(), mimeType: z.string().max(255).optional(), filename: z.string().max(255).optional() })),
  addNote: call<OutboxItem>()(z.object({ target: noteTarget, text: z.string().trim().min(1).max(10000) })),
  closeTicket: call<OutboxItem>()(
    z.object({ ticketId: idSchema, tags: z.array(z.string().trim().min(1).max(60)).max(20) }),
  ),
  reopenTicket: call<OutboxItem>()(ticketRef),
  transferTicket: call<OutboxItem>()(
    z.object({ ticketId: idSchema, to: z.union([z.object({ userId: idSchema }), z.object({ queueId: idSchema })]) }),
  ),
  markRead: call<OutboxItem>()(z.object({ ticketId: idSchema, upTo: idSchema })),
  setStatus: call<OutboxItem>()(z.object({ status: agentStatusSchema })),
  retryItem: call<boolean>()(z.object({ id: z.uuid() })),
  editItem: call<boolean>()(
    z.object({ id: z.uuid(), text: z.string().trim().min(1).max(10000).optional(), caption: z.string().max(1024).optional(), tags: z.array(z.string().max(60)).max(20).optional() }),
  ),
  discardItem: call<boolean>()(z.object({ id: z.uuid() })),

  // ---- actions that need the server now (online only) ----
  /** Uploads a file for sendMedia; Meta's type and size limits are checked first. */
  uploadMedia: call<{ mediaId: string }>()(
    z.object({
      filename: z.string().min(1).max(255), mimeType: z.string().min(1).max(255), bytes: z.instanceof(Uint8Array),
      /** The number that will send the file (the server files it under that number); default: settings.lastNumberId. */
      numberId: idSchema.optional(),
    }),
  ),
  /** A template message on a ticket whose 24-hour window closed. */
  sendTemplate: call<Message>()(z.object({ ticketId: idSchema, ...templateFields })),
  /** Starts (or reuses) the contact's ticket with a template (active message). */
  startConversation: call<{ ticketId: string }>()(
    z.object({ numberId: idSchema, to: z.string().trim().regex(/^\+?[1-9]\d{7,14}$/), ...templateFields }),
  ),

  // ---- the host ----
  /** Opens an https link in the system browser. */
  openExternal: call<void>()(z.object({ url: z.url().max(4000) })),
} as const;

export type DesktopCallName = keyof typeof desktopCalls;
export type DesktopCallInput<K extends DesktopCallName> = z.input<(typeof desktopCalls)[K]['input']>;
export type DesktopCallOutput<K extends DesktopCallName> = (typeof desktopCalls)[K]['output'];
export const desktopCallNames = Object.keys(desktopCalls) as DesktopCallName[];

/** Everything pushed to the renderer. */
export interface DesktopEvents {
  state: DesktopState;
  /** Rows that changed in the cache, in order: refresh the views that show them. */
  changes: StoreChange[];
  /** The cache was replaced or wiped: reload every view. */
  reset: 'snapshot' | 'signed-out' | 'user-changed';
  outbox: OutboxEvent;
  /** The agent clicked a notification (or the tray): show this ticket. */
  openTicket: { ticketId: string; numberId: string };
}
export type DesktopEventName = keyof DesktopEvents;
export const desktopEventNames = ['state', 'changes', 'reset', 'outbox', 'openTicket'] as const satisfies readonly DesktopEventName[];

/** A failed call. `code` is from shared/errors.ts, or `offline` / `invalid_input`. */
export interface DesktopError {
  code: string;
  message: string;
}

/** The object the renderer talks to (`window.desktop` in Electron, the web bridge in a browser). */
export type DesktopApi = { [K in DesktopCallName]: (input: DesktopCallInput<K>) => Promise<DesktopCallOutput<K>> } & {
  on<E extends DesktopEventName>(event: E, listener: (payload: DesktopEvents[E]) => void): () => void;
};

/** The IPC channel of a call or event (`desk:<name>`). */
export const ipcChannel = (name: DesktopCallName | DesktopEventName): string => `desk:${name}`;
