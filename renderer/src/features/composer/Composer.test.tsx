import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { QuickReplyCategory } from '../../../../shared/api/notes';
import { Composer } from './Composer';
import { useDraftStore } from './draft-store';
import { fill, ids, messageFixture, queued, renderWithDesk, templates, ticketFixture } from './test-utils';

const categories: QuickReplyCategory[] = [
  {
    id: '0190a000-0000-7000-8000-0000000000a1',
    name: 'Vendas',
    authorId: ids.me,
    updatedAt: new Date().toISOString(),
    replies: [
      { id: '0190a000-0000-7000-8000-0000000000b1', title: 'Saudação', text: 'Olá! Sou a Ana, como posso ajudar?' },
      { id: '0190a000-0000-7000-8000-0000000000b2', title: 'Prazo de entrega', text: 'A entrega leva de 3 a 5 dias úteis.' },
      { id: '0190a000-0000-7000-8000-0000000000b3', title: 'Formas de pagamento', text: 'Aceitamos cartão, boleto e Pix.' },
    ],
  },
];

// Drafts outlive the component on purpose (switching tickets keeps them); tests start clean.
beforeEach(() => useDraftStore.setState({ drafts: {} }));

function setup(props: Partial<Parameters<typeof Composer>[0]> = {}, handlers = {}) {
  const onClearReply = vi.fn();
  const sendText = vi.fn(() => queued());
  return renderWithDesk(<Composer ticket={props.ticket ?? ticketFixture()} replyTo={props.replyTo ?? null} onClearReply={onClearReply} />, {
    handlers: { sendText, quickReplies: () => categories, ...handlers },
  }).then((r) => ({ ...r, onClearReply, sendText }));
}

describe('Composer, window open', () => {
  it('sends on Enter, breaks the line on Shift+Enter, and never sends blank text', async () => {
    const { user, fake } = await setup();
    const box = screen.getByRole('textbox', { name: 'Message' });

    await user.type(box, '   {Enter}');
    expect(fake.calls.sendText).not.toHaveBeenCalled();

    await user.clear(box);
    await user.type(box, 'Bom dia{Shift>}{Enter}{/Shift}Tudo certo?');
    expect(box).toHaveProperty('value', 'Bom dia\nTudo certo?');
    expect(fake.calls.sendText).not.toHaveBeenCalled();

    await user.keyboard('{Enter}');
    expect(fake.calls.sendText).toHaveBeenCalledTimes(1);
    expect(fake.calls.sendText).toHaveBeenCalledWith({ ticketId: ids.ticket, text: 'Bom dia\nTudo certo?' });
    await waitFor(() => expect(box).toHaveProperty('value', ''));
  });

  it('sends with the send button too, which is disabled while the box is empty', async () => {
    const { user, fake } = await setup();
    const send = screen.getByRole('button', { name: 'Send' });
    expect(send).toHaveProperty('disabled', true);
    await fill(user, screen.getByRole('textbox', { name: 'Message' }), 'Oi');
    expect(send).toHaveProperty('disabled', false);
    await user.click(send);
    expect(fake.calls.sendText).toHaveBeenCalledWith({ ticketId: ids.ticket, text: 'Oi' });
  });

  it('answers the message chosen for reply, then clears the reply', async () => {
    const replyTo = messageFixture();
    const { user, fake, onClearReply } = await setup({ replyTo });
    const preview = screen.getByRole('group', { name: 'Replying to' });
    expect(within(preview).getByText('Replying to Maria Silva')).toBeTruthy();
    expect(within(preview).getByText('Qual o prazo de entrega?')).toBeTruthy();

    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Chega amanhã{Enter}');
    expect(fake.calls.sendText).toHaveBeenCalledWith({ ticketId: ids.ticket, text: 'Chega amanhã', replyTo: replyTo.id });
    await waitFor(() => expect(onClearReply).toHaveBeenCalledTimes(1));

    await user.click(within(preview).getByRole('button', { name: 'Cancel reply' }));
    expect(onClearReply).toHaveBeenCalledTimes(2);
  });

  it('keeps the text and says why when sending fails', async () => {
    const { user } = await setup({}, { sendText: () => Promise.reject({ code: 'invalid_input', message: 'text: Too big' }) });
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, 'Oi{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('text: Too big');
    expect(box).toHaveProperty('value', 'Oi');
  });

  it('shows pt-BR names when the app is in Portuguese', async () => {
    await renderWithDesk(<Composer ticket={ticketFixture()} replyTo={null} onClearReply={() => {}} />, { language: 'pt-BR' });
    expect(screen.getByRole('textbox', { name: 'Mensagem' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Enviar' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Anexar arquivo' })).toBeTruthy();
  });
});

