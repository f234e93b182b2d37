import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopBridge } from './bridge';

/** The global the renderer reads: `window.desktop`, typed as `DesktopApi` (shared/desktop-api.ts). */
export const desktopGlobalName = 'desktop';

contextBridge.exposeInMainWorld(desktopGlobalName, createDesktopBridge(ipcRenderer));
