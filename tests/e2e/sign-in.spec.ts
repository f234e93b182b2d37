import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { DEMO_PASSWORD, expect, signIn, test } from './fixtures';

/** No serious or critical accessibility violation on what the page shows now. */
async function expectAccessible(page: Page, testInfo: TestInfo, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  await testInfo.attach(`axe-${name}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test.describe('signing in to the web build', () => {
  test('refuses a wrong password with a clear message, in Portuguese by default', async ({ page, backend }, testInfo) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Entrar' })).toBeVisible();
    // The backend serving the page is offered as the server.
    await expect(page.getByLabel('Endereço do servidor')).toHaveValue(backend.url);
    await expectAccessible(page, testInfo, 'sign-in');
    await page.screenshot({ path: testInfo.outputPath('sign-in.pt-BR.png') });

    await signIn(page, 'ana@demo.local', 'not-the-password');
    await expect(page.getByRole('alert')).toContainText('E-mail ou senha incorretos');
    await expect(page.getByRole('heading', { name: 'Entrar' })).toBeVisible();
  });

  test('an agent signs in, sees the header, and signs out', async ({ page }, testInfo) => {
    await signIn(page, 'ana@demo.local', DEMO_PASSWORD);

    const header = page.getByRole('banner');
    const number = header.getByRole('combobox', { name: 'Número' });
    await expect(number).toBeVisible();
    await expect(number).toHaveText(/Vendas/);
    await expect(header.getByRole('combobox', { name: 'Status' })).toBeVisible();
    await expect(header.getByRole('status', { name: 'Conexão: Online' })).toBeVisible({ timeout: 30_000 });

    // Only Ana's two numbers are offered.
    await number.click();
    const options = page.getByRole('option');
    await expect(options).toHaveCount(2);
    await expect(options.filter({ hasText: /^Vendas · Ana Lima/ })).toHaveCount(1);
    await expect(options.filter({ hasText: /^Vendas Corporativas/ })).toHaveCount(1);
    await page.keyboard.press('Escape');

    // An agent's menu: no Campaigns, no Organization.
    const nav = page.getByRole('navigation', { name: 'Menu principal' });
    await expect(nav.getByRole('button', { name: 'Atendimento' })).toBeVisible();
    await expect(nav.getByText('Campanhas')).toHaveCount(0);
    await expect(nav.getByText('Organização')).toHaveCount(0);

    // A page not built yet says so; the shell around it must be accessible.
    await nav.getByRole('link', { name: 'Contatos', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Contatos' })).toBeVisible();
    await expect(page.getByText('Esta página chega em breve')).toBeVisible();
    await expectAccessible(page, testInfo, 'shell');

    await header.getByRole('button', { name: 'Menu da conta de Ana Lima' }).click();
    await page.getByRole('menuitem', { name: 'Sair' }).click();
    await expect(page.getByRole('heading', { name: 'Entrar' })).toBeVisible();
  });

  test('the language chosen before signing in applies to the whole app', async ({ page }, testInfo) => {
    await page.goto('/');
    await page.getByRole('combobox', { name: 'Idioma' }).click();
    await page.getByRole('option', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('sign-in.en.png') });
    await page.getByLabel('E-mail').fill('carla@demo.local');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('banner').getByRole('status', { name: 'Connection: Online' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('banner').getByRole('combobox', { name: 'Number' })).toHaveText(/^(Suporte · Carla Souza|Pós-venda e Trocas)$/);
    await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Service' })).toBeVisible();
  });
});
