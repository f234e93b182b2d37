import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { FakeHandlers } from '../../test/fake-desktop';
import { StartConversationButton } from './StartConversationButton';
import { fill, ids, renderWithDesk, templates } from './test-utils';

async function openDialog(handlers: FakeHandlers, onStarted = vi.fn()) {
  const view = await renderWithDesk(<StartConversationButton numberId={ids.number} onStarted={onStarted} />, { handlers });
  await view.user.click(screen.getByRole('button', { name: 'Start conversation' }));
  const dialog = await screen.findByRole('dialog', { name: 'Start a conversation' });
  const picker = within(dialog).getByRole('combobox', { name: 'Message template' });
  await waitFor(() => expect(picker).toHaveProperty('disabled', false));
  return { ...view, dialog, picker, onStarted };
}

describe('StartConversationButton', () => {
  it('fills the template’s variables with a live preview and reports the ticket it started', async () => {
    const { user, fake, dialog, picker, onStarted } = await openDialog({ templates: () => templates, startConversation: () => ({ ticketId: ids.ticket }) });
    await user.selectOptions(picker, 'lembrete_pagamento');
    // Label queries here: role queries over a whole dialog are slow in jsdom.
    await fill(user, within(dialog).getByLabelText(/^Variable 1/), 'João');
    await fill(user, within(dialog).getByLabelText(/^Variable 2/), 'R$ 50,00');
    await fill(user, within(dialog).getByLabelText(/^Variable 3/), '12/03');
    await fill(user, within(dialog).getByLabelText(/^Button “Pagar fatura” \(end of link\)/), '777');
    expect(within(dialog).getByRole('region', { name: 'Preview' }).textContent).toContain('Olá, João! A sua fatura de R$ 50,00 vence em 12/03.');

    await fill(user, within(dialog).getByLabelText(/^Phone/), '+55 (11) 99999-0000');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(fake.calls.startConversation).toHaveBeenCalledWith({
      numberId: ids.number,
      to: '+5511999990000',
      template: 'lembrete_pagamento',
      language: 'pt_BR',
      variables: ['João', 'R$ 50,00', '12/03'],
      headerVariables: [],
      buttonVariables: ['777'],
    });
    await waitFor(() => expect(onStarted).toHaveBeenCalledWith(ids.ticket));
    expect(await screen.findByText('Active message sent.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Start a conversation' })).toBeNull());
  });

  it('refuses a phone that is not in international format', async () => {
    const { user, fake, dialog, picker } = await openDialog({ templates: () => templates });
    await user.selectOptions(picker, 'boas_vindas');
    const phone = within(dialog).getByRole('textbox', { name: 'Phone' });
    await fill(user, phone, '11 99999-0000');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(within(dialog).getByText(/Type the phone in international format/)).toBeTruthy();
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(fake.calls.startConversation).not.toHaveBeenCalled();
  });

  it('keeps the dialog with the reason when the server refuses', async () => {
    const { user, dialog, picker } = await openDialog({
      templates: () => templates,
      startConversation: () => Promise.reject({ code: 'active_ticket_exists', message: 'A colleague is already serving this customer on this number.' }),
    });
    await user.selectOptions(picker, 'boas_vindas');
    await user.type(within(dialog).getByLabelText(/^Phone/), '+5511988887777{Enter}');
    expect(await within(dialog).findByText('That did not work: A colleague is already serving this customer on this number.')).toBeTruthy();
  });
});
