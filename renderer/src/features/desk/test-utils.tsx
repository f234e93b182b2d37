import { configure, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterAll, beforeAll } from 'vitest';
import type { MeResponse } from '../../../../shared/api/auth';
import type { Language } from '../../../../shared/desktop-api';
import type { MessageView, NoteView, TicketView } from '../../../../shared/sync/queries';
import { useAppStore } from '../../app/app-store';
import { DesktopContext } from '../../desktop/context';
import en from '../../i18n/locales/en/desk.json';
import es from '../../i18n/locales/es/desk.json';
import ptBR from '../../i18n/locales/pt-BR/desk.json';
import { createFakeDesktop, signedOutState, type FakeHandlers } from '../../test/fake-desktop';
import { useDeskStore } from './store';

export const catalogues = { 'pt-BR': ptBR, en, es } as const;

// MUI renders slowly on a busy two-core machine; the default second is too tight for a page.
configure({ asyncUtilTimeout: 5000 });

export const ids = {
  number: '0190b000-0000-7000-8000-000000000001',
  queue: '0190b000-0000-7000-8000-000000000002',
  me: '0190b000-0000-7000-8000-000000000003',
  other: '0190b000-0000-7000-8000-000000000004',
  org: '0190b000-0000-7000-8000-000000000005',
  profile: '0190b000-0000-7000-8000-000000000006',
};
/** A valid id for fixture number `n`. */
export const idOf = (kind: 'ticket' | 'contact' | 'message' | 'note' | 'outbox', n: number) =>
  `0190c000-0000-7000-8${'tcmno'.indexOf(kind[0]!)}00-${String(n).padStart(12, '0')}`;

export const timeZone = 'America/Sao_Paulo';

function me(): MeResponse {
  return {
    user: { id: ids.me, email: 'ana@demo.local', name: 'Ana Lima', status: 'online', profileId: ids.profile },
    organization: { id: ids.org, name: 'Go Personal Demo', timeZone },
    profile: { id: ids.profile, name: 'Agente', key: 'agent', permissions: ['service.desk'] },
    numbers: [{ id: ids.number, wabaId: 'w', phoneNumberId: 'p', displayPhone: '+55 11 4000-0001', identification: 'Vendas', ownerId: ids.me, quality: 'GREEN', access: 'agent', queues: [{ id: ids.queue, name: 'Geral', isDefault: true }] }],
  };
}

/**
 * Renders `ui` as the desk runs it: a fake desktop API, the desk catalogue in `language`
 * (English by default), Ana signed in on number Vendas of an organisation in São Paulo time.
 */
export async function renderDesk(ui: ReactElement, opts: { handlers?: FakeHandlers; language?: Language; numberId?: string | null } = {}) {
  const fake = createFakeDesktop(opts.handlers);
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: opts.language ?? 'en',
    fallbackLng: false,
    ns: ['desk'],
    defaultNS: 'desk',
    resources: Object.fromEntries(Object.entries(catalogues).map(([lng, desk]) => [lng, { desk }])),
    interpolation: { escapeValue: false },
  });
  useAppStore.setState({
    desktop: { ...signedOutState, session: { userId: ids.me, userName: 'Ana Lima', baseUrl: 'http://127.0.0.1:3100' }, me: me() },
    numberId: opts.numberId === undefined ? ids.number : opts.numberId,
  });
  useDeskStore.getState().reset();
  useDeskStore.setState({ view: 'mine', contactPanelOpen: true });
  const user = userEvent.setup();
  const view = render(
    <I18nextProvider i18n={i18n}>
      <DesktopContext.Provider value={fake.api}>{ui}</DesktopContext.Provider>
    </I18nextProvider>,
  );
  return { ...view, fake, user };
}

/**
 * jsdom lays nothing out, so a virtualized list would think it has no room. Gives every element
 * a viewport-sized box for the duration of the file.
 */
export function withLayout(height = 2000, width = 800): void {
  const saved = {
    h: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight'),
    w: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth'),
  };
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => height });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => width });
  });
  afterAll(() => {
    if (saved.h) Object.defineProperty(HTMLElement.prototype, 'clientHeight', saved.h);
    if (saved.w) Object.defineProperty(HTMLElement.prototype, 'clientWidth', saved.w);
  });
}

const minute = 60_000;

export function ticket(n: number, overrides: Partial<TicketView> = {}): TicketView {
  const now = Date.now();
  return {
    id: idOf('ticket', n),
    numberId: ids.number,
    queueId: ids.queue,
    assigneeId: ids.me,
    state: 'open',
    closeReason: null,
    tags: [],
    createdAt: new Date(now - 30 * minute).toISOString(),
    assignedAt: new Date(now - 20 * minute).toISOString(),
    firstResponseAt: null,
    closedAt: null,
    lastMessageAt: new Date(now - n * minute).toISOString(),
    lastMessageAuthor: 'customer',
    lastMessagePreview: `Mensagem ${n}`,
    windowExpiresAt: new Date(now + 20 * 60 * minute).toISOString(),
    contact: { id: idOf('contact', n), name: `Cliente ${n}`, waId: `55119000000${n}`, phone: `55119000000${n}` },
    pending: [],
    ...overrides,
  };
}

export function message(n: number, overrides: Partial<MessageView> = {}): MessageView {
  return {
    id: idOf('message', n),
    ticketId: idOf('ticket', 1),
    numberId: ids.number,
    direction: 'in',
    author: 'customer',
    authorId: null,
    type: 'text',
    text: `Texto ${n}`,
    media: null,
    content: null,
    replyToId: null,
    wamid: `wamid.${n}`,
    status: 'received',
    error: null,
    clientId: null,
    createdAt: new Date(Date.now() - (100 - n) * minute).toISOString(),
    local: null,
    ...overrides,
  };
}

export function note(n: number, overrides: Partial<NoteView> = {}): NoteView {
  return {
    id: idOf('note', n),
    numberId: ids.number,
    ticketId: idOf('ticket', 1),
    contactId: null,
    authorId: ids.me,
    authorName: 'Ana Lima',
    text: `Nota ${n}`,
    createdAt: new Date(Date.now() - (100 - n) * minute).toISOString(),
    updatedAt: new Date(Date.now() - (100 - n) * minute).toISOString(),
    local: null,
    ...overrides,
  };
}
