import { createContext, useContext } from 'react';
import type { DesktopApi } from '../../../shared/desktop-api';

/**
 * The one way renderer code reaches the outside world: `window.desktop` in Electron (preload),
 * the web bridge in a browser, a fake in component tests. Provided once at the root.
 */
export const DesktopContext = createContext<DesktopApi | null>(null);

export function useDesktop(): DesktopApi {
  const api = useContext(DesktopContext);
  if (!api) throw new Error('useDesktop() must be used inside <DesktopContext.Provider>');
  return api;
}
