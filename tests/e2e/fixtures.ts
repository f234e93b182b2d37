import { test as base, expect, type Page } from '@playwright/test';

export { expect };

/** The demo's accounts (server/demo/demo-org.ts); every one signs in with this password. */
export const DEMO_PASSWORD = 'demo1234';

export interface Backend {
  /** The backend, which also serves the web build at `/`. */
  url: string;
  /** The WhatsApp Cloud API emulator (control API under /_emulator). */
  emulatorUrl: string;
}

/** `backend` is the demo started by global-setup.ts; `baseURL` points at it, so `page.goto('/')` opens the app. */
export const test = base.extend<{ backend: Backend }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none here.
  backend: async ({}, use) => {
    const url = process.env.E2E_BACKEND_URL;
    const emulatorUrl = process.env.E2E_EMULATOR_URL;
    if (!url || !emulatorUrl) throw new Error('E2E_BACKEND_URL is not set: run the specs with `npx playwright test` (global-setup.ts starts the demo)');
    await use({ url, emulatorUrl });
  },
  baseURL: async ({ backend }, use) => use(backend.url),
});

/** Signs in through the form (the page shows the sign-in screen first). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByLabel(/e-mail|correo/i).fill(email);
  await page.getByLabel(/^(senha|password|contraseña)/i).fill(password);
  await page.getByRole('button', { name: /^(entrar|sign in|iniciar sesión)$/i }).click();
}
