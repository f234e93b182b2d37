import { DeskService } from '../../../shared/desk/desk-service';
import type { DesktopApi } from '../../../shared/desktop-api';
import { MemoryStore } from '../../../shared/sync/memory-store';
import { webStorage } from './web-storage';

/**
 * The desktop API in a plain browser (the web build): the same DeskService the Electron main
 * process runs, over an in-memory cache. REST goes through the page's fetch and live changes
 * through socket.io-client; the browser's online/offline events reach the engine.
 */
export async function createWebDesktop(appVersion: string): Promise<DesktopApi> {
  const desk = await DeskService.create({
    store: new MemoryStore(),
    host: {
      platform: 'web',
      appVersion,
      ...webStorage(window.localStorage, window.sessionStorage),
      openExternal: (url) => void window.open(url, '_blank', 'noopener,noreferrer'),
    },
    engine: { fetch: (input, init) => window.fetch(input, init) },
  });
  window.addEventListener('online', () => desk.engine.networkChanged(true));
  window.addEventListener('offline', () => desk.engine.networkChanged(false));
  return desk;
}
