import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { DesktopApi } from '../../shared/desktop-api';
import { Root } from './app/Root';

declare const __APP_VERSION__: string;

/** Electron's preload gives `window.desktop`; in a plain browser the web bridge plays its part. */
async function desktopApi(): Promise<DesktopApi> {
  if (window.desktop) return window.desktop;
  const { createWebDesktop } = await import('./bridge/web-bridge');
  return createWebDesktop(__APP_VERSION__);
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
void desktopApi().then(
  (api) => createRoot(container).render(<StrictMode><Root api={api} /></StrictMode>),
  (err: unknown) => {
    container.textContent = `The app could not start: ${err instanceof Error ? err.message : String(err)}`;
    console.error(err);
  },
);
