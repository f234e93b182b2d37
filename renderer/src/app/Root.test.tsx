import { act, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/desktop-api';
import { createFakeDesktop, signedOutState } from '../test/fake-desktop';
import { signedInState } from '../test/render';
import { useAppStore } from './app-store';
import { Root } from './Root';

beforeEach(() => {
  useAppStore.setState({ desktop: null, numberId: null });
  window.location.hash = '#/service/contacts';
});

describe('the app root', () => {
  it('starts on sign-in, follows the pushed state into the shell, and speaks the chosen language', async () => {
    const fake = createFakeDesktop({ getState: () => ({ ...signedOutState, settings: { ...defaultSettings } }) });
    render(<Root api={fake.api} />);
    expect(await screen.findByRole('heading', { name: 'Entrar' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('pt-BR');

    act(() => fake.emit('state', signedInState({ settings: { ...defaultSettings, language: 'es' } })));
    expect(await screen.findByRole('heading', { name: 'Contactos' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Número' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('es');

    act(() => fake.emit('state', { ...signedOutState, settings: { ...defaultSettings, language: 'en' } }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
  });

  it('asks to sign in again when the session ended', async () => {
    const ended = signedInState({ engine: { state: 'needs-sign-in', syncing: false, pending: 1, failed: 0, userId: null, lastError: 'expired' } });
    const fake = createFakeDesktop({ getState: () => ended });
    render(<Root api={fake.api} />);
    expect(await screen.findByRole('heading', { name: 'Sign in again' })).toBeTruthy();
    expect(screen.getByText(/1 unsent action is kept/)).toBeTruthy();
  });
});
