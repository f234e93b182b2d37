import type { Locator, Page } from '@playwright/test';
import { DEMO_NUMBERS } from '../../server/demo/demo-org';
import { EmulatorControl } from './emulator-control';
import { expect, signIn, test as base } from './fixtures';

export { expect };

/** The specs' `test` with the emulator's control API at hand. */
export const test = base.extend<{ emulator: EmulatorControl }>({
  emulator: async ({ backend }, use) => use(new EmulatorControl(backend.emulatorUrl)),
});

/**
 * For what crosses processes (emulator → webhook → backend → socket → page): generous, since the
 * machine running the specs may be busy; the assertion still passes as soon as it holds.
 */
export const LIVE = { timeout: 30_000 } as const;

/** The WhatsApp phone number id of a demo number, by the name the number selector shows. */
export function phoneNumberIdOf(identification: string): string {
  const found = DEMO_NUMBERS.find((n) => n.identification === identification);
  if (!found) throw new Error(`no demo number is called "${identification}": see DEMO_NUMBERS in server/demo/demo-org.ts`);
  return found.phoneNumberId;
}

/** Signs in (Portuguese UI) and waits until the desk is connected to the backend. */
export async function signInToDesk(page: Page, email: string): Promise<void> {
  await signIn(page, email);
  await expect(page.getByRole('banner').getByRole('status', { name: 'Conexão: Online' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('tablist', { name: 'Listas de tickets' })).toBeVisible();
}

/** Picks the number in the header's selector (Portuguese UI). */
export async function chooseNumber(page: Page, identification: string): Promise<void> {
  const selector = page.getByRole('banner').getByRole('combobox', { name: 'Número' });
  await selector.click();
  // Options read "<identification> · <phone>".
  await page.getByRole('option', { name: new RegExp(`^${escapeRegExp(identification)} · `) }).click();
  await expect(selector).toHaveText(identification);
}

/** Sets the agent's status to online, so routing hands them new tickets (Portuguese UI). */
export async function goOnline(page: Page): Promise<void> {
  const status = page.getByRole('banner').getByRole('combobox', { name: 'Status' });
  await status.click();
  await page.getByRole('option', { name: 'Online', exact: true }).click();
  await expect(status).toHaveText('Online');
}

/** A ticket's row in one of the desk's lists (`Fila`, `Meus`, `Encerrados`). */
export function ticketRow(page: Page, list: 'Fila' | 'Meus' | 'Encerrados', customerName: string): Locator {
  return page.getByRole('list', { name: `Tickets: ${list}` }).getByRole('button', { name: new RegExp(`^${escapeRegExp(customerName)}\\b`) });
}

/** The open conversation, once it shows this customer. */
export async function openConversation(page: Page, customerName: string): Promise<Locator> {
  const conversation = page.getByRole('region', { name: 'Conversa' });
  await expect(conversation.getByRole('heading', { level: 2, name: customerName })).toBeVisible();
  return conversation;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
