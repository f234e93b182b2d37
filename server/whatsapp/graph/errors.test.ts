import { describe, expect, it } from 'vitest';
import { classifyGraphError, GraphError, LOCAL_CODES, plainReason, PLAIN_REASONS, reasonCode } from './errors';

describe('GraphError.fromResponse reads Meta\'s error shape', () => {
  it('the spec example (130429) keeps code, subcode, title, details and trace id', () => {
    const body = JSON.stringify({
      error: {
        message: '(#130429) Rate limit hit', type: 'OAuthException', code: 130429,
        error_data: { messaging_product: 'whatsapp', details: 'Message failed to send because there were too many messages sent from this phone number in a short period of time' },
        error_subcode: 2494055, fbtrace_id: 'Az8or2yhqkZfEZ-_4Qn_Bam',
      },
    });
    const e = GraphError.fromResponse(400, body);
    expect(e).toMatchObject({
      httpStatus: 400, code: 130429, subcode: 2494055, title: 'Rate limit hit', type: 'OAuthException',
      details: 'Message failed to send because there were too many messages sent from this phone number in a short period of time',
      fbtraceId: 'Az8or2yhqkZfEZ-_4Qn_Bam', kind: 'throttled', mayHaveSucceeded: false,
    });
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toContain('130429');
  });

  it('the expired token (190, HTTP 401) is an auth error', () => {
    const body = JSON.stringify({ error: { message: 'Error validating access token: Session has expired on Friday', type: 'OAuthException', code: 190, error_subcode: 463, fbtrace_id: 'x' } });
    const e = GraphError.fromResponse(401, body);
    expect(e.kind).toBe('auth');
    expect(e.subcode).toBe(463);
    expect(e.title).toBe('Error validating access token: Session has expired on Friday');
    expect(e.reason).toMatch(/access token was refused or has expired: an administrator must update it/);
  });

  it('an answer that is not Meta\'s shape is judged by HTTP status', () => {
    expect(GraphError.fromResponse(502, '<html>Bad gateway</html>')).toMatchObject({ code: LOCAL_CODES.badResponse, kind: 'retryable', details: '<html>Bad gateway</html>' });
    expect(GraphError.fromResponse(429, '').kind).toBe('throttled');
    expect(GraphError.fromResponse(401, 'nope').kind).toBe('auth');
    expect(GraphError.fromResponse(404, 'Not Found').kind).toBe('permanent');
  });

  it('is_transient makes an otherwise unknown code retryable', () => {
    expect(GraphError.fromResponse(400, JSON.stringify({ error: { message: 'x', code: 9999, is_transient: true } })).kind).toBe('retryable');
    expect(GraphError.fromResponse(400, JSON.stringify({ error: { message: 'x', code: 9999 } })).kind).toBe('permanent');
  });

  it('serialises without a stack for storage', () => {
    const e = GraphError.fromResponse(404, JSON.stringify({ error: { message: '(#132001) Template name does not exist in the translation', code: 132001, error_data: { details: 'template name (x) does not exist in en' } } }));
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      httpStatus: 404, code: 132001, title: 'Template name does not exist in the translation', details: 'template name (x) does not exist in en',
      kind: 'permanent', mayHaveSucceeded: false,
    });
  });
});

describe('classification by code family', () => {
  it.each([
    ['retryable', [1, 2, 131000, 131057, LOCAL_CODES.network, LOCAL_CODES.timeout]],
    ['throttled', [130429, 131056, 80007, 4, 131048]],
    ['auth', [190, 0, 10, 200, 250, 299, LOCAL_CODES.noToken]],
    ['permanent', [100, 131008, 131009, 131021, 131026, 131047, 131051, 132000, 132001, 132012, 132015, 132016, 133010, 368, LOCAL_CODES.tooLarge]],
  ] as const)('%s', (kind, codes) => {
    for (const code of codes) expect([code, classifyGraphError(code, 400)]).toEqual([code, kind]);
  });

  it('any 5xx is retryable even with an unknown code, but a known permanent code stays permanent at 4xx', () => {
    expect(classifyGraphError(123456, 503)).toBe('retryable');
    expect(classifyGraphError(131000, 500)).toBe('retryable');
    expect(classifyGraphError(132001, 404)).toBe('permanent');
    // A rate limit is a rate limit whatever the status.
    expect(classifyGraphError(130429, 500)).toBe('throttled');
  });
});

describe('plainReason', () => {
  it('explains the codes the agent meets most', () => {
    expect(plainReason(131047)).toBe('More than 24 hours have passed since the customer last wrote: send an approved template (active message) instead.');
    expect(plainReason(131026)).toMatch(/could not be delivered: the number may not be on WhatsApp, or the customer uses an old WhatsApp version/);
    expect(plainReason(132001)).toMatch(/does not exist or is not approved in this language/);
    expect(plainReason(132000)).toMatch(/number of template variables does not match/);
    expect(plainReason(130429)).toMatch(/throttled/);
    expect(plainReason(131056)).toMatch(/throttled/);
    expect(plainReason(190)).toMatch(/access token was refused or has expired: an administrator must update it/);
  });

  it('falls back to Meta\'s details for codes without a text of ours', () => {
    expect(plainReason(999001, 'Something odd')).toBe('WhatsApp refused this (error 999001): Something odd.');
    expect(plainReason(999001)).toBe('WhatsApp refused this (error 999001).');
  });

  it('reasonCode gives the translation key; the permission range shares one', () => {
    expect(reasonCode(131047)).toBe(131047);
    expect(reasonCode(230)).toBe(200);
    expect(reasonCode(999001)).toBeNull();
    for (const key of Object.keys(PLAIN_REASONS)) expect(PLAIN_REASONS[Number(key)]!.length).toBeLessThan(160);
  });
});