describe('Composer quick replies', () => {
  it('opens on a leading "/", searches titles and texts, and inserts the reply chosen with the keyboard', async () => {
    const { user, fake } = await setup();
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, '/');
    const list = await screen.findByRole('listbox', { name: 'Quick replies' });
    expect(within(list).getAllByRole('option')).toHaveLength(3);

    // "pix" is only in a reply's text; "entrega" is in a title.
    await user.type(box, 'pix');
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(1));
    expect(within(list).getByRole('option').textContent).toContain('Formas de pagamento');

    await user.clear(box);
    await user.type(box, '/a');
    await waitFor(() => expect(within(screen.getByRole('listbox')).getAllByRole('option').length).toBeGreaterThan(1));
    const options = () => within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options()[0]!.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowDown}');
    expect(options()[1]!.getAttribute('aria-selected')).toBe('true');
    expect(box.getAttribute('aria-activedescendant')).toBe(options()[1]!.id);
    const chosen = options()[1]!.textContent ?? '';

    await user.keyboard('{Enter}');
    const inserted = categories[0]!.replies.find((r) => chosen.includes(r.title))!.text;
    expect(box).toHaveProperty('value', inserted);
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(fake.calls.sendText).not.toHaveBeenCalled();

    await user.keyboard('{Enter}');
    expect(fake.calls.sendText).toHaveBeenCalledWith({ ticketId: ids.ticket, text: inserted });
  });

  it('closes on Escape and keeps what was typed', async () => {
    const { user } = await setup();
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, '/sau');
    expect(await screen.findByRole('listbox', { name: 'Quick replies' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box).toHaveProperty('value', '/sau');
  });

  it('picks a reply with the mouse too', async () => {
    const { user } = await setup();
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, '/prazo');
    await user.click(await screen.findByRole('option', { name: /Prazo de entrega/ }));
    expect(box).toHaveProperty('value', 'A entrega leva de 3 a 5 dias úteis.');
  });
});

describe('Composer emoji', () => {
  it('inserts an emoji at the caret, picked with the mouse or the keyboard', async () => {
    const { user } = await setup();
    const box = screen.getByRole('textbox', { name: 'Message' });
    await fill(user, box, 'Obrigado');
    await user.click(screen.getByRole('button', { name: 'Insert emoji' }));
    const picker = await screen.findByRole('dialog', { name: 'Emoji' });
    await user.click(within(picker).getByRole('button', { name: '🙏' }));
    await waitFor(() => expect(box).toHaveProperty('value', 'Obrigado🙏'));
    await waitFor(() => expect(document.activeElement).toBe(box));

    await user.click(screen.getByRole('button', { name: 'Insert emoji' }));
    const again = await screen.findByRole('dialog', { name: 'Emoji' });
    await waitFor(() => expect(again.contains(document.activeElement)).toBe(true));
    await user.keyboard('{Home}{ArrowRight}{Enter}');
    await waitFor(() => expect(box).toHaveProperty('value', 'Obrigado🙏😃'));

    // Escape closes without inserting and gives focus back to the emoji button.
    const opener = screen.getByRole('button', { name: 'Insert emoji' });
    await user.click(opener);
    await screen.findByRole('dialog', { name: 'Emoji' });
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Emoji' })).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(opener));
    expect(box).toHaveProperty('value', 'Obrigado🙏😃');
  });
});

describe('Composer attachments', () => {
  const file = () => new File(['%PDF-1.4 fake'], 'orcamento.pdf', { type: 'application/pdf' });

  it('uploads the chosen file, then sends it with the text as caption', async () => {
    const mediaId = '0190a000-0000-7000-8000-0000000000c1';
    const { user, fake, container } = await setup({}, { uploadMedia: () => ({ mediaId }), sendMedia: () => queued() });
    await user.upload(container.querySelector<HTMLInputElement>('input[type=file]')!, file());
    expect(screen.getByRole('group', { name: 'Attachment' }).textContent).toContain('orcamento.pdf');

    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Segue o orçamento{Enter}');
    await waitFor(() => expect(fake.calls.sendMedia).toHaveBeenCalledTimes(1));
    const upload = fake.calls.uploadMedia.mock.calls[0]![0];
    expect(upload.filename).toBe('orcamento.pdf');
    expect(upload.mimeType).toBe('application/pdf');
    expect(upload.numberId).toBe(ids.number);
    expect(new TextDecoder().decode(upload.bytes)).toBe('%PDF-1.4 fake');
    expect(fake.calls.sendMedia).toHaveBeenCalledWith({
      ticketId: ids.ticket,
      mediaId,
      mimeType: 'application/pdf',
      filename: 'orcamento.pdf',
      caption: 'Segue o orçamento',
    });
    expect(fake.calls.sendText).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Attachment' })).toBeNull());
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveProperty('value', '');
  });

  it('shows the upload in progress, and keeps the file when the upload fails offline', async () => {
    let fail: (err: unknown) => void = () => {};
    const { user, fake, container } = await setup({}, { uploadMedia: () => new Promise((_ok, no) => (fail = no)) });
    await user.upload(container.querySelector<HTMLInputElement>('input[type=file]')!, file());
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByRole('progressbar', { name: 'Uploading orcamento.pdf…' })).toBeTruthy();

    fail({ code: 'offline', message: 'No connection' });
    expect((await screen.findByRole('alert')).textContent).toContain('You are offline');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByRole('group', { name: 'Attachment' })).toBeTruthy();
    expect(fake.calls.sendMedia).not.toHaveBeenCalled();
  });

  it('refuses a file over WhatsApp’s 100 MB without reading it', async () => {
    const { user, fake, container } = await setup();
    const big = new File(['x'], 'video.mp4', { type: 'video/mp4' });
    Object.defineProperty(big, 'size', { value: 101 * 1024 * 1024 });
    await user.upload(container.querySelector<HTMLInputElement>('input[type=file]')!, big);
    expect((await screen.findByRole('alert')).textContent).toContain('larger than WhatsApp accepts');
    expect(screen.queryByRole('group', { name: 'Attachment' })).toBeNull();
    expect(fake.calls.uploadMedia).not.toHaveBeenCalled();
  });
});

