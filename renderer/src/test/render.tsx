import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import type { MeResponse } from '../../../shared/api/auth';
import type { DesktopState, Language } from '../../../shared/desktop-api';
import { permissions, type Permission } from '../../../shared/permissions';
import { useAppStore } from '../app/app-store';
import { DesktopContext } from '../desktop/context';
import { createI18n } from '../i18n';
import { AppTheme } from '../theme/AppTheme';
import { createFakeDesktop, signedOutState, type FakeDesktop, type FakeHandlers } from './fake-desktop';

export const testIds = {
  me: '0190a000-0000-7000-8000-000000000001',
  org: '0190a000-0000-7000-8000-000000000002',
  profile: '0190a000-0000-7000-8000-000000000003',
  numberA: '0190a000-0000-7000-8000-0000000000a1',
  numberB: '0190a000-0000-7000-8000-0000000000b1',
  queue: '0190a000-0000-7000-8000-0000000000c1',
};

/** /me of Ana, an agent on two numbers (or with the permissions given). */
export function testMe(granted: readonly Permission[] = ['home', 'service.desk', 'service.contacts', 'help']): MeResponse {
  const number = (id: string, name: string, phone: string) => ({
    id, wabaId: 'waba', phoneNumberId: `pn-${name}`, displayPhone: phone, identification: name, ownerId: testIds.me, quality: 'GREEN' as const,
    access: 'agent' as const, queues: [{ id: testIds.queue, name: 'Geral', isDefault: true }],
  });
  return {
    user: { id: testIds.me, email: 'ana@demo.local', name: 'Ana Lima', status: 'online', profileId: testIds.profile },
    organization: { id: testIds.org, name: 'Go Personal Demo', timeZone: 'America/Sao_Paulo' },
    profile: { id: testIds.profile, name: 'Agente', key: 'agent', permissions: [...granted] },
    numbers: [number(testIds.numberA, 'Vendas', '+55 11 4000-0001'), number(testIds.numberB, 'Suporte', '+55 11 4000-0002')],
  };
}

/** The host state of Ana signed in and online (override any part). */
export function signedInState(over: Partial<DesktopState> = {}): DesktopState {
  return {
    ...signedOutState,
    engine: { state: 'online', syncing: false, pending: 0, failed: 0, userId: testIds.me, lastError: null },
    session: { userId: testIds.me, userName: 'Ana Lima', baseUrl: 'http://127.0.0.1:3100' },
    me: testMe(),
    ...over,
  };
}

export const allPermissions: readonly Permission[] = permissions;

/**
 * Renders `ui` the way Root does (desktop API, translations, theme, a router at `path`), with the
 * app store holding `state`. English unless told otherwise.
 */
export function renderWithApp(ui: ReactElement, opts: { state?: DesktopState | null; handlers?: FakeHandlers; language?: Language; path?: string; numberId?: string | null } = {}) {
  const fake: FakeDesktop = createFakeDesktop(opts.handlers);
  const i18n = createI18n(opts.language ?? 'en');
  useAppStore.setState({ desktop: opts.state === undefined ? signedOutState : opts.state, numberId: opts.numberId ?? null });
  const user = userEvent.setup({ delay: null });
  const view = render(
    <DesktopContext.Provider value={fake.api}>
      <I18nextProvider i18n={i18n}>
        <AppTheme choice="light">
          <MemoryRouter initialEntries={[opts.path ?? '/']}>{ui}</MemoryRouter>
        </AppTheme>
      </I18nextProvider>
    </DesktopContext.Provider>,
  );
  return { ...view, fake, user, i18n };
}
