/**
 * Links the app may hand to the system browser: https only, with a real host name and no
 * credentials (`https://bank.example@evil.example` reads like a bank but goes to evil.example).
 */
export type LinkVerdict = { ok: true; url: string } | { ok: false; reason: string };

const MAX_LENGTH = 4000;

export function checkExternalUrl(raw: unknown): LinkVerdict {
  if (typeof raw !== 'string' || raw.length === 0) return { ok: false, reason: 'the link is empty' };
  if (raw.length > MAX_LENGTH) return { ok: false, reason: `the link is longer than ${MAX_LENGTH} characters` };
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(raw)) return { ok: false, reason: 'the link contains spaces or control characters' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'the link is not a valid address' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `only https links open outside the app (this one is ${url.protocol.replace(/:$/, '')})` };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'the link carries a user name or password' };
  if (url.hostname === '' || !/[a-z0-9]/i.test(url.hostname)) return { ok: false, reason: 'the link has no host name' };
  return { ok: true, url: url.href };
}