describe('Composer, window closed', () => {
  const closedWindow = () => ticketFixture({ windowExpiresAt: new Date(Date.now() - 60_000).toISOString() });

  it('offers only an active message, previews the variables live and sends them', async () => {
    const sent = vi.fn(() => ({}) as never);
    const { user, fake } = await setup({ ticket: closedWindow() }, { templates: () => templates, sendTemplate: sent });
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
    expect(screen.getByText('The 24-hour window is closed')).toBeTruthy();

    const picker = screen.getByRole('combobox', { name: 'Message template' });
    await waitFor(() => expect(picker).toHaveProperty('disabled', false));
    await user.selectOptions(picker, 'lembrete_pagamento');

    const send = screen.getByRole('button', { name: 'Send active message' });
    const preview = screen.getByRole('region', { name: 'Preview' });
    expect(preview.textContent).toContain('Olá, {{1}}! A sua fatura de {{2}} vence em {{3}}.');
    expect(send).toHaveProperty('disabled', true);

    await fill(user, screen.getByRole('textbox', { name: 'Variable 1' }), 'Maria');
    expect(preview.textContent).toContain('Olá, Maria! A sua fatura de {{2}}');
    await fill(user, screen.getByRole('textbox', { name: 'Variable 2' }), 'R$ 189,90');
    await fill(user, screen.getByRole('textbox', { name: 'Variable 3' }), '10/03');
    expect(send).toHaveProperty('disabled', true);
    await fill(user, screen.getByRole('textbox', { name: 'Button “Pagar fatura” (end of link)' }), '48213');
    expect(preview.textContent).toContain('Olá, Maria! A sua fatura de R$ 189,90 vence em 10/03.');
    expect(preview.textContent).toContain('https://pagamentos.example.com.br/fatura/48213');

    await user.click(send);
    expect(fake.calls.sendTemplate).toHaveBeenCalledWith({
      ticketId: ids.ticket,
      template: 'lembrete_pagamento',
      language: 'pt_BR',
      variables: ['Maria', 'R$ 189,90', '10/03'],
      headerVariables: [],
      buttonVariables: ['48213'],
    });
    expect(await screen.findByText('Active message “lembrete_pagamento” sent.')).toBeTruthy();
  });

  it('says so when the templates cannot be loaded, and loads them again on request', async () => {
    let calls = 0;
    const { user } = await setup({ ticket: closedWindow() }, {
      templates: () => (++calls === 1 ? Promise.reject({ code: 'offline', message: 'No connection' }) : templates),
    });
    expect(await screen.findByText(/Could not load the templates\. You are offline/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Message template' })).toHaveProperty('disabled', false));
    expect(screen.queryByText(/Could not load the templates/)).toBeNull();
  });

  it('shows the failure reason when sending the template fails', async () => {
    const { user } = await setup({ ticket: closedWindow() }, {
      templates: () => templates,
      sendTemplate: () => Promise.reject({ code: 'template_mismatch', message: 'The template changed on WhatsApp.' }),
    });
    const picker = screen.getByRole('combobox', { name: 'Message template' });
    await waitFor(() => expect(picker).toHaveProperty('disabled', false));
    await user.selectOptions(picker, 'boas_vindas');
    expect(screen.getByRole('region', { name: 'Preview' }).textContent).toContain('Bem-vindo(a)!');
    await user.click(screen.getByRole('button', { name: 'Send active message' }));
    expect(await screen.findByText('That did not work: The template changed on WhatsApp.')).toBeTruthy();
  });

  it('tells that a closed ticket takes no message', async () => {
    await setup({ ticket: ticketFixture({ state: 'closed' }) });
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
    expect(screen.getByText(/This ticket is closed/)).toBeTruthy();
  });
});
