import { isRendererUrl, type RendererOrigin } from './ipc-rules';

/**
 * The renderer's Content-Security-Policy for pages served over http(s) (the Vite dev server).
 * The built renderer is a file:// page, where response headers do not exist: its index.html
 * carries the same policy in a <meta> tag. Media comes from the backend through short-lived
 * signed URLs, so images and audio may load from it (`backendOrigin`); nothing else is fetched
 * by the page: every call goes through the desktop API.
 */
export function contentSecurityPolicy(opts: { renderer: RendererOrigin; backendOrigin: string | null }): string {
  const media = ["'self'", 'data:', 'blob:', ...(opts.backendOrigin ? [opts.backendOrigin] : [])].join(' ');
  const dev = opts.renderer.kind === 'dev' ? new URL(opts.renderer.url) : null;
  // Vite's dev server needs its inline React refresh preamble and its HMR websocket.
  const script = dev ? "'self' 'unsafe-inline'" : "'self'";
  const connect = dev ? `'self' ws://${dev.host}` : "'self'";
  return [
    "default-src 'none'",
    `script-src ${script}`,
    // MUI (emotion) inserts <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    `img-src ${media}`,
    `media-src ${media}`,
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export type ResponseHeaders = Record<string, string[]>;

/**
 * Headers added to our renderer's documents loaded over http(s): the CSP and nosniff. Other
 * responses (media from the backend) pass unchanged. A header the server sent under another
 * letter case is replaced, not duplicated.
 */
export function withSecurityHeaders(
  response: { url: string; resourceType: string; headers: ResponseHeaders | undefined },
  opts: { renderer: RendererOrigin; backendOrigin: string | null },
): ResponseHeaders | undefined {
  const isDocument = response.resourceType === 'mainFrame' || response.resourceType === 'subFrame';
  if (!isDocument || !/^https?:/i.test(response.url) || !isRendererUrl(response.url, opts.renderer)) return response.headers;
  const headers: ResponseHeaders = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'x-content-type-options') continue;
    headers[name] = value;
  }
  headers['Content-Security-Policy'] = [contentSecurityPolicy(opts)];
  headers['X-Content-Type-Options'] = ['nosniff'];
  return headers;
}

/** What the renderer may ask the browser for: copying to the clipboard and fullscreen video; nothing else. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'fullscreen']);

export function permissionAllowed(permission: string, requestingUrl: string, renderer: RendererOrigin): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isRendererUrl(requestingUrl, renderer);
}

/** Where the window itself may go: nowhere but our renderer (in-app routes use the hash). */
export function navigationAllowed(targetUrl: string, renderer: RendererOrigin): boolean {
  return isRendererUrl(targetUrl, renderer);
}
