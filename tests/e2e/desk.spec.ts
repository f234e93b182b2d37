import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { DEMO_QUICK_REPLIES } from '../../server/demo/demo-org';
import { chooseNumber, expect, goOnline, LIVE, openConversation, phoneNumberIdOf, signInToDesk, test, ticketRow } from './desk-helpers';
import { newCustomer } from './emulator-control';

// The agent's day on the desk, against the demo's backend and WhatsApp emulator (quiet mode: the
// only customers are the ones these tests script). Portuguese UI, the default.

const CORPORATE = 'Vendas Corporativas'; // served by Ana and Bruno
const quickReply = (title: string): string => {
  const found = DEMO_QUICK_REPLIES.flatMap((c) => c.replies).find((r) => r.title === title);
  if (!found) throw new Error(`the demo has no quick reply titled "${title}"`);
  return found.text;
};

test.describe('the desk', () => {
  // Each test signs in and waits for a scripted customer's message to cross three processes.
  test.describe.configure({ timeout: 180_000 });

  test('a customer writes, the agent answers with a quick reply, transfers, and the ticket is closed with a tag and reopened', async ({ page, browser, emulator }) => {
    // Two agents sign in and the ticket goes through its whole life.
    test.setTimeout(300_000);
    const customer = newCustomer('Cliente Desk');
    const phoneNumberId = phoneNumberIdOf(CORPORATE);

    // Reads arrive a few seconds after deliveries, so the "delivered" tick stays long enough to be seen.
    const delays = await emulator.statusDelays();
    await emulator.setStatusDelays({ deliveredMs: 500, readMs: 6_000 });
    try {
      await signInToDesk(page, 'ana@demo.local');
      await chooseNumber(page, CORPORATE);
      await goOnline(page);

      await emulator.customerWrites({ phoneNumberId, customer, text: 'Boa tarde! Vocês têm o modelo azul em estoque?' });

      // Ana is online on the number, so routing gives her the ticket: it shows up live under "Meus".
      await expect(page.getByRole('tab', { name: 'Meus' })).toHaveAttribute('aria-selected', 'true');
      const mine = ticketRow(page, 'Meus', customer.name);
      await expect(mine).toBeVisible(LIVE);
      await expect(mine).toContainText('Vocês têm o modelo azul em estoque?');
      await mine.click();
      const conversation = await openConversation(page, customer.name);
      await expect(conversation.getByRole('listitem', { name: /^Cliente, / })).toContainText('Vocês têm o modelo azul em estoque?');

      // "/" opens the quick replies; the keyboard picks the second match and Enter inserts it.
      const composer = conversation.getByRole('textbox', { name: 'Mensagem' });
      await composer.click();
      await composer.pressSequentially('/obrigado');
      const replies = page.getByRole('listbox', { name: 'Respostas prontas' });
      const options = replies.getByRole('option');
      // A title match ranks before a text-only match.
      await expect(options).toHaveCount(2);
      await expect(options.nth(0)).toHaveAccessibleName(/^Obrigado\b/);
      await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
      await page.keyboard.press('ArrowDown');
      await expect(options.nth(1)).toHaveAccessibleName(/^Boa tarde\b/);
      await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
      await expect(composer).toBeFocused();
      await page.keyboard.press('Enter');
      const text = quickReply('Boa tarde');
      await expect(replies).toBeHidden();
      await expect(composer).toHaveValue(text);
      await page.keyboard.press('Enter');
      await expect(composer).toHaveValue('');

      // WhatsApp (the emulator) got exactly one Cloud API text message for this customer.
      await expect.poll(async () => (await emulator.messagesTo(customer)).length, LIVE).toBe(1);
      const [sent] = await emulator.messagesTo(customer);
      expect(sent!.request.method).toBe('POST');
      expect(sent!.request.path).toMatch(new RegExp(`^/v\\d+\\.\\d+/${phoneNumberId}/messages$`));
      expect(sent!.request.status).toBe(200);
      expect(sent!.body).toMatchObject({ messaging_product: 'whatsapp', to: customer.waId, type: 'text', text: { body: text } });
      expect(sent!.body.biz_opaque_callback_data).toEqual(expect.stringMatching(/\S/));

      // The reply shows as ours, then delivered, then read.
      const reply = conversation.getByRole('listitem', { name: /^Você, / }).filter({ hasText: text });
      await expect(reply).toBeVisible();
      await expect(reply.getByRole('img', { name: 'Entregue' })).toBeVisible(LIVE);
      await expect(reply.getByRole('img', { name: 'Lida' })).toBeVisible(LIVE);
      await expect(reply.getByRole('img', { name: 'Entregue' })).toBeHidden();
    } finally {
      await emulator.setStatusDelays(delays);
    }

    // Transfer to Bruno: it leaves Ana's list.
    const actions = page.getByRole('toolbar', { name: 'Ações do ticket' });
    await actions.getByRole('button', { name: 'Transferir' }).click();
    const transfer = page.getByRole('dialog', { name: 'Transferir ticket' });
    await transfer.getByRole('radiogroup', { name: 'Transferir para' }).getByRole('radio', { name: 'Bruno Costa' }).check();
    await transfer.getByRole('button', { name: 'Transferir' }).click();
    await expect(transfer).toBeHidden();
    await expect(ticketRow(page, 'Meus', customer.name)).toHaveCount(0);

    // Bruno finds it under "Meus", closes it with one of the number's tags, and reopens it.
    const context = await browser.newContext();
    try {
      const bruno = await context.newPage();
      await signInToDesk(bruno, 'bruno@demo.local');
      await chooseNumber(bruno, CORPORATE);
      const his = ticketRow(bruno, 'Meus', customer.name);
      await expect(his).toBeVisible(LIVE);
      await his.click();
      const conversation = await openConversation(bruno, customer.name);
      await expect(conversation.getByText('Em atendimento')).toBeVisible();

      const toolbar = bruno.getByRole('toolbar', { name: 'Ações do ticket' });
      await toolbar.getByRole('button', { name: 'Encerrar ticket' }).click();
      const close = bruno.getByRole('dialog', { name: 'Encerrar ticket' });
      await close.getByRole('group', { name: 'Tags' }).getByRole('checkbox', { name: 'Venda fechada' }).check();
      await close.getByRole('button', { name: 'Encerrar ticket' }).click();
      await expect(close).toBeHidden();
      await expect(ticketRow(bruno, 'Meus', customer.name)).toHaveCount(0);

      await bruno.getByRole('tab', { name: 'Encerrados' }).click();
      await bruno.getByRole('searchbox', { name: 'Buscar tickets' }).fill(customer.name);
      const closed = ticketRow(bruno, 'Encerrados', customer.name);
      await expect(closed).toBeVisible();
      await expect(closed).toContainText('Venda fechada');
      await closed.click();
      await openConversation(bruno, customer.name);
      await expect(toolbar.getByRole('button', { name: 'Encerrar ticket' })).toBeDisabled();

      await toolbar.getByRole('button', { name: 'Reabrir ticket' }).click();
      await expect(toolbar.getByRole('button', { name: 'Reabrir ticket' })).toBeDisabled();
      await expect(toolbar.getByRole('button', { name: 'Encerrar ticket' })).toBeEnabled();
      await expect(ticketRow(bruno, 'Encerrados', customer.name)).toHaveCount(0);
      await bruno.getByRole('tab', { name: 'Meus' }).click();
      await expect(ticketRow(bruno, 'Meus', customer.name)).toBeVisible();
    } finally {
      await context.close();
    }
  });

  test('has no serious or critical accessibility violation with a ticket open', async ({ page, emulator }, testInfo) => {
    const customer = newCustomer('Cliente Axe');
    const number = 'Suporte · Diego Martins';
    await signInToDesk(page, 'diego@demo.local');
    await chooseNumber(page, number);
    await emulator.customerWrites({ phoneNumberId: phoneNumberIdOf(number), customer, text: 'Olá, meu pedido chegou com defeito.' });

    // Diego stays invisible, so the ticket waits in the queue.
    await page.getByRole('tab', { name: 'Fila' }).click();
    const waiting = ticketRow(page, 'Fila', customer.name);
    await expect(waiting).toBeVisible(LIVE);
    await waiting.click();
    const conversation = await openConversation(page, customer.name);
    await expect(conversation.getByRole('listitem', { name: /^Cliente, / })).toContainText('meu pedido chegou com defeito');
    await expectAccessible(page, testInfo, 'desk');

    await page.getByRole('toolbar', { name: 'Ações do ticket' }).getByRole('button', { name: 'Transferir' }).click();
    const transfer = page.getByRole('dialog', { name: 'Transferir ticket' });
    await expect(transfer.getByRole('radiogroup', { name: 'Transferir para' })).toBeVisible();
    await expectAccessible(page, testInfo, 'transfer-dialog');
  });
});

/** No serious or critical violation on what the page shows now; the full result is attached. */
async function expectAccessible(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  await testInfo.attach(`axe-${name}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
