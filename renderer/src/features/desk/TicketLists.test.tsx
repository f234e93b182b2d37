import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TicketViewKind } from '../../../../shared/desktop-api';
import type { TicketView } from '../../../../shared/sync/queries';
import { useDeskStore } from './store';
import { TicketLists } from './TicketLists';
import { ids, idOf, renderDesk, ticket, withLayout } from './test-utils';

withLayout();

const minute = 60_000;

/** A desktop whose lists answer from `lists` (mutable, so a test can change what the cache holds). */
function listsOf(lists: Partial<Record<TicketViewKind, TicketView[]>>) {
  return { listTickets: ({ view }: { view: TicketViewKind }) => lists[view] ?? [] };
}

describe('ticket lists', () => {
  it('has Queue, Mine and Closed tabs, opens on Mine and loads the list of the chosen tab', async () => {
    const waiting = ticket(1, { state: 'waiting', assigneeId: null, createdAt: new Date(Date.now() - 12 * minute).toISOString(), contact: { id: idOf('contact', 1), name: 'Maria na fila', waId: '5511900000001', phone: '5511900000001' } });
    const mine = ticket(2, { contact: { id: idOf('contact', 2), name: 'João em atendimento', waId: '5511900000002', phone: '5511900000002' } });
    const closed = ticket(3, { state: 'closed', closeReason: 'attended', tags: ['Venda'], contact: { id: idOf('contact', 3), name: 'Rita encerrada', waId: '5511900000003', phone: '5511900000003' } });
    const { fake, user } = await renderDesk(<TicketLists numberId={ids.number} />, { handlers: listsOf({ queue: [waiting], mine: [mine], closed: [closed] }) });

    const tabs = screen.getByRole('tablist', { name: 'Ticket lists' });
    expect(within(tabs).getAllByRole('tab').map((t) => t.textContent)).toEqual(['Queue', 'Mine', 'Closed']);
    expect(screen.getByRole('tab', { name: 'Mine' }).getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByText('João em atendimento')).toBeTruthy();
    expect(fake.calls.listTickets).toHaveBeenLastCalledWith({ numberId: ids.number, view: 'mine' });

    await user.click(screen.getByRole('tab', { name: 'Queue' }));
    expect(await screen.findByText('Maria na fila')).toBeTruthy();
    expect(screen.queryByText('João em atendimento')).toBeNull();
    expect(screen.getByText('Waiting 12 min')).toBeTruthy();
    expect(fake.calls.listTickets).toHaveBeenLastCalledWith({ numberId: ids.number, view: 'queue' });

    await user.click(screen.getByRole('tab', { name: 'Closed' }));
    const list = await screen.findByRole('list', { name: 'Closed tickets' });
    expect(within(list).getByText('Rita encerrada')).toBeTruthy();
    expect(within(list).getByText('Attended')).toBeTruthy();
    expect(within(list).getByText('Venda')).toBeTruthy();
  });

  it('names the tabs in Portuguese', async () => {
    await renderDesk(<TicketLists numberId={ids.number} />, { handlers: listsOf({}), language: 'pt-BR' });
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Fila', 'Meus', 'Encerrados']);
    expect(screen.getByRole('searchbox', { name: 'Buscar tickets' })).toBeTruthy();
    expect(await screen.findByText('Você não tem tickets em atendimento')).toBeTruthy();
  });

  it('shows the unread count of a ticket, and none when everything was read or the ticket is closed', async () => {
    const unread = ticket(1, { unread: 3 });
    const read = ticket(2, { unread: 0 });
    const closed = ticket(3, { unread: 4, state: 'closed', closeReason: 'abandoned' });
    const { user } = await renderDesk(<TicketLists numberId={ids.number} />, { handlers: listsOf({ mine: [unread, read], closed: [closed] }) });
    const rows = await screen.findAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('Unread messages: 3')).toBeTruthy();
    expect(within(rows[0]!).getByText('3')).toBeTruthy();
    expect(within(rows[1]!).queryByText(/Unread messages/)).toBeNull();

    await user.click(screen.getByRole('tab', { name: 'Closed' }));
    expect(await screen.findByText('Abandoned')).toBeTruthy();
    expect(screen.queryByText(/Unread messages/)).toBeNull();
  });

  it('says so when the queue is empty', async () => {
    const { user } = await renderDesk(<TicketLists numberId={ids.number} />, { handlers: listsOf({ mine: [ticket(1)] }) });
    await screen.findByText('Cliente 1');
    await user.click(screen.getByRole('tab', { name: 'Queue' }));
    expect(await screen.findByText('No tickets in the queue')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Queue tickets' })).toBeNull();
  });

  it('shows a new ticket when a change of the number arrives, and ignores other numbers', async () => {
    const lists: Partial<Record<TicketViewKind, TicketView[]>> = { mine: [ticket(1)] };
    const { fake } = await renderDesk(<TicketLists numberId={ids.number} />, { handlers: listsOf(lists) });
    await screen.findByText('Cliente 1');
    const calls = fake.calls.listTickets.mock.calls.length;

    lists.mine = [ticket(2, { lastMessageAt: new Date().toISOString(), lastMessagePreview: 'Acabei de chegar' }), ticket(1)];
    act(() => fake.emit('changes', [{ entity: 'ticket', op: 'upsert', id: idOf('ticket', 9), ticketId: idOf('ticket', 9), numberId: '0190b000-0000-7000-8000-00000000ffff', seq: 10, source: 'live' }]));
    await new Promise((r) => setTimeout(r, 150));
    expect(fake.calls.listTickets.mock.calls.length).toBe(calls);
    expect(screen.queryByText('Cliente 2')).toBeNull();

    act(() => fake.emit('changes', [{ entity: 'ticket', op: 'upsert', id: idOf('ticket', 2), ticketId: idOf('ticket', 2), numberId: ids.number, seq: 11, source: 'live' }]));
    expect(await screen.findByText('Cliente 2')).toBeTruthy();
    expect(screen.getByText('Acabei de chegar')).toBeTruthy();
    const names = screen.getAllByRole('listitem').map((row) => within(row).getByText(/^Cliente/).textContent);
    expect(names).toEqual(['Cliente 2', 'Cliente 1']);
  });

  it('reloads the list after the cache was reset', async () => {
    const lists: Partial<Record<TicketViewKind, TicketView[]>> = { mine: [] };
    const { fake } = await renderDesk(<TicketLists numberId={ids.number} />, { handlers: listsOf(lists) });
    await screen.findByText('You have no tickets in service');
    lists.mine = [ticket(5)];
    act(() => fake.emit('reset', 'snapshot'));
    expect(await screen.findByText('Cliente 5')).toBeTruthy();
  });

  it('searches the number and keeps only the hits that belong to the open list', async () => {
    const mineHit = ticket(1, { contact: { id: idOf('contact', 1), name: 'Maria Souza', waId: '5511900000001', phone: '5511900000001' } });
    const queueHit = ticket(2, { state: 'waiting', assigneeId: null, contact: { id: idOf('contact', 2), name: 'Maria Lima', waId: '5511900000002', phone: '5511900000002' } });
    const byMessage = ticket(3, { contact: { id: idOf('contact', 3), name: 'Carlos', waId: '5511900000003', phone: '5511900000003' } });
    const { fake, user } = await renderDesk(<TicketLists numberId={ids.number} />, {
      handlers: {
        ...listsOf({ mine: [ticket(4)] }),
        search: () => ({ tickets: [mineHit, queueHit], messages: [{ ...byMessage, id: idOf('message', 1), ticketId: byMessage.id } as never] }),
        getTicket: ({ ticketId }) => (ticketId === byMessage.id ? byMessage : null),
      },
    });
    await screen.findByText('Cliente 4');
    await user.type(screen.getByRole('searchbox', { name: 'Search tickets' }), 'maria');
    expect(await screen.findByText('Maria Souza')).toBeTruthy();
    expect(screen.getByText('Carlos')).toBeTruthy();
    expect(screen.queryByText('Maria Lima')).toBeNull();
    expect(screen.queryByText('Cliente 4')).toBeNull();
    expect(fake.calls.search).toHaveBeenLastCalledWith({ numberId: ids.number, text: 'maria' });

    fake.calls.search.mockResolvedValue({ tickets: [], messages: [] });
    await user.clear(screen.getByRole('searchbox', { name: 'Search tickets' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search tickets' }), 'zzz');
    expect(await screen.findByText('No tickets match "zzz"')).toBeTruthy();
  });

  it('opens a ticket on click and moves between rows with the arrow keys', async () => {
    const { user } = await renderDesk(<TicketLists numberId={ids.number} />, { handlers: listsOf({ mine: [ticket(1), ticket(2), ticket(3)] }) });
    await user.click(await screen.findByText('Cliente 2'));
    expect(useDeskStore.getState().selectedTicketId).toBe(idOf('ticket', 2));
    const rows = screen.getAllByRole('button', { name: /Cliente/ });
    expect(rows[1]!.getAttribute('aria-current')).toBe('true');

    rows[0]!.focus();
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: /Cliente 2/ })));
    await user.keyboard('{End}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: /Cliente 3/ })));
    await user.keyboard('{Enter}');
    expect(useDeskStore.getState().selectedTicketId).toBe(idOf('ticket', 3));
  });
});
