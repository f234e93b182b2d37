import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransferTargets } from '../../../../shared/desktop-api';
import { useAppStore } from '../../app/app-store';
import { signedOutState } from '../../test/fake-desktop';
import { fill, ids, queued, renderWithDesk, ticketFixture } from './test-utils';
import { TicketActions } from './TicketActions';

const bruno = '0190a000-0000-7000-8000-0000000000d2';
const carla = '0190a000-0000-7000-8000-0000000000d3';
const posVenda = '0190a000-0000-7000-8000-0000000000e2';
const targets: TransferTargets = {
  agents: [
    { id: ids.me, name: 'Ana Lima', status: 'online', online: true },
    { id: bruno, name: 'Bruno Costa', status: 'online', online: true },
    { id: carla, name: 'Carla Souza', status: 'paused', online: false },
  ],
  queues: [
    { id: ids.queue, name: 'Vendas', isDefault: true },
    { id: posVenda, name: 'Pós-venda', isDefault: false },
  ],
};

afterEach(() => useAppStore.setState({ desktop: null }));

describe('TicketActions', () => {
  it('transfers to an agent picked from the number’s agents, showing who is online', async () => {
    const { user, fake } = await renderWithDesk(<TicketActions ticket={ticketFixture()} />, {
      handlers: { transferTargets: () => targets, transferTicket: () => queued() },
    });
    await user.click(screen.getByRole('button', { name: 'Transfer' }));
    const dialog = await screen.findByRole('dialog', { name: 'Transfer ticket' });
    const bruno_ = await within(dialog).findByRole('radio', { name: 'Bruno Costa' });
    // The current assignee is not offered; each agent's state is described.
    expect(within(dialog).queryByRole('radio', { name: 'Ana Lima' })).toBeNull();
    expect(within(dialog).getByRole('radio', { name: 'Carla Souza' }).getAttribute('aria-describedby')).toBeTruthy();
    expect(within(dialog).getByText('Paused')).toBeTruthy();
    expect(fake.calls.transferTargets).toHaveBeenCalledWith({ numberId: ids.number });

    const confirm = within(dialog).getByRole('button', { name: 'Transfer' });
    expect(confirm).toHaveProperty('disabled', true);
    await user.click(bruno_);
    await user.click(confirm);
    expect(fake.calls.transferTicket).toHaveBeenCalledWith({ ticketId: ids.ticket, to: { userId: bruno } });
    expect(await screen.findByText('Ticket transferred to Bruno Costa.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Transfer ticket' })).toBeNull());
  });

  it('transfers to a queue', async () => {
    const { user, fake } = await renderWithDesk(<TicketActions ticket={ticketFixture()} />, {
      handlers: { transferTargets: () => targets, transferTicket: () => queued() },
    });
    await user.click(screen.getByRole('button', { name: 'Transfer' }));
    const dialog = await screen.findByRole('dialog', { name: 'Transfer ticket' });
    await user.click(await within(dialog).findByRole('radio', { name: 'Pós-venda' }));
    await user.click(within(dialog).getByRole('button', { name: 'Transfer' }));
    expect(fake.calls.transferTicket).toHaveBeenCalledWith({ ticketId: ids.ticket, to: { queueId: posVenda } });
  });

  it('offline, still offers the number’s queues from the cache', async () => {
    useAppStore.setState({
      desktop: {
        ...signedOutState,
        me: {
          user: { id: ids.me, email: 'ana@demo.local', name: 'Ana Lima', status: 'online', profileId: ids.me },
          organization: { id: ids.me, name: 'Demo', timeZone: 'America/Sao_Paulo' },
          profile: { id: ids.me, name: 'Agent', key: 'agent', permissions: [] },
          numbers: [{ id: ids.number, wabaId: '1', phoneNumberId: '2', displayPhone: '+55 11 4000-0001', identification: 'Vendas', ownerId: null, quality: 'GREEN', access: 'agent', queues: [{ id: posVenda, name: 'Pós-venda', isDefault: false }] }],
        },
      },
    });
    const { user } = await renderWithDesk(<TicketActions ticket={ticketFixture()} />, {
      handlers: { transferTargets: () => Promise.reject({ code: 'offline', message: 'No connection' }) },
    });
    await user.click(screen.getByRole('button', { name: 'Transfer' }));
    const dialog = await screen.findByRole('dialog', { name: 'Transfer ticket' });
    expect(await within(dialog).findByText(/Agents could not be loaded/)).toBeTruthy();
    expect(within(dialog).getByRole('radio', { name: 'Pós-venda' })).toBeTruthy();
  });

  it('closes with tags ticked from the list and typed ones (matched to the list’s spelling)', async () => {
    const { user, fake } = await renderWithDesk(<TicketActions ticket={ticketFixture()} />, {
      handlers: { tags: () => ['Dúvida', 'Reclamação', 'Venda realizada'], closeTicket: () => queued() },
    });
    await user.click(screen.getByRole('button', { name: 'Close ticket' }));
    const dialog = await screen.findByRole('dialog', { name: 'Close ticket' });
    await user.click(await within(dialog).findByRole('checkbox', { name: 'Venda realizada' }));
    const typed = within(dialog).getByRole('textbox', { name: 'Another tag' });
    await user.type(typed, 'dúvida{Enter}');
    await user.type(typed, 'Retorno agendado{Enter}');
    expect(within(dialog).getByRole('checkbox', { name: 'Dúvida' })).toHaveProperty('checked', true);
    expect(within(dialog).getByRole('checkbox', { name: 'Retorno agendado' })).toHaveProperty('checked', true);
    expect(within(dialog).getByRole('checkbox', { name: 'Reclamação' })).toHaveProperty('checked', false);

    expect(fake.calls.tags).toHaveBeenCalledWith({ numberId: ids.number });
    await user.click(within(dialog).getByRole('button', { name: 'Close ticket' }));
    expect(fake.calls.closeTicket).toHaveBeenCalledWith({ ticketId: ids.ticket, tags: ['Venda realizada', 'Dúvida', 'Retorno agendado'] });
    expect(await screen.findByText('Ticket closed with Venda realizada, Dúvida, Retorno agendado.')).toBeTruthy();
  });

  it('shows why closing failed and keeps the dialog open', async () => {
    const { user } = await renderWithDesk(<TicketActions ticket={ticketFixture()} />, {
      handlers: { tags: () => [], closeTicket: () => Promise.reject({ code: 'invalid_input', message: 'tags: Too many' }) },
    });
    await user.click(screen.getByRole('button', { name: 'Close ticket' }));
    const dialog = await screen.findByRole('dialog', { name: 'Close ticket' });
    await within(dialog).findByText('No tags are set up yet.');
    await user.click(within(dialog).getByRole('button', { name: 'Close ticket' }));
    expect(await within(dialog).findByText('That did not work: tags: Too many')).toBeTruthy();
  });

  it('enables only what applies: a closed ticket can be reopened, not closed or transferred', async () => {
    const { user, fake } = await renderWithDesk(<TicketActions ticket={ticketFixture({ state: 'closed', closeReason: 'attended' })} />, {
      handlers: { reopenTicket: () => queued() },
    });
    const toolbar = screen.getByRole('toolbar', { name: 'Ticket actions' });
    expect(within(toolbar).getByRole('button', { name: 'Close ticket' })).toHaveProperty('disabled', true);
    expect(within(toolbar).getByRole('button', { name: 'Transfer' })).toHaveProperty('disabled', true);
    expect(within(toolbar).getByRole('button', { name: 'Add note' })).toHaveProperty('disabled', false);
    await user.click(within(toolbar).getByRole('button', { name: 'Reopen ticket' }));
    expect(fake.calls.reopenTicket).toHaveBeenCalledWith({ ticketId: ids.ticket });
    expect(await screen.findByText('Ticket reopened.')).toBeTruthy();
  });

  it('cannot reopen an open ticket', async () => {
    await renderWithDesk(<TicketActions ticket={ticketFixture()} />);
    expect(screen.getByRole('button', { name: 'Reopen ticket' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Close ticket' })).toHaveProperty('disabled', false);
  });

  it('adds a private note to the ticket, saying it waits for the connection when offline', async () => {
    useAppStore.setState({ desktop: { ...signedOutState, engine: { ...signedOutState.engine, state: 'offline' } } });
    const { user, fake } = await renderWithDesk(<TicketActions ticket={ticketFixture()} />, { handlers: { addNote: () => queued() } });
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    const dialog = await screen.findByRole('dialog', { name: 'Note on the ticket' });
    const save = within(dialog).getByRole('button', { name: 'Save note' });
    expect(save).toHaveProperty('disabled', true);
    await fill(user, within(dialog).getByRole('textbox', { name: 'Note' }), 'Cliente prefere contato à tarde.');
    await user.click(save);
    expect(fake.calls.addNote).toHaveBeenCalledWith({ target: { ticketId: ids.ticket }, text: 'Cliente prefere contato à tarde.' });
    expect(await screen.findByText('Note saved. You are offline: it goes out when the connection returns.')).toBeTruthy();
  });

  it('speaks Portuguese in pt-BR', async () => {
    await renderWithDesk(<TicketActions ticket={ticketFixture()} />, { language: 'pt-BR' });
    const toolbar = screen.getByRole('toolbar', { name: 'Ações do ticket' });
    for (const name of ['Transferir', 'Encerrar ticket', 'Reabrir ticket', 'Adicionar nota']) {
      expect(within(toolbar).getByRole('button', { name })).toBeTruthy();
    }
  });
});
