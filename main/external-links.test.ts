import { describe, expect, it } from 'vitest';
import { checkExternalUrl } from './external-links';

describe('links opened in the system browser', () => {
  it('opens https links, normalised', () => {
    expect(checkExternalUrl('https://www.gov.br/receitafederal/pt-br')).toEqual({ ok: true, url: 'https://www.gov.br/receitafederal/pt-br' });
    expect(checkExternalUrl('HTTPS://Example.COM/a?b=c#d')).toEqual({ ok: true, url: 'https://example.com/a?b=c#d' });
  });

  it.each([
    ['http://example.com/', /only https/],
    ['file:///etc/passwd', /only https.*file/],
    ['javascript:alert(1)', /only https/],
    ['smb://server/share', /only https/],
    ['ms-msdt:/id PCWDiagnostic', /spaces/],
    ['https://bank.example@evil.example/', /user name or password/],
    ['https://user:pw@example.com/', /user name or password/],
    ['https://exa mple.com/', /spaces/],
    ['https://example.com/\n', /control/],
    ['example.com', /not a valid address/],
    ['', /empty/],
    [`https://example.com/${'a'.repeat(4000)}`, /longer than/],
  ])('refuses %s', (url, reason) => {
    const verdict = checkExternalUrl(url);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });

  it('refuses what is not a string', () => {
    expect(checkExternalUrl(undefined).ok).toBe(false);
    expect(checkExternalUrl({ href: 'https://example.com' }).ok).toBe(false);
  });
});
