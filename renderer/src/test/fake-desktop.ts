import { vi, type Mock } from 'vitest';
import {
  defaultSettings,
  desktopCallNames,
  type DesktopApi,
  type DesktopCallInput,
  type DesktopCallName,
  type DesktopCallOutput,
  type DesktopEventName,
  type DesktopEvents,
  type DesktopState,
} from '../../../shared/desktop-api';

type Handler<K extends DesktopCallName> = (input: DesktopCallInput<K>) => DesktopCallOutput<K> | Promise<DesktopCallOutput<K>>;
export type FakeHandlers = { [K in DesktopCallName]?: Handler<K> };

export interface FakeDesktop {
  api: DesktopApi;
  /** The mock behind each call, to assert what the UI asked for. */
  calls: { [K in DesktopCallName]: Mock<(input: DesktopCallInput<K>) => Promise<DesktopCallOutput<K>>> };
  /** Pushes an event to the listeners the UI registered. */
  emit<E extends DesktopEventName>(event: E, payload: DesktopEvents[E]): void;
}

export const signedOutState: DesktopState = {
  platform: 'web',
  appVersion: '0.0.0-test',
  engine: { state: 'signed-out', syncing: false, pending: 0, failed: 0, userId: null, lastError: null },
  session: null,
  me: null,
  settings: { ...defaultSettings, language: 'en' },
};

/**
 * A desktop API for component tests: every call is a mock answering from `handlers`, or failing
 * with `not_mocked` so a test notices a call it did not expect.
 */
export function createFakeDesktop(handlers: FakeHandlers = {}): FakeDesktop {
  const listeners = new Map<DesktopEventName, Set<(payload: never) => void>>();
  const calls = {} as Record<DesktopCallName, Mock>;
  const api = {} as Record<string, unknown>;
  for (const name of desktopCallNames) {
    const handler = (handlers as Record<string, ((input: unknown) => unknown) | undefined>)[name];
    const mock = vi.fn(async (input: unknown) => {
      if (name === 'getState' && !handler) return signedOutState;
      if (!handler) throw Object.assign(new Error(`${name} was not mocked`), { code: 'not_mocked' });
      return handler(input);
    });
    calls[name] = mock;
    api[name] = mock;
  }
  api.on = (event: DesktopEventName, listener: (payload: never) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  };
  return {
    api: api as unknown as DesktopApi,
    calls: calls as unknown as FakeDesktop['calls'],
    emit: (event, payload) => {
      for (const l of listeners.get(event) ?? []) (l as (p: typeof payload) => void)(payload);
    },
  };
}
