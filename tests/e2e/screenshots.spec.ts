import type { Page, TestInfo } from '@playwright/test';
import { DEMO_PASSWORD } from './fixtures';
import { escapeRegExp, expect, LIVE, phoneNumberIdOf, test } from './desk-helpers';
import { newCustomer } from './emulator-control';

// Screenshots of the sign-in page and of the desk with a conversation open, in Portuguese and
// English, saved beside the run's other results (test-results/e2e/…, not committed).

const NUMBER = 'Suporte · Diego Martins';

// Signs in and waits for a scripted customer's message to cross three processes.
test.describe.configure({ timeout: 180_000 });

/** Saves what the page shows now as `<name>.png` in the test's output folder, attached to the report. */
async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

interface Wording {
  language: string;
  signIn: string;
  email: string;
  password: string;
  online: string;
  numberSelector: string;
  queue: string;
  conversation: string;
  customerRole: string;
}

const wordings: Wording[] = [
  { language: 'pt-BR', signIn: 'Entrar', email: 'E-mail', password: 'Senha', online: 'Conexão: Online', numberSelector: 'Número', queue: 'Fila', conversation: 'Conversa', customerRole: 'Cliente' },
  { language: 'en', signIn: 'Sign in', email: 'E-mail', password: 'Password', online: 'Connection: Online', numberSelector: 'Number', queue: 'Queue', conversation: 'Conversation', customerRole: 'Customer' },
];

for (const w of wordings) {
  test.describe(`screenshots in ${w.language}`, () => {
    test.use({ locale: w.language === 'en' ? 'en-US' : 'pt-BR' });

    test(`sign-in and desk (${w.language})`, async ({ page, emulator }, testInfo) => {
      const customer = newCustomer('Cliente Foto');
      await page.goto('/');
      if (w.language === 'en') {
        await page.getByRole('combobox', { name: 'Idioma' }).click();
        await page.getByRole('option', { name: 'English' }).click();
      }
      await expect(page.getByRole('heading', { name: w.signIn })).toBeVisible();
      await saveScreenshot(page, testInfo, `sign-in.${w.language}`);

      await page.getByLabel(w.email).fill('diego@demo.local');
      // Required fields add " *" to their names.
      await page.getByLabel(new RegExp(`^${w.password}`)).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: w.signIn }).click();
      await expect(page.getByRole('banner').getByRole('status', { name: w.online })).toBeVisible({ timeout: 30_000 });
      const selector = page.getByRole('banner').getByRole('combobox', { name: w.numberSelector });
      await selector.click();
      await page.getByRole('option', { name: new RegExp(`^${escapeRegExp(NUMBER)} · `) }).click();
      await expect(selector).toHaveText(NUMBER);

      await emulator.customerWrites({ phoneNumberId: phoneNumberIdOf(NUMBER), customer, text: 'Oi! Vocês trocam um produto comprado na loja física?' });
      // Diego stays invisible: the ticket waits in the queue.
      await page.getByRole('tab', { name: w.queue }).click();
      const row = page.getByRole('button', { name: new RegExp(`^${escapeRegExp(customer.name)}\\b`) });
      await expect(row).toBeVisible(LIVE);
      await row.click();
      const conversation = page.getByRole('region', { name: w.conversation });
      await expect(conversation.getByRole('heading', { level: 2, name: customer.name })).toBeVisible();
      await expect(conversation.getByRole('listitem', { name: new RegExp(`^${w.customerRole}, `) })).toContainText('Vocês trocam um produto');
      await saveScreenshot(page, testInfo, `desk.${w.language}`);
    });
  });
}
