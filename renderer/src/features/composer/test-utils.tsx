import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { TemplateInfo } from '../../../../shared/api/templates';
import type { Language } from '../../../../shared/desktop-api';
import type { MessageView, TicketView } from '../../../../shared/sync/queries';
import type { OutboxItem } from '../../../../shared/sync/store';
import { DesktopContext } from '../../desktop/context';
import { createI18n } from '../../i18n';
import { createFakeDesktop, type FakeHandlers } from '../../test/fake-desktop';

/** Renders `ui` with a fake desktop API and the app's i18n in `language` (English by default). */
export async function renderWithDesk(ui: ReactElement, opts: { handlers?: FakeHandlers; language?: Language } = {}) {
  const fake = createFakeDesktop(opts.handlers);
  const i18n = createI18n(opts.language ?? 'en');
  const user = userEvent.setup({ delay: null });
  const view = render(
    <I18nextProvider i18n={i18n}>
      <DesktopContext.Provider value={fake.api}>{ui}</DesktopContext.Provider>
    </I18nextProvider>,
  );
  return { ...view, fake, user };
}

export const ids = {
  ticket: '0190a000-0000-7000-8000-000000000001',
  number: '0190a000-0000-7000-8000-000000000002',
  queue: '0190a000-0000-7000-8000-000000000003',
  contact: '0190a000-0000-7000-8000-000000000004',
  me: '0190a000-0000-7000-8000-000000000005',
  message: '0190a000-0000-7000-8000-000000000006',
};

const hour = 3600_000;

export function ticketFixture(overrides: Partial<TicketView> = {}): TicketView {
  const now = Date.now();
  return {
    id: ids.ticket,
    numberId: ids.number,
    queueId: ids.queue,
    assigneeId: ids.me,
    state: 'open',
    closeReason: null,
    tags: [],
    createdAt: new Date(now - 2 * hour).toISOString(),
    assignedAt: new Date(now - 2 * hour).toISOString(),
    firstResponseAt: null,
    closedAt: null,
    lastMessageAt: new Date(now - hour).toISOString(),
    lastMessageAuthor: 'customer',
    lastMessagePreview: 'Oi',
    windowExpiresAt: new Date(now + 23 * hour).toISOString(),
    contact: { id: ids.contact, name: 'Maria Silva', waId: '5511999990000', phone: '+5511999990000' },
    pending: [],
    ...overrides,
  };
}

export function messageFixture(overrides: Partial<MessageView> = {}): MessageView {
  return {
    id: ids.message,
    ticketId: ids.ticket,
    numberId: ids.number,
    direction: 'in',
    author: 'customer',
    authorId: null,
    type: 'text',
    text: 'Qual o prazo de entrega?',
    media: null,
    content: null,
    replyToId: null,
    wamid: 'wamid.1',
    status: 'received',
    error: null,
    clientId: null,
    createdAt: new Date().toISOString(),
    local: null,
    ...overrides,
  };
}

/** What the outbox answers for an accepted action (the UI only needs it to resolve). */
export function queued(): OutboxItem {
  return {
    id: '0190a000-0000-7000-8000-0000000000ff',
    order: 1,
    lane: `ticket:${ids.ticket}`,
    action: { type: 'send_text', ticketId: ids.ticket, text: 'ok' },
    status: 'pending',
    attempts: 0,
    error: null,
    createdAt: Date.now(),
  };
}

export const templates: TemplateInfo[] = [
  {
    name: 'lembrete_pagamento',
    language: 'pt_BR',
    category: 'UTILITY',
    status: 'APPROVED',
    header: null,
    body: { text: 'Olá, {{1}}! A sua fatura de {{2}} vence em {{3}}.', variables: 3 },
    footer: null,
    buttons: [{ type: 'URL', text: 'Pagar fatura', url: 'https://pagamentos.example.com.br/fatura/{{1}}', variables: 1 }],
  },
  {
    name: 'boas_vindas',
    language: 'pt_BR',
    category: 'MARKETING',
    status: 'APPROVED',
    header: { format: 'TEXT', text: 'Bem-vindo(a)!', variables: 0 },
    body: { text: 'Obrigado por falar com a Go Personal Demo.', variables: 0 },
    footer: 'Atendimento de segunda a sexta',
    buttons: [],
  },
];

/** Types a whole value at once (a paste): for fields whose per-key behaviour is not under test. */
export async function fill(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string): Promise<void> {
  await user.click(field);
  await user.paste(text);
}
