import type { DeskHost } from '../../../shared/desk/host';

const STATE_KEY = 'gpd.state';
const SESSION_KEY = 'gpd.session';

function read(storage: Storage, key: string): unknown {
  try {
    const text = storage.getItem(key);
    return text === null ? null : (JSON.parse(text) as unknown);
  } catch {
    return null; // unreadable: the service falls back to defaults
  }
}

/**
 * Where the web build keeps things: settings and the /me cache in localStorage (they outlive the
 * tab), the session token in sessionStorage (a reload keeps it, closing the tab forgets it).
 */
export function webStorage(local: Storage, session: Storage): Pick<DeskHost, 'state' | 'session'> {
  return {
    state: { load: () => read(local, STATE_KEY), save: (s) => local.setItem(STATE_KEY, JSON.stringify(s)) },
    session: {
      load: () => read(session, SESSION_KEY),
      save: (s) => session.setItem(SESSION_KEY, JSON.stringify(s)),
      clear: () => session.removeItem(SESSION_KEY),
    },
  };
}
