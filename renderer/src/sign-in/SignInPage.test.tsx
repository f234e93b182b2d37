import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/desktop-api';
import { signedOutState } from '../test/fake-desktop';
import { renderWithApp, signedInState, testIds } from '../test/render';
import { SignInPage } from './SignInPage';

const remembered = { ...signedOutState, settings: { ...defaultSettings, language: 'en' as const, baseUrl: 'https://desk.acme.example' } };

async function fillAndSubmit(user: ReturnType<typeof renderWithApp>['user'], email = 'ana@demo.local', password = 'demo1234') {
  await user.type(screen.getByLabelText(/e-mail/i), email);
  await user.type(screen.getByLabelText(/password/i), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('the sign-in page', () => {
  it('offers the remembered server and signs in with what was typed', async () => {
    const { user, fake } = renderWithApp(<SignInPage mode="first" />, {
      state: remembered,
      handlers: { signIn: () => ({ ok: true, user: { id: testIds.me, email: 'ana@demo.local', name: 'Ana', status: 'online', profileId: testIds.profile }, token: 't', expiresAt: '', wipedPreviousUser: false }) },
    });
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByLabelText(/server address/i)).toHaveProperty('value', 'https://desk.acme.example');
    await fillAndSubmit(user, ' ana@demo.local ');
    expect(fake.calls.signIn).toHaveBeenCalledWith({ baseUrl: 'https://desk.acme.example', email: 'ana@demo.local', password: 'demo1234' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('asks for the empty fields instead of calling the server', async () => {
    const { user, fake } = renderWithApp(<SignInPage mode="first" />, { state: remembered });
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getAllByText('Fill in this field')).toHaveLength(2);
    expect(fake.calls.signIn).not.toHaveBeenCalled();
  });

  it.each([
    ['invalid_credentials', /e-mail or password is wrong/i],
    ['network', /the server did not answer\. check the server address/i],
    ['invalid_url', /that is not a server address/i],
    ['unavailable', /could not sign in: the database is down/i],
  ])('explains %s', async (code, text) => {
    const { user } = renderWithApp(<SignInPage mode="first" />, { state: remembered, handlers: { signIn: () => ({ ok: false, code, message: 'the database is down' }) } });
    await fillAndSubmit(user);
    expect((await screen.findByRole('alert')).textContent).toMatch(text);
  });

  it('signs in again keeping pending work, on the same server', async () => {
    const state = signedInState({ engine: { state: 'needs-sign-in', syncing: false, pending: 3, failed: 0, userId: testIds.me, lastError: 'the session is no longer valid' } });
    const { user, fake } = renderWithApp(<SignInPage mode="again" />, { state, handlers: { signIn: () => ({ ok: false, code: 'invalid_credentials', message: '' }) } });
    expect(screen.getByRole('heading', { name: 'Sign in again' })).toBeTruthy();
    expect(screen.getByText(/your session as Ana Lima has ended\. 3 unsent actions are kept/i)).toBeTruthy();
    expect(screen.getByLabelText(/server address/i)).toHaveProperty('value', 'http://127.0.0.1:3100');
    expect(screen.getByLabelText(/e-mail/i)).toHaveProperty('value', 'ana@demo.local');
    await user.type(screen.getByLabelText(/password/i), 'demo1234');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(fake.calls.signIn).toHaveBeenCalledWith({ baseUrl: 'http://127.0.0.1:3100', email: 'ana@demo.local', password: 'demo1234' });
  });

  it('speaks Portuguese by default and lets the user pick a language before signing in', async () => {
    const { user, fake } = renderWithApp(<SignInPage mode="first" />, { state: remembered, language: 'pt-BR', handlers: { setSettings: () => ({ ...defaultSettings, language: 'es' }) } });
    expect(screen.getByRole('heading', { name: 'Entrar' })).toBeTruthy();
    expect(screen.getByLabelText(/senha/i)).toBeTruthy();
    await user.click(screen.getByRole('combobox', { name: 'Idioma' }));
    await user.click(screen.getByRole('option', { name: 'Español' }));
    expect(fake.calls.setSettings).toHaveBeenCalledWith({ language: 'es' });
  });
});
