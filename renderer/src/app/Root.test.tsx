import { act, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../shared/desktop-api';
import { ticket, message, withLayout } from '../features/desk/test-utils';
import { useDeskStore } from '../features/desk/store';
import { createFakeDesktop, signedOutState } from '../test/fake-desktop';
import { signedInState, testIds } from '../test/render';
import { useAppStore } from './app-store';
import { Root } from './Root';

// The composer is another feature with its own tests.
vi.mock('../features/composer/Composer', () => ({ Composer: () => null }));
vi.mock('../features/composer/TicketActions', () => ({ TicketActions: () => null }));
vi.mock('../features/composer/StartConversationButton', () => ({ StartConversationButton: () => null }));

withLayout();

beforeEach(() => {
  useAppStore.setState({ desktop: null, numberId: null, ticketToOpen: null });
  useDeskStore.getState().reset();
  window.location.hash = '#/service/contacts';
});

describe('the app root', () => {
  it('starts on sign-in, follows the pushed state into the shell, and speaks the chosen language', async () => {
    const fake = createFakeDesktop({ getState: () => ({ ...signedOutState, settings: { ...defaultSettings } }) });
    render(<Root api={fake.api} />);
    expect(await screen.findByRole('heading', { name: 'Entrar' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('pt-BR');

    act(() => fake.emit('state', signedInState({ settings: { ...defaultSettings, language: 'es' } })));
    expect(await screen.findByRole('heading', { name: 'Contactos' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Número' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('es');

    act(() => fake.emit('state', { ...signedOutState, settings: { ...defaultSettings, language: 'en' } }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
  });

  it('asks to sign in again when the session ended', async () => {
    const ended = signedInState({ engine: { state: 'needs-sign-in', syncing: false, pending: 1, failed: 0, userId: null, lastError: 'expired' } });
    const fake = createFakeDesktop({ getState: () => ended });
    render(<Root api={fake.api} />);
    expect(await screen.findByRole('heading', { name: 'Sign in again' })).toBeTruthy();
    expect(screen.getByText(/1 unsent action is kept/)).toBeTruthy();
  });

  it('opens the ticket of a notification clicked while another page shows: the desk, its number, the conversation', async () => {
    const clicked = ticket(3, { numberId: testIds.numberB, contact: { id: testIds.org, name: 'Cliente Suporte', waId: '5511900000003', phone: '+55 11 90000-0003' } });
    const fake = createFakeDesktop({
      getState: () => signedInState(),
      listTickets: () => [],
      getTicket: ({ ticketId }) => (ticketId === clicked.id ? clicked : null),
      listMessages: () => [message(1, { ticketId: clicked.id, text: 'Preciso de ajuda com o pedido' })],
      listNotes: () => [],
      markRead: () => ({ id: clicked.id, order: 1, lane: `ticket:${clicked.id}`, action: { type: 'mark_read', ticketId: clicked.id, upTo: message(1).id }, status: 'pending', attempts: 0, error: null, createdAt: Date.now() }),
      getContact: () => { throw Object.assign(new Error('offline'), { code: 'offline' }); },
      contactTickets: () => [],
    });
    render(<Root api={fake.api} />);
    expect(await screen.findByRole('heading', { name: 'Contacts' })).toBeTruthy();
    expect(useAppStore.getState().numberId).toBe(testIds.numberA);

    act(() => fake.emit('openTicket', { ticketId: clicked.id, numberId: testIds.numberB }));
    // The desk's code loads on first use (a lazy page): slow on a busy machine.
    const conversation = await screen.findByRole('region', { name: 'Conversation' }, { timeout: 20_000 });
    expect(await within(conversation).findByText('Preciso de ajuda com o pedido')).toBeTruthy();
    expect(window.location.hash).toBe('#/service/desk');
    expect(useAppStore.getState().numberId).toBe(testIds.numberB);
    expect(useDeskStore.getState().selectedTicketId).toBe(clicked.id);
    expect(useAppStore.getState().ticketToOpen).toBeNull();
  }, 60_000);
});
