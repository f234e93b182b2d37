import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Contact, Ticket } from '../../../../shared/api/tickets';
import type { MessageView } from '../../../../shared/sync/queries';
import { useAppStore } from '../../app/app-store';
import type { FakeHandlers } from '../../test/fake-desktop';
import DeskPage from './DeskPage';
import { useDeskStore } from './store';
import { ids, idOf, message, renderDesk, ticket, withLayout } from './test-utils';

// The composer and the ticket actions are another feature with their own tests.
vi.mock('../composer/Composer', () => ({ Composer: () => null }));
vi.mock('../composer/TicketActions', () => ({ TicketActions: () => null }));
vi.mock('../composer/StartConversationButton', () => ({ StartConversationButton: () => null }));

withLayout();

const hour = 3600_000;
const open = ticket(1, { windowExpiresAt: new Date(Date.now() + 3 * hour + 30_000).toISOString(), unread: 2 });
const contact: Contact = {
  id: open.contact.id, numberId: ids.number, waId: open.contact.waId, phone: open.contact.phone, name: 'Cliente 1', profileName: null,
  email: 'cliente1@example.com', city: 'Campinas', document: '123.456.789-09', lastInteractionAt: null, windowExpiresAt: open.windowExpiresAt, createdAt: open.createdAt,
};
const earlier: Ticket = { ...ticket(7, { state: 'closed', closeReason: 'attended', tags: ['Venda'] }), contact: open.contact };

function handlers(messages: MessageView[], extra: FakeHandlers = {}): FakeHandlers {
  return {
    listTickets: ({ view }) => (view === 'mine' ? [open] : []),
    getTicket: ({ ticketId }) => (ticketId === open.id ? open : null),
    listMessages: () => messages,
    listNotes: () => [],
    markRead: () => ({ id: idOf('outbox', 1), order: 1, lane: `ticket:${open.id}`, action: { type: 'mark_read', ticketId: open.id, upTo: idOf('message', 2) }, status: 'pending', attempts: 0, error: null, createdAt: Date.now() }),
    loadOlderMessages: () => ({ loaded: 0, hasMore: false }),
    getContact: () => contact,
    contactTickets: () => [open, earlier],
    ...extra,
  };
}

