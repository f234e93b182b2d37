import type { MeResponse } from '../api/auth';
import type { Settings } from '../desktop-api';

type MaybePromise<T> = T | Promise<T>;

/** What the app keeps between runs besides the cache: settings and the last /me answer (for offline starts). */
export interface SavedState {
  settings: Settings;
  me: MeResponse | null;
}

/** The session the app resumes on its next start. The token is a secret: keep it accordingly. */
export interface SavedSession {
  token: string;
  userId: string;
  userName: string;
  baseUrl: string;
}

/**
 * The pieces of the environment the desk service needs, given by its host: the Electron main
 * process (a JSON file, safeStorage, shell.openExternal) or the web bridge (localStorage,
 * sessionStorage, window.open). `load` answers whatever was stored; the service validates it.
 */
export interface DeskHost {
  platform: 'desktop' | 'web';
  appVersion: string;
  /** Plain data (settings and the /me cache): a JSON file, localStorage. */
  state: { load(): MaybePromise<unknown>; save(state: SavedState): MaybePromise<void> };
  /** The session token; leave it out to sign in on every start. */
  session?: { load(): MaybePromise<unknown>; save(session: SavedSession): MaybePromise<void>; clear(): MaybePromise<void> };
  /** Opens an https link in the system browser (already validated as https). */
  openExternal(url: string): MaybePromise<void>;
  /** Where a failed save is reported (default: console.warn). */
  warn?(message: string, err: unknown): void;
}
