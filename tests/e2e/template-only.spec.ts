import { chooseNumber, expect, goOnline, LIVE, openConversation, phoneNumberIdOf, signInToDesk, test, ticketRow } from './desk-helpers';
import { newCustomer } from './emulator-control';

const NUMBER = 'Suporte · Carla Souza'; // served by Carla alone
const DAY_MS = 24 * 3600_000;

// Signs in and waits for a scripted customer's message to cross three processes.
test.describe.configure({ timeout: 180_000 });

test('a customer whose 24-hour window has closed can only be sent an approved template', async ({ page, emulator }) => {
  const customer = newCustomer('Cliente Janela');
  const phoneNumberId = phoneNumberIdOf(NUMBER);
  await signInToDesk(page, 'carla@demo.local');
  await chooseNumber(page, NUMBER);
  await goOnline(page);

  // The customer's last message was written 25 hours ago (it reaches the backend only now).
  await emulator.customerWrites({ phoneNumberId, customer, text: 'Preciso da segunda via da fatura.', sentAt: new Date(Date.now() - DAY_MS - 3600_000) });
  const row = ticketRow(page, 'Meus', customer.name);
  await expect(row).toBeVisible(LIVE);
  await row.click();
  const conversation = await openConversation(page, customer.name);

  // No free text: the composer says why and offers only a template.
  await expect(conversation.getByText('Janela encerrada', { exact: true })).toBeVisible();
  await expect(conversation.getByRole('alert').filter({ hasText: 'A janela de 24 horas está fechada' })).toBeVisible();
  await expect(conversation.getByRole('textbox', { name: 'Mensagem', exact: true })).toHaveCount(0);
  const form = conversation.getByRole('form', { name: 'Mensagem ativa' });
  const send = form.getByRole('button', { name: 'Enviar mensagem ativa' });
  await expect(send).toBeDisabled();

  await form.getByRole('combobox', { name: 'Modelo de mensagem' }).selectOption({ label: 'lembrete_pagamento' });
  const preview = form.getByRole('region', { name: 'Pré-visualização' });
  await expect(preview).toContainText('Olá, {{1}}! A sua fatura de {{2}} vence em {{3}}.');
  await expect(send).toBeDisabled();

  // The preview follows every keystroke.
  await form.getByRole('textbox', { name: 'Variável 1' }).fill('Helena');
  await expect(preview).toContainText('Olá, Helena! A sua fatura de {{2}}');
  await form.getByRole('textbox', { name: 'Variável 2' }).fill('R$ 189,90');
  await form.getByRole('textbox', { name: 'Variável 3' }).fill('10/12');
  await form.getByRole('textbox', { name: /^Botão “Pagar fatura”/ }).fill('48213');
  await expect(preview).toContainText('Olá, Helena! A sua fatura de R$ 189,90 vence em 10/12.');
  await expect(preview).toContainText('https://pagamentos.example.com.br/fatura/48213');

  await send.click();
  await expect(form.getByRole('alert').filter({ hasText: 'Mensagem ativa “lembrete_pagamento” enviada.' })).toBeVisible(LIVE);

  // WhatsApp (the emulator) received one template message, with the variables in order.
  await expect.poll(async () => (await emulator.messagesTo(customer)).length, LIVE).toBe(1);
  const [sent] = await emulator.messagesTo(customer);
  expect(sent!.request.path).toMatch(new RegExp(`^/v\\d+\\.\\d+/${phoneNumberId}/messages$`));
  expect(sent!.request.status).toBe(200);
  expect(sent!.body).toMatchObject({ messaging_product: 'whatsapp', to: customer.waId, type: 'template', template: { name: 'lembrete_pagamento', language: { code: 'pt_BR' } } });
  const components = sent!.body.template?.components ?? [];
  expect(components.find((c) => c.type === 'body')?.parameters?.map((p) => p.text)).toEqual(['Helena', 'R$ 189,90', '10/12']);
  expect(components.find((c) => c.type === 'button')?.parameters?.map((p) => p.text)).toEqual(['48213']);

  // It shows in the conversation as ours; the window stays closed until the customer answers.
  await expect(conversation.getByRole('listitem', { name: /^Você, / }).filter({ hasText: 'Olá, Helena! A sua fatura de R$ 189,90' })).toBeVisible(LIVE);
  await expect(conversation.getByRole('textbox', { name: 'Mensagem', exact: true })).toHaveCount(0);
});
