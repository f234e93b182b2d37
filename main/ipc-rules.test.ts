import { describe, expect, it, vi } from 'vitest';
import { desktopCallNames, desktopEventNames, ipcChannel, type DesktopApi, type DesktopEventName } from '../shared/desktop-api';
import { checkSender, forwardDesktopEvents, handleDesktopCall, isRendererUrl, parseCallInput, toIpcError, type RendererOrigin } from './ipc-rules';

const built: RendererOrigin = { kind: 'file', url: 'file:///opt/Go%20Personal%20Desk/resources/app.asar/out/renderer/index.html' };
const dev: RendererOrigin = { kind: 'dev', url: 'http://localhost:5173/' };
const ours = { fromAppWindow: true, isMainFrame: true, frameUrl: `${built.url}#/tickets/1` };
const numberId = '0194f2c4-8a6e-7b1c-9a3d-2f5e6a7b8c9d';

/** A DesktopApi whose every call is a mock; `on` keeps listeners so a test can fire events. */
function fakeApi() {
  const listeners = new Map<DesktopEventName, Set<(p: unknown) => void>>();
  const api: Record<string, unknown> = {};
  for (const name of desktopCallNames) api[name] = vi.fn(async () => `${name} answer`);
  api.on = (event: DesktopEventName, l: (p: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(l);
    listeners.set(event, set);
    return () => set.delete(l);
  };
  const fire = (event: DesktopEventName, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
  return { api: api as unknown as DesktopApi, mocks: api as Record<string, ReturnType<typeof vi.fn>>, fire, listeners };
}

describe('who may call the desktop API', () => {
  it('accepts the main frame of the app window showing the built renderer, whatever the route', () => {
    expect(checkSender(ours, built)).toEqual({ ok: true });
    expect(checkSender({ ...ours, frameUrl: built.url }, built)).toEqual({ ok: true });
  });

  it('refuses another window, an iframe, or a frame that is gone', () => {
    expect(checkSender({ ...ours, fromAppWindow: false }, built)).toMatchObject({ ok: false, reason: expect.stringContaining('not the app window') });
    expect(checkSender({ ...ours, isMainFrame: false }, built)).toMatchObject({ ok: false, reason: expect.stringContaining('sub-frame') });
    expect(checkSender({ ...ours, frameUrl: null }, built)).toMatchObject({ ok: false });
  });

  it('refuses pages that are not our renderer, even in our window', () => {
    for (const url of [
      'https://evil.example/index.html',
      'file:///tmp/index.html',
      'file:///opt/Go%20Personal%20Desk/resources/app.asar/out/renderer/other.html',
      'file://remote-host/opt/Go%20Personal%20Desk/resources/app.asar/out/renderer/index.html',
      'about:blank',
      'not a url',
    ]) {
      const verdict = checkSender({ ...ours, frameUrl: url }, built);
      expect(verdict.ok, url).toBe(false);
    }
  });

  it('logs a refused page without its query (which may carry anything)', () => {
    const verdict = checkSender({ ...ours, frameUrl: 'https://evil.example/x?token=secret' }, built);
    expect(verdict).toEqual({ ok: false, reason: "the calling page (https://evil.example/x) is not the app's" });
  });

  it('in development, accepts the dev server origin only', () => {
    expect(isRendererUrl('http://localhost:5173/#/desk', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isRendererUrl(built.url, dev)).toBe(false);
  });
});

describe('call inputs', () => {
  it('passes a valid input on, with the schema defaults applied', () => {
    const r = parseCallInput('sendTemplate', { ticketId: numberId, template: 'boas_vindas', language: 'pt_BR' });
    expect(r).toEqual({ ok: true, value: { ticketId: numberId, template: 'boas_vindas', language: 'pt_BR', variables: [], headerVariables: [], buttonVariables: [] } });
  });

  it('turns a bad input into invalid_input naming the field', () => {
    const r = parseCallInput('listTickets', { numberId: 'nope', view: 'mine' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.message).toMatch(/^listTickets: numberId: /);
  });

  it('refuses extra keys where the schema is strict, and a missing input', () => {
    expect(parseCallInput('getState', { sneaky: true }).ok).toBe(false);
    expect(parseCallInput('signIn', undefined)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('signIn: input:') } });
  });
});

describe('answers and errors across IPC', () => {
  it('calls the implementation with the parsed input and wraps its answer', async () => {
    const { api, mocks } = fakeApi();
    const answer = await handleDesktopCall(api, 'listTickets', { numberId, view: 'queue', limit: 10 });
    expect(answer).toEqual({ ok: true, value: 'listTickets answer' });
    expect(mocks.listTickets).toHaveBeenCalledWith({ numberId, view: 'queue', limit: 10 });
  });

  it('does not call the implementation with a bad input', async () => {
    const { api, mocks } = fakeApi();
    const answer = await handleDesktopCall(api, 'sendText', { ticketId: numberId, text: '   ' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(mocks.sendText).not.toHaveBeenCalled();
  });

  it('keeps the code and message of a failure that has them', async () => {
    const { api, mocks } = fakeApi();
    mocks.templates!.mockRejectedValue(Object.assign(new Error('You are offline: this needs a connection.'), { code: 'offline' }));
    expect(await handleDesktopCall(api, 'templates', { numberId })).toEqual({ ok: false, error: { code: 'offline', message: 'You are offline: this needs a connection.' } });
  });

  it('reports anything else as internal, with what happened', () => {
    expect(toIpcError(new TypeError('x is undefined'))).toEqual({ code: 'internal', message: expect.stringContaining('x is undefined') });
    expect(toIpcError('boom')).toMatchObject({ code: 'internal', message: expect.stringContaining('boom') });
    expect(toIpcError({ code: 'window_closed' })).toEqual({ code: 'window_closed', message: 'window_closed' });
  });

  it('forwards every desktop event on its own channel until stopped', () => {
    const { api, fire, listeners } = fakeApi();
    const sent: Array<[string, unknown]> = [];
    const stop = forwardDesktopEvents(api, (channel, payload) => sent.push([channel, payload]));
    for (const event of desktopEventNames) fire(event, { from: event });
    expect(sent).toEqual(desktopEventNames.map((e) => [ipcChannel(e), { from: e }]));
    stop();
    fire('state', {});
    expect(sent).toHaveLength(desktopEventNames.length);
    expect([...listeners.values()].every((s) => s.size === 0)).toBe(true);
  });
});
