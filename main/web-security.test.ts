import { describe, expect, it } from 'vitest';
import type { RendererOrigin } from './ipc-rules';
import { contentSecurityPolicy, navigationAllowed, permissionAllowed, withSecurityHeaders } from './web-security';

const built: RendererOrigin = { kind: 'file', url: 'file:///app/out/renderer/index.html' };
const dev: RendererOrigin = { kind: 'dev', url: 'http://localhost:5173/' };

function directives(csp: string): Map<string, string> {
  return new Map(csp.split('; ').map((d) => [d.split(' ')[0]!, d.slice(d.indexOf(' ') + 1)]));
}

describe('content security policy', () => {
  it('allows scripts from the app only, nothing by default, and media from the backend', () => {
    const csp = directives(contentSecurityPolicy({ renderer: built, backendOrigin: 'https://desk.example.com' }));
    expect(csp.get('default-src')).toBe("'none'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('img-src')).toContain('https://desk.example.com');
    expect(csp.get('media-src')).toContain('https://desk.example.com');
  });

  it('allows no remote media before sign-in', () => {
    const csp = directives(contentSecurityPolicy({ renderer: built, backendOrigin: null }));
    expect(csp.get('img-src')).toBe("'self' data: blob:");
  });

  it('lets the dev server run its preamble and HMR socket, in development only', () => {
    const csp = directives(contentSecurityPolicy({ renderer: dev, backendOrigin: null }));
    expect(csp.get('script-src')).toBe("'self' 'unsafe-inline'");
    expect(csp.get('connect-src')).toBe("'self' ws://localhost:5173");
  });
});

describe('response headers', () => {
  it('puts the CSP on our renderer documents, replacing one sent in another case', () => {
    const headers = withSecurityHeaders(
      { url: 'http://localhost:5173/', resourceType: 'mainFrame', headers: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } },
      { renderer: dev, backendOrigin: null },
    );
    expect(Object.keys(headers!).sort()).toEqual(['Content-Security-Policy', 'Content-Type', 'X-Content-Type-Options']);
    expect(headers!['Content-Security-Policy']![0]).toContain("default-src 'none'");
  });

  it('leaves media, other sites and non-documents alone', () => {
    const original = { 'Content-Type': ['image/jpeg'] };
    const opts = { renderer: dev, backendOrigin: 'https://desk.example.com' };
    expect(withSecurityHeaders({ url: 'https://desk.example.com/api/v1/media/1', resourceType: 'image', headers: original }, opts)).toBe(original);
    expect(withSecurityHeaders({ url: 'https://other.example/', resourceType: 'mainFrame', headers: original }, opts)).toBe(original);
    expect(withSecurityHeaders({ url: 'http://localhost:5173/src/main.tsx', resourceType: 'script', headers: original }, opts)).toBe(original);
  });
});

describe('permissions and navigation', () => {
  it('grants clipboard writes and fullscreen to our renderer only', () => {
    expect(permissionAllowed('clipboard-sanitized-write', `${built.url}#/t/1`, built)).toBe(true);
    expect(permissionAllowed('fullscreen', built.url, built)).toBe(true);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'hid', 'usb']) expect(permissionAllowed(p, built.url, built), p).toBe(false);
    expect(permissionAllowed('clipboard-sanitized-write', 'https://evil.example/', built)).toBe(false);
  });

  it('lets the window move only between routes of our renderer', () => {
    expect(navigationAllowed(`${built.url}#/settings`, built)).toBe(true);
    expect(navigationAllowed('https://evil.example/', built)).toBe(false);
    expect(navigationAllowed('file:///etc/passwd', built)).toBe(false);
  });
});
