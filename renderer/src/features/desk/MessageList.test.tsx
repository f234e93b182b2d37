import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { MessageView, NoteView } from '../../../../shared/sync/queries';
import { MessageList } from './MessageList';
import { idOf, message, note, renderDesk, withLayout } from './test-utils';

withLayout();

const ticketId = idOf('ticket', 1);
const outboxId = '0190d000-0000-7000-8000-0000000000aa';

async function show(messages: MessageView[], opts: { notes?: NoteView[]; language?: 'en' | 'pt-BR' | 'es' } = {}) {
  const onReply = vi.fn();
  const r = await renderDesk(
    <MessageList ticketId={ticketId} messages={messages} notes={opts.notes ?? []} older={{ state: 'done' }} onLoadOlder={() => undefined} onReply={onReply} />,
    {
      ...(opts.language ? { language: opts.language } : {}),
      handlers: {
        mediaUrl: ({ mediaId }) => ({ url: `https://media.example.test/${mediaId}` }),
        openExternal: () => undefined,
        retryItem: () => true,
        discardItem: () => true,
      },
    },
  );
  return { ...r, onReply, list: screen.getByRole('list', { name: opts.language === 'pt-BR' ? 'Mensagens' : 'Messages' }) };
}

/** The list item of the message whose text (or other content) matches. */
function itemWith(text: string | RegExp, selector = '*'): HTMLElement {
  return screen.getByText(text, { selector }).closest<HTMLElement>('[role="listitem"]')!;
}