describe('desk page', () => {
  it('asks for a number when none is selected', async () => {
    await renderDesk(<DeskPage />, { numberId: null });
    expect(screen.getByText('No number selected')).toBeTruthy();
  });

  it('opens a ticket from the list: conversation, window left, marked read, contact panel', async () => {
    const messages = [message(1, { text: 'Oi, tudo bem?' }), message(2, { text: 'Quero um orçamento' })];
    const { fake, user } = await renderDesk(<DeskPage />, { handlers: handlers(messages) });
    expect(screen.getByText('Choose a ticket')).toBeTruthy();

    await user.click(await screen.findByRole('button', { name: /Cliente 1/ }));
    const conversation = await screen.findByRole('region', { name: 'Conversation' });
    expect(within(conversation).getByRole('heading', { level: 2, name: 'Cliente 1' })).toBeTruthy();
    expect(await within(conversation).findByText('Quero um orçamento')).toBeTruthy();
    expect(within(conversation).getByText('Window: 3 h 0 min left')).toBeTruthy();
    await waitFor(() => expect(fake.calls.markRead).toHaveBeenCalledWith({ ticketId: open.id, upTo: idOf('message', 2) }));

    const panel = await screen.findByRole('complementary', { name: 'Contact' });
    expect(await within(panel).findByText('cliente1@example.com')).toBeTruthy();
    expect(within(panel).getByText('Campinas')).toBeTruthy();
    expect(within(panel).getByText('123.456.789-09')).toBeTruthy();
    const history = await within(panel).findByRole('list', { name: 'Previous tickets' });
    expect(within(history).getAllByRole('button')).toHaveLength(1);
    expect(within(history).getByText('Venda')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Hide contact panel' }));
    expect(screen.queryByRole('complementary', { name: 'Contact' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Show contact panel' }));
    expect(await screen.findByRole('complementary', { name: 'Contact' })).toBeTruthy();
  });

  it('adds a private note on the contact', async () => {
    const { fake, user } = await renderDesk(<DeskPage />, {
      handlers: handlers([message(1)], { addNote: ({ target, text }) => ({ id: idOf('outbox', 3), order: 3, lane: 'x', action: { type: 'add_note', target: { kind: 'contact', id: (target as { contactId: string }).contactId }, text }, status: 'pending', attempts: 0, error: null, createdAt: Date.now() }) }),
    });
    act(() => useDeskStore.getState().selectTicket(open.id));
    const panel = await screen.findByRole('complementary', { name: 'Contact' });
    await user.type(within(panel).getByRole('textbox', { name: 'New note' }), 'Prefere contato à tarde');
    await user.click(within(panel).getByRole('button', { name: 'Add note' }));
    expect(fake.calls.addNote).toHaveBeenCalledWith({ target: { contactId: open.contact.id }, text: 'Prefere contato à tarde' });
    await waitFor(() => expect((within(panel).getByRole('textbox', { name: 'New note' }) as HTMLTextAreaElement).value).toBe(''));
  });

  it('says so when contact details need the connection', async () => {
    await renderDesk(<DeskPage />, {
      handlers: handlers([message(1)], {
        getContact: () => Promise.reject(Object.assign(new Error('offline'), { code: 'offline' })),
        contactTickets: () => Promise.reject(Object.assign(new Error('offline'), { code: 'offline' })),
      }),
    });
    act(() => useDeskStore.getState().selectTicket(open.id));
    const panel = await screen.findByRole('complementary', { name: 'Contact' });
    expect(await within(panel).findByText('More details when online.')).toBeTruthy();
    expect(await within(panel).findByText('Previous tickets show when online.')).toBeTruthy();
    // What the cache knows still shows.
    expect(within(panel).getByText('Cliente 1')).toBeTruthy();
  });

  it('fetches older messages from the server once the cache has no more', async () => {
    let messages = [message(5, { text: 'Quinta' }), message(6, { text: 'Sexta' })];
    const { fake } = await renderDesk(<DeskPage />, {
      handlers: handlers([], {
        listMessages: () => messages,
        loadOlderMessages: () => {
          messages = [message(4, { text: 'Quarta' }), ...messages];
          return { loaded: 1, hasMore: false };
        },
      }),
    });
    act(() => useDeskStore.getState().selectTicket(open.id));
    expect(await screen.findByText('Quarta')).toBeTruthy();
    expect(fake.calls.loadOlderMessages).toHaveBeenCalledWith({ ticketId: open.id, before: idOf('message', 5) });
    expect(fake.calls.listMessages).toHaveBeenLastCalledWith({ ticketId: open.id, limit: 201 });
    expect(await screen.findByText('Start of the conversation')).toBeTruthy();
  });

  it('shows a new customer message live and marks it read', async () => {
    const messages = [message(1, { text: 'Olá' })];
    const { fake } = await renderDesk(<DeskPage />, { handlers: handlers([], { listMessages: () => [...messages] }) });
    act(() => useDeskStore.getState().selectTicket(open.id));
    await screen.findByText('Olá');
    await waitFor(() => expect(fake.calls.markRead).toHaveBeenCalledTimes(1));

    messages.push(message(2, { text: 'Alguém aí?' }));
    act(() => fake.emit('changes', [{ entity: 'message', op: 'upsert', id: idOf('message', 2), ticketId: open.id, numberId: ids.number, seq: 5, source: 'live' }]));
    expect(await screen.findByText('Alguém aí?')).toBeTruthy();
    await waitFor(() => expect(fake.calls.markRead).toHaveBeenLastCalledWith({ ticketId: open.id, upTo: idOf('message', 2) }));
    expect(fake.calls.markRead).toHaveBeenCalledTimes(2);
  });

  it('does not mark a closed ticket read (no read receipts for old history)', async () => {
    const closed = { ...open, state: 'closed' as const, closeReason: 'attended' as const };
    const { fake } = await renderDesk(<DeskPage />, { handlers: handlers([message(1, { text: 'Obrigado!' })], { getTicket: () => closed }) });
    act(() => useDeskStore.getState().selectTicket(open.id));
    expect(await screen.findByText('Obrigado!')).toBeTruthy();
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.calls.markRead).not.toHaveBeenCalled();
  });

  it('opens the ticket a notification asked for, on another number too', async () => {
    const otherNumber = '0190b000-0000-7000-8000-0000000000bb';
    const elsewhere = ticket(8, { numberId: otherNumber });
    await renderDesk(<DeskPage />, {
      handlers: handlers([message(1, { ticketId: elsewhere.id, text: 'Mensagem do outro número' })], {
        getTicket: ({ ticketId }) => (ticketId === elsewhere.id ? elsewhere : null),
      }),
    });
    await screen.findByText('Choose a ticket');
    // What the shell does on a notification click (Root.test.tsx covers the click from another page).
    act(() => useAppStore.getState().requestTicket({ ticketId: elsewhere.id, numberId: otherNumber }));
    expect(await screen.findByText('Mensagem do outro número')).toBeTruthy();
    expect(useAppStore.getState().numberId).toBe(otherNumber);
    expect(useDeskStore.getState().selectedTicketId).toBe(elsewhere.id);
    expect(useAppStore.getState().ticketToOpen).toBeNull();
  });
});
