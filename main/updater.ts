import electronUpdater, { type UpdateDownloadedEvent, type UpdateInfo } from 'electron-updater';
import type { Log } from './log';
import { UpdatePlan, updateFeedUrl } from './update-rules';

export interface UpdaterOptions {
  log: Log;
  /** electron-updater works only in an installed app. */
  isPackaged: boolean;
  /** A version is downloaded and waits for a restart (the tray offers it). */
  onReady: (version: string) => void;
  /** Asks the user; true = restart now. */
  ask: (version: string) => Promise<boolean>;
  /** Called just before quitting to install (so that closing the window really quits). */
  beforeRestart: () => void;
  now?: () => number;
}

const POLL_MS = 10 * 60_000;

/**
 * Auto-update from `<backend>/updates/` (generic provider): checked after sign-in and every few
 * hours, downloaded in the background, installed only when the user says so (never on quit).
 * Progress and failures go to the log.
 */
export class Updater {
  private readonly plan = new UpdatePlan();
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(private readonly o: UpdaterOptions) {
    this.now = o.now ?? Date.now;
    if (!o.isPackaged) {
      o.log.info('updates: checked only in the installed app (this is a development run)');
      return;
    }
    const u = electronUpdater.autoUpdater;
    u.autoDownload = true;
    u.autoInstallOnAppQuit = false;
    u.logger = null;
    u.on('checking-for-update', () => o.log.info(`updates: checking ${this.plan.feedUrl ?? ''}`));
    u.on('update-not-available', (info: UpdateInfo) => o.log.info(`updates: up to date (latest ${info.version})`));
    u.on('update-available', (info: UpdateInfo) => o.log.info(`updates: downloading version ${info.version}`));
    u.on('error', (err: Error) => o.log.warn(`updates: ${err.message}`));
    u.on('update-downloaded', (info: UpdateDownloadedEvent) => void this.downloaded(info.version));
    this.timer = setInterval(() => {
      if (this.plan.due(this.now())) void this.check();
    }, POLL_MS);
  }

  /** After each sign-in (or a resumed session): the feed is that backend's. */
  signedIn(baseUrl: string): void {
    if (!this.o.isPackaged) return;
    const feed = updateFeedUrl(baseUrl);
    if (!feed.ok) {
      this.o.log.warn(`updates: not checked: ${feed.reason}`);
      this.plan.signedOut();
      return;
    }
    const changed = feed.url !== this.plan.feedUrl;
    const due = this.plan.signedIn(feed.url, this.now());
    // One byte range per request: what the backend's static file route serves.
    if (changed) electronUpdater.autoUpdater.setFeedURL({ provider: 'generic', url: feed.url, useMultipleRangeRequest: false });
    if (due) void this.check();
  }

  signedOut(): void {
    this.plan.signedOut();
  }

  get readyVersion(): string | null {
    return this.plan.readyVersion;
  }

  /** Installs the downloaded version now (the user chose it from the prompt or the tray). */
  restartToInstall(): void {
    if (!this.plan.readyVersion) return;
    this.o.log.info(`updates: restarting to install ${this.plan.readyVersion}`);
    this.o.beforeRestart();
    electronUpdater.autoUpdater.quitAndInstall(false, true);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    this.plan.checked(this.now());
    try {
      await electronUpdater.autoUpdater.checkForUpdates();
    } catch (err) {
      this.o.log.warn(`updates: the check failed (${err instanceof Error ? err.message : String(err)}); next try in a few hours`);
    } finally {
      this.checking = false;
    }
  }

  private async downloaded(version: string): Promise<void> {
    this.o.log.info(`updates: version ${version} is ready; it installs when the user restarts`);
    const askNow = this.plan.downloaded(version, this.now());
    this.o.onReady(version);
    if (!askNow) return;
    this.plan.askedAt(version, this.now());
    if (await this.o.ask(version)) this.restartToInstall();
  }
}