describe('message rendering', () => {
  it('shows text, media through short-lived links, and every other type the backend stores', async () => {
    const media = (id: string, mimeType: string, filename: string | null = null) => ({ id, mimeType, filename });
    const original = message(1, { text: 'Qual o valor do frete?' });
    const { fake, user } = await show([
      original,
      message(2, { type: 'image', text: 'Foto do produto', media: media('m-img', 'image/jpeg') }),
      message(3, { type: 'document', text: null, media: media('m-doc', 'application/pdf', 'contrato.pdf') }),
      message(4, { type: 'audio', text: null, media: media('m-aud', 'audio/ogg') }),
      message(5, { type: 'video', text: null, media: media('m-vid', 'video/mp4') }),
      message(6, { type: 'sticker', text: null, media: media('m-stk', 'image/webp') }),
      message(7, { type: 'location', text: 'Loja Centro', content: { latitude: -23.55, longitude: -46.63, name: 'Loja Centro', address: 'Rua Direita, 100, São Paulo' } }),
      message(8, { type: 'contacts', text: null, content: { contacts: [{ name: { formatted_name: 'Pedro Alves' }, phones: [{ phone: '+55 11 98888-7777' }], emails: [{ email: 'pedro@example.com' }] }] } }),
      message(9, { type: 'interactive', text: 'Segunda via', content: { type: 'list_reply', list_reply: { id: 'b2', title: 'Segunda via', description: 'Boleto atualizado' } } }),
      message(10, { type: 'button', text: 'Sim', content: { text: 'Sim', payload: 'yes' } }),
      message(11, { type: 'reaction', text: '👍', replyToId: original.id, content: { emoji: '👍' } }),
      message(12, { type: 'template', direction: 'out', author: 'agent', authorId: null, status: 'delivered', text: 'Olá, Maria! Seu pedido foi enviado.', content: { template: { name: 'pedido_enviado', language: 'pt_BR', body: ['Maria'] } } }),
      message(13, { type: 'unsupported', text: null, content: { originalType: 'poll' } }),
      message(14, { type: 'system', text: 'O cliente mudou de número' }),
    ]);

    expect(screen.getByText('Qual o valor do frete?')).toBeTruthy();
    const image = await screen.findByRole('img', { name: 'Foto do produto' });
    expect(image.getAttribute('src')).toBe('https://media.example.test/m-img');
    expect(screen.getByText('Foto do produto', { selector: 'p' })).toBeTruthy();
    const doc = await screen.findByRole('link', { name: 'Open contrato.pdf' });
    expect(doc.getAttribute('href')).toBe('https://media.example.test/m-doc');
    await waitFor(() => expect(document.querySelector('audio')?.getAttribute('src')).toBe('https://media.example.test/m-aud'));
    expect(document.querySelector('audio')?.hasAttribute('controls')).toBe(true);
    expect(document.querySelector('video')?.getAttribute('src')).toBe('https://media.example.test/m-vid');
    expect((await screen.findByRole('img', { name: 'Sticker' })).getAttribute('src')).toBe('https://media.example.test/m-stk');
    expect(fake.calls.mediaUrl).toHaveBeenCalledWith({ mediaId: 'm-doc' });

    expect(screen.getByText('Rua Direita, 100, São Paulo')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Open in the map' }));
    expect(fake.calls.openExternal).toHaveBeenCalledWith({ url: 'https://www.openstreetmap.org/?mlat=-23.55&mlon=-46.63#map=17/-23.55/-46.63' });

    const card = itemWith('Pedro Alves');
    expect(within(card).getByText('+55 (11) 98888-7777')).toBeTruthy();
    expect(within(card).getByText('pedro@example.com')).toBeTruthy();

    expect(within(itemWith('Boleto atualizado')).getByText('Chose')).toBeTruthy();
    expect(within(itemWith('Boleto atualizado')).getByText('Segunda via')).toBeTruthy();
    expect(within(itemWith('Sim')).getByText('Pressed')).toBeTruthy();
    // A reaction shows on the message it reacts to, not as a message of its own.
    expect(within(itemWith('Qual o valor do frete?', 'p')).getByLabelText('Reaction 👍')).toBeTruthy();
    expect(screen.queryByText('Reacted 👍')).toBeNull();
    expect(within(itemWith('Olá, Maria! Seu pedido foi enviado.')).getByText('Template: pedido_enviado')).toBeTruthy();
    expect(screen.getByText('A poll message, which cannot be shown here.')).toBeTruthy();
    expect(screen.getByText(/O cliente mudou de número/)).toBeTruthy();
  });

  it('shows a reaction to a message that is not loaded as its own line', async () => {
    await show([message(1, { type: 'reaction', text: '❤️', replyToId: idOf('message', 99) })]);
    expect(screen.getByText('Reacted ❤️')).toBeTruthy();
  });

  it('quotes the message a reply answers, and offers a reply button on each message', async () => {
    const original = message(1, { text: 'Vocês entregam em Campinas?' });
    const answer = message(2, { direction: 'out', author: 'agent', status: 'read', text: 'Entregamos sim!', replyToId: original.id });
    const { onReply, user } = await show([original, answer, message(3, { text: 'Sobre uma mensagem antiga', replyToId: idOf('message', 50) })]);

    const item = itemWith('Entregamos sim!');
    expect(within(item).getByRole('button', { name: 'Replying to: Vocês entregam em Campinas?' })).toBeTruthy();
    expect(within(itemWith('Sobre uma mensagem antiga')).getByText('Reply to a message that is not loaded')).toBeTruthy();

    expect(screen.getAllByRole('button', { name: 'Reply' })).toHaveLength(3);
    await user.click(within(itemWith('Vocês entregam em Campinas?', 'p')).getByRole('button', { name: 'Reply' }));
    expect(onReply).toHaveBeenCalledWith(original);
  });

  it('shows delivery ticks, and the reason a message failed', async () => {
    const out = (n: number, status: MessageView['status'], extra: Partial<MessageView> = {}) =>
      message(n, { direction: 'out', author: 'agent', text: `Resposta ${n}`, status, ...extra });
    await show([
      out(1, 'sent'),
      out(2, 'delivered'),
      out(3, 'read'),
      out(4, 'failed', { error: { code: 131026, title: 'Message undeliverable', reason: 'The customer\'s number is not on WhatsApp' } }),
      message(5, { text: 'Chegou?' }),
    ]);
    expect(within(itemWith('Resposta 1')).getByRole('img', { name: 'Sent' })).toBeTruthy();
    expect(within(itemWith('Resposta 2')).getByRole('img', { name: 'Delivered' })).toBeTruthy();
    expect(within(itemWith('Resposta 3')).getByRole('img', { name: 'Read' })).toBeTruthy();
    expect(within(itemWith('Resposta 4')).getByText('Not delivered: The customer\'s number is not on WhatsApp')).toBeTruthy();
    // The customer's own messages carry no ticks.
    expect(within(itemWith('Chegou?')).queryByRole('img')).toBeNull();
  });

  it('shows unsent messages with their outbox state; a failed one can be retried or discarded', async () => {
    const local = (n: number, status: 'pending' | 'sending' | 'failed', error: { code: string; message: string } | null = null) =>
      message(n, { id: idOf('message', 900 + n), direction: 'out', author: 'agent', status: 'queued', text: `Rascunho ${n}`, local: { outboxId: n === 3 ? outboxId : idOf('outbox', n), status, error } });
    const { fake, user } = await show([
      message(1),
      local(2, 'pending'),
      local(3, 'failed', { code: 'window_closed', message: 'The 24-hour window is closed; send a template.' }),
    ]);
    expect(within(itemWith('Rascunho 2')).getByRole('img', { name: 'Waiting to be sent (stored on this computer)' })).toBeTruthy();
    const failed = itemWith('Rascunho 3');
    expect(within(failed).getByText('Not sent: The 24-hour window is closed; send a template.')).toBeTruthy();
    // Nothing can quote a message that has not reached the server.
    expect(within(failed).queryByRole('button', { name: 'Reply' })).toBeNull();

    await user.click(within(failed).getByRole('button', { name: 'Retry' }));
    expect(fake.calls.retryItem).toHaveBeenCalledWith({ id: outboxId });
    await user.click(within(failed).getByRole('button', { name: 'Discard' }));
    expect(fake.calls.discardItem).toHaveBeenCalledWith({ id: outboxId });
  });

  it('sets bot messages apart from the agent\'s', async () => {
    await show([
      message(1, { direction: 'out', author: 'bot', status: 'delivered', text: 'Olá! Sou o assistente virtual.' }),
      message(2, { direction: 'out', author: 'agent', authorId: '0190b000-0000-7000-8000-000000000003', status: 'delivered', text: 'Oi, aqui é a Ana.' }),
    ]);
    const bot = itemWith('Olá! Sou o assistente virtual.');
    expect(bot.getAttribute('aria-label')).toMatch(/^Bot, /);
    expect(within(bot).getByText('Bot')).toBeTruthy();
    const agent = itemWith('Oi, aqui é a Ana.');
    expect(agent.getAttribute('aria-label')).toMatch(/^You, /);
    expect(within(agent).queryByText('Bot')).toBeNull();
  });

  it('slots private notes in by time, labelled and styled so they cannot pass for sent messages', async () => {
    const { list } = await show([message(1, { text: 'Primeira' }), message(3, { text: 'Terceira' })], { notes: [note(2, { text: 'Cliente pediu desconto' })] });
    const rows = within(list).getAllByRole('listitem').filter((r) => r.getAttribute('aria-label'));
    expect(rows.map((r) => r.textContent?.includes('Cliente pediu desconto') ? 'note' : r.textContent?.includes('Primeira') ? 'first' : 'third')).toEqual(['first', 'note', 'third']);

    const noteRow = itemWith('Cliente pediu desconto');
    expect(noteRow.getAttribute('aria-label')).toMatch(/^Private note by Ana Lima, /);
    expect(within(noteRow).getByText('Private note')).toBeTruthy();
    expect(within(noteRow).queryByRole('button', { name: 'Reply' })).toBeNull();
    expect(within(noteRow).queryByRole('img')).toBeNull();
    const box = within(noteRow).getByText('Cliente pediu desconto').parentElement!;
    const messageBox = within(itemWith('Primeira')).getByText('Primeira').parentElement!;
    expect(getComputedStyle(box).borderStyle).toBe('dashed');
    expect(getComputedStyle(messageBox).borderStyle).not.toBe('dashed');
  });

  it('separates days in the organisation\'s time zone, not the computer\'s', async () => {
    // 02:30 UTC on 10 March is still 9 March (23:30) in São Paulo; 03:30 UTC is already the 10th there.
    await show([
      message(1, { text: 'Boa noite', createdAt: '2024-03-10T02:30:00.000Z' }),
      message(2, { text: 'Bom dia', createdAt: '2024-03-10T03:30:00.000Z' }),
      message(3, { text: 'Mais tarde', createdAt: '2024-03-10T15:00:00.000Z' }),
    ]);
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Saturday, March 9, 2024', 'Sunday, March 10, 2024']);
    expect(itemWith('Boa noite').getAttribute('aria-label')).toBe('Customer, 11:30 PM');
  });

  it('names today and yesterday, in the interface language', async () => {
    const now = Date.now();
    await show([
      message(1, { text: 'Ontem', createdAt: new Date(now - 24 * 3600_000).toISOString() }),
      message(2, { text: 'Hoje', createdAt: new Date(now).toISOString() }),
    ], { language: 'pt-BR' });
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Ontem', 'Hoje']);
  });
});
