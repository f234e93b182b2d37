import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/desktop-api';
import { useAppStore } from '../app/app-store';
import { AppRoutes } from '../app/AppRoutes';
import { allPermissions, renderWithApp, signedInState, testIds, testMe } from '../test/render';

const at = (path: string, over: Parameters<typeof signedInState>[0] = {}, handlers = {}) =>
  renderWithApp(<AppRoutes />, { path, state: signedInState(over), handlers });

describe('the header', () => {
  it('offers only the user\'s numbers, starts on the last one chosen and remembers a new choice', async () => {
    const { user, fake } = at('/service/contacts', { settings: { ...defaultSettings, language: 'en', lastNumberId: testIds.numberB } }, { setSettings: () => defaultSettings });
    const selector = screen.getByRole('combobox', { name: 'Number' });
    expect(selector.textContent).toBe('Suporte');
    expect(useAppStore.getState().numberId).toBe(testIds.numberB);
    await user.click(selector);
    const options = screen.getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['Vendas · +55 11 4000-0001', 'Suporte · +55 11 4000-0002']);
    await user.click(screen.getByRole('option', { name: /Vendas/ }));
    expect(useAppStore.getState().numberId).toBe(testIds.numberA);
    expect(fake.calls.setSettings).toHaveBeenCalledWith({ lastNumberId: testIds.numberA });
  });

  it('switches the agent status', async () => {
    const { user, fake } = at('/service/contacts', {}, { setStatus: () => ({}) });
    const status = screen.getByRole('combobox', { name: 'Status' });
    expect(status.textContent).toBe('Online');
    await user.click(status);
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Online', 'Paused', 'Invisible']);
    await user.click(screen.getByRole('option', { name: 'Paused' }));
    expect(fake.calls.setStatus).toHaveBeenCalledWith({ status: 'paused' });
  });

  it.each([
    [{ state: 'online', pending: 0, failed: 0 }, 'Online'],
    [{ state: 'connecting', pending: 2, failed: 0 }, 'Reconnecting…'],
    [{ state: 'offline', pending: 3, failed: 0 }, 'Offline · 3 pending'],
    [{ state: 'offline', pending: 0, failed: 0 }, 'Offline'],
    [{ state: 'online', pending: 1, failed: 1 }, 'Online · 1 failed'],
  ] as const)('shows the connection %o as "%s"', (engine, text) => {
    at('/service/contacts', { engine: { syncing: false, userId: testIds.me, lastError: null, ...engine } });
    expect(screen.getByRole('status', { name: `Connection: ${text}` }).textContent).toBe(text);
  });

  it('changes language and theme from the user menu', async () => {
    const { user, fake } = at('/service/contacts', {}, { setSettings: () => defaultSettings });
    await user.click(screen.getByRole('button', { name: 'Account menu of Ana Lima' }));
    const menu = screen.getByRole('menu');
    expect(within(menu).getByRole('menuitemradio', { name: 'English' }).getAttribute('aria-checked')).toBe('true');
    await user.click(within(menu).getByRole('menuitemradio', { name: 'Español' }));
    expect(fake.calls.setSettings).toHaveBeenCalledWith({ language: 'es' });
    await user.click(await screen.findByRole('button', { name: 'Account menu of Ana Lima' }));
    await user.click(within(screen.getByRole('menu')).getByRole('menuitemradio', { name: 'Dark' }));
    expect(fake.calls.setSettings).toHaveBeenCalledWith({ theme: 'dark' });
  });

  it('asks before signing out while actions are unsent, and keeps them when the user says so', async () => {
    let pending = 2;
    const { user, fake } = at('/service/contacts', {}, { signOut: ({ discardPending }: { discardPending?: boolean }) => (discardPending || pending === 0 ? { ok: true } : { ok: false, pending }) });
    await user.click(screen.getByRole('button', { name: 'Account menu of Ana Lima' }));
    await user.click(screen.getByRole('menuitem', { name: 'Sign out' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out and lose unsent actions?' });
    expect(within(dialog).getByText(/2 actions have not reached the server yet/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Stay signed in' }));
    expect(fake.calls.signOut).toHaveBeenCalledTimes(1);
    await user.click(await screen.findByRole('button', { name: 'Account menu of Ana Lima' }));
    await user.click(screen.getByRole('menuitem', { name: 'Sign out' }));
    await user.click(await screen.findByRole('button', { name: 'Sign out and discard' }));
    expect(fake.calls.signOut).toHaveBeenLastCalledWith({ discardPending: true });
    pending = 0;
  });
});

describe('before /me has answered', () => {
  it('shows the frame with nothing to choose yet', () => {
    at('/service/contacts', { me: null });
    expect(screen.getByRole('combobox', { name: 'Number' }).getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByRole('combobox', { name: 'Status' }).getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByRole('progressbar', { name: 'Loading' })).toBeTruthy();
  });
});

describe('the menu', () => {
  it('shows an agent only the areas their profile allows', () => {
    at('/service/contacts');
    const nav = screen.getByRole('navigation', { name: 'Main menu' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Home', 'Desk', 'Contacts', 'Help']);
    expect(within(nav).getByRole('button', { name: 'Service' }).getAttribute('aria-expanded')).toBe('true');
    expect(within(nav).getByRole('link', { name: 'Contacts' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).queryByText('Campaigns')).toBeNull();
    expect(within(nav).queryByText('Organization')).toBeNull();
  });

  it('shows an administrator every area', () => {
    at('/home', { me: testMe(allPermissions) });
    const nav = screen.getByRole('navigation', { name: 'Main menu' });
    for (const area of ['Home', 'Service', 'Campaigns', 'Data', 'Organization', 'Settings', 'Help']) expect(within(nav).getByText(area)).toBeTruthy();
  });

  it('says "coming soon" on a page not built yet, and not found on one the profile lacks', async () => {
    at('/service/contacts');
    expect(screen.getByRole('heading', { name: 'Contacts' })).toBeTruthy();
    expect(screen.getByText(/coming soon/)).toBeTruthy();
    at('/organization/members');
    expect(screen.getAllByRole('heading', { name: 'Page not found' }).length).toBeGreaterThan(0);
  });
});
