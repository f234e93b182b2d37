/**
 * When and where the app looks for updates, and when it asks to restart. The feed is the
 * signed-in backend's `/updates/` folder (electron-updater's generic provider). Free of Electron.
 */

export const CHECK_EVERY_MS = 4 * 3600_000;
/** After a "Later", the restart question comes back no sooner than this. */
export const ASK_AGAIN_AFTER_MS = 4 * 3600_000;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export type FeedVerdict = { ok: true; url: string } | { ok: false; reason: string };

/**
 * `<backend>/updates/`. Over plain http an attacker on the network could hand the app an
 * installer of their own, so only https is accepted, except a backend on this machine.
 */
export function updateFeedUrl(baseUrl: string): FeedVerdict {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return { ok: false, reason: `"${baseUrl}" is not a URL` };
  }
  const local = LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    return { ok: false, reason: `updates are only fetched over https (the backend is ${url.protocol}//${url.host})` };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}/updates/` };
}

export class UpdatePlan {
  private feed: string | null = null;
  private lastCheckAt: number | null = null;
  private ready: string | null = null;
  private asked: { version: string; at: number } | null = null;

  /** Signed in to a backend: true when a check should run now (new feed, or none for a while). */
  signedIn(feed: string, now: number): boolean {
    if (feed !== this.feed) {
      this.feed = feed;
      this.lastCheckAt = null;
    }
    return this.due(now);
  }

  signedOut(): void {
    this.feed = null;
  }

  get feedUrl(): string | null {
    return this.feed;
  }

  due(now: number): boolean {
    return this.feed !== null && (this.lastCheckAt === null || now - this.lastCheckAt >= CHECK_EVERY_MS);
  }

  checked(now: number): void {
    this.lastCheckAt = now;
  }

  /** An update was downloaded: true when the user should be asked to restart now. */
  downloaded(version: string, now: number): boolean {
    this.ready = version;
    return this.asked === null || this.asked.version !== version || now - this.asked.at >= ASK_AGAIN_AFTER_MS;
  }

  /** The user was asked (and said later). */
  askedAt(version: string, now: number): void {
    this.asked = { version, at: now };
  }

  /** The version waiting for a restart (the tray offers it). */
  get readyVersion(): string | null {
    return this.ready;
  }
}
