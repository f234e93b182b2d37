import type { DesktopApi } from '../../../shared/desktop-api';

declare global {
  interface Window {
    /** Set by Electron's preload; absent in a plain browser (the web bridge takes over). */
    desktop?: DesktopApi;
  }
}
