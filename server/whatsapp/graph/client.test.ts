import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_GRAPH_URL, GraphClient } from './client';
import { GraphError, LOCAL_CODES, PayloadError } from './errors';
import { metaError, startFakeGraph, type FakeGraph } from './fake-graph';
import { templateMessage, textMessage } from './payloads';
import { withRetry } from './retry';
import { ThroughputLimiter } from './throughput';

const TOKEN = 'EAAG-secret-token-0123456789';
const WABA_TOKEN = 'EAAG-waba-token-9876543210';
const PNID = '106540352242922';
const WABA = '102290129340398';

let graph: FakeGraph;
let tokenKeys: string[];
let client: GraphClient;

beforeAll(async () => {
  graph = await startFakeGraph();
});
afterAll(() => graph.close());
beforeEach(() => {
  graph.requests.length = 0;
  tokenKeys = [];
  client = new GraphClient({
    baseUrl: `${graph.baseUrl}/`,
    tokenFor: async (key) => {
      tokenKeys.push(key);
      return key === WABA ? WABA_TOKEN : TOKEN;
    },
    timeoutMs: 1_000,
  });
});

const json = (r: { body: Buffer }) => JSON.parse(r.body.toString('utf8')) as unknown;

function expectNoSecret(e: unknown, ...secrets: string[]) {
  const views = [String(e), (e as Error).stack ?? '', JSON.stringify(e), inspect(e, { depth: 5 })];
  for (const secret of secrets) for (const view of views) expect(view).not.toContain(secret);
}

async function caught(p: Promise<unknown>): Promise<GraphError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof GraphError) return e;
    throw e;
  }
  throw new Error('expected a GraphError');
}

describe('sendMessage', () => {
  it('posts the payload to /{pnid}/messages with the number\'s token and returns the wamid', async () => {
    graph.handle(() => ({
      json: {
        messaging_product: 'whatsapp', contacts: [{ input: '+16505555555', wa_id: '16505555555' }],
        messages: [{ id: 'wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA' }],
      },
    }));
    const payload = textMessage('+16505555555', 'Olá! 😮', { replyTo: 'wamid.ABC', bizOpaqueCallbackData: 'msg_42' });
    const res = await client.sendMessage(PNID, payload);
    expect(res).toStrictEqual({ wamid: 'wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA', waId: '16505555555' });
    const [req] = graph.requests;
    expect(req!.method).toBe('POST');
    expect(req!.path).toBe(`/v21.0/${PNID}/messages`);
    expect(req!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req!.headers['content-type']).toBe('application/json');
    expect(json(req!)).toStrictEqual(payload);
    expect(tokenKeys).toEqual([PNID]);
  });

  it('a template send returns Meta\'s message_status', async () => {
    graph.handle(() => ({ json: { messaging_product: 'whatsapp', contacts: [{ input: '5511', wa_id: '5511988887777' }], messages: [{ id: 'wamid.T', message_status: 'accepted' }] } }));
    const res = await client.sendMessage(PNID, templateMessage('5511988887777', { name: 'atendimento_esta_disponivel', language: 'pt_BR' }));
    expect(res).toStrictEqual({ wamid: 'wamid.T', waId: '5511988887777', messageStatus: 'accepted' });
  });

  it('refuses an invalid hand-built payload without calling Meta', async () => {
    const bad = { ...textMessage('16505555555', 'hi'), text: { preview_url: false, body: 'x'.repeat(5000) } };
    await expect(client.sendMessage(PNID, bad)).rejects.toBeInstanceOf(PayloadError);
    expect(graph.requests).toHaveLength(0);
  });

  it('maps Meta\'s synchronous errors to typed GraphErrors', async () => {
    const cases = [
      { status: 400, body: metaError(130429, 'Rate limit hit', 'too many messages', { error_subcode: 2494055 }), kind: 'throttled' },
      { status: 400, body: metaError(131056, '(Business Account, Consumer Account) pair rate limit hit'), kind: 'throttled' },
      { status: 404, body: metaError(132001, 'Template name does not exist in the translation', 'template name (x) does not exist in pt_BR'), kind: 'permanent' },
      { status: 400, body: metaError(132000, 'Number of parameters does not match the expected number of params', 'body: number of localizable_params (1) does not match the expected number of params (2)'), kind: 'permanent' },
      { status: 500, body: metaError(131000, 'Something went wrong'), kind: 'retryable' },
      { status: 403, body: metaError(200, 'Permissions error'), kind: 'auth' },
    ] as const;
    for (const c of cases) {
      graph.handle(() => ({ status: c.status, json: c.body }));
      const e = await caught(client.sendMessage(PNID, textMessage('16505555555', 'hi')));
      expect({ code: e.code, http: e.httpStatus, kind: e.kind, trace: e.fbtraceId }).toEqual({
        code: (c.body as { error: { code: number } }).error.code, http: c.status, kind: c.kind, trace: 'Az8or2yhqkZfEZ-_4Qn_Bam',
      });
      expect(e.mayHaveSucceeded).toBe(false);
    }
  });

  it('a 200 it cannot read is flagged as possibly sent, so it is not blindly repeated', async () => {
    graph.handle(() => ({ json: { messaging_product: 'whatsapp', messages: [] } }));
    const e = await caught(client.sendMessage(PNID, textMessage('16505555555', 'hi')));
    expect(e).toMatchObject({ code: LOCAL_CODES.badResponse, httpStatus: 200, mayHaveSucceeded: true });
  });

  it('a send that times out is retryable in kind but flagged as possibly sent; a read that times out is not flagged', async () => {
    graph.handle(() => 'handled'); // never answers
    const quick = new GraphClient({ baseUrl: graph.baseUrl, tokenFor: () => TOKEN, timeoutMs: 150 });
    const send = await caught(quick.sendMessage(PNID, textMessage('16505555555', 'hi')));
    expect(send).toMatchObject({ code: LOCAL_CODES.timeout, kind: 'retryable', httpStatus: 0, mayHaveSucceeded: true });
    const read = await caught(quick.getPhoneNumber(PNID));
    expect(read).toMatchObject({ code: LOCAL_CODES.timeout, kind: 'retryable', mayHaveSucceeded: false });
  });

  it('an unreachable server is a retryable network error, and nothing can have been sent', async () => {
    const dead = await startFakeGraph();
    await dead.close();
    const offline = new GraphClient({ baseUrl: dead.baseUrl, tokenFor: () => TOKEN });
    const e = await caught(offline.sendMessage(PNID, textMessage('16505555555', 'hi')));
    expect(e).toMatchObject({ code: LOCAL_CODES.network, kind: 'retryable', mayHaveSucceeded: false });
    expect(e.title).toContain('ECONNREFUSED');
  });

  it('waits for the number\'s throughput slot before sending', async () => {
    graph.handle(() => ({ json: { contacts: [{ wa_id: '1' }], messages: [{ id: 'wamid.X' }] } }));
    const slept: number[] = [];
    const limiter = new ThroughputLimiter({ now: () => 0, sleep: async (ms) => { slept.push(ms); } });
    limiter.setRate(PNID, 2);
    const limited = new GraphClient({ baseUrl: graph.baseUrl, tokenFor: () => TOKEN, limiter });
    for (let i = 0; i < 3; i++) await limited.sendMessage(PNID, textMessage('16505555555', `m${i}`));
    expect(slept).toEqual([500]);
    expect(graph.requests).toHaveLength(3);
  });
});

describe('sendMessage with withRetry', () => {
  const sleep = async () => {};

  it('repeats after 5xx and throttling until Meta accepts: one message, three requests', async () => {
    const answers = [
      { status: 500, json: metaError(131000, 'Something went wrong') },
      { status: 400, json: metaError(130429, 'Rate limit hit') },
      { json: { contacts: [{ wa_id: '16505555555' }], messages: [{ id: 'wamid.OK' }] } },
    ];
    graph.handle(() => answers[graph.requests.length - 1]!);
    const payload = textMessage('16505555555', 'hi', { bizOpaqueCallbackData: 'msg_1' });
    const res = await withRetry(() => client.sendMessage(PNID, payload), { sleep });
    expect(res.wamid).toBe('wamid.OK');
    expect(graph.requests.map((r) => json(r))).toEqual([payload, payload, payload]);
  });

  it('does not repeat a 4xx such as an unknown template', async () => {
    graph.handle(() => ({ status: 404, json: metaError(132001, 'Template name does not exist in the translation') }));
    const e = await caught(withRetry(() => client.sendMessage(PNID, templateMessage('16505555555', { name: 'nope', language: 'pt_BR' })), { sleep }));
    expect(e.code).toBe(132001);
    expect(graph.requests).toHaveLength(1);
  });
});

describe('tokens never leak', () => {
  it('not even when Meta echoes the token back in its error', async () => {
    graph.handle((req) => ({
      status: 401,
      json: { error: { message: `Error validating access token: ${req.headers.authorization}`, code: 190, error_data: { details: `token ${TOKEN} access_token=${TOKEN}` }, fbtrace_id: 'T' } },
    }));
    const e = await caught(client.markRead(PNID, 'wamid.IN'));
    expect(e.kind).toBe('auth');
    expect(e.reason).toMatch(/administrator must update it/);
    expectNoSecret(e, TOKEN);
  });

  it('not in errors about unreadable answers or the network', async () => {
    graph.handle(() => ({ status: 502, body: `upstream said Bearer ${TOKEN}` }));
    const e = await caught(client.getPhoneNumber(PNID));
    expect(e.kind).toBe('retryable');
    expectNoSecret(e, TOKEN);
    const dead = await startFakeGraph();
    await dead.close();
    const offline = new GraphClient({ baseUrl: dead.baseUrl, tokenFor: () => TOKEN });
    expectNoSecret(await caught(offline.getMedia(PNID, '1')), TOKEN);
  });

  it('a number without a token fails before any request, as an auth problem', async () => {
    const none = new GraphClient({ baseUrl: graph.baseUrl, tokenFor: () => '' });
    const e = await caught(none.sendMessage(PNID, textMessage('16505555555', 'hi')));
    expect(e).toMatchObject({ code: LOCAL_CODES.noToken, kind: 'auth' });
    expect(e.reason).toMatch(/No WhatsApp access token is configured/);
    expect(graph.requests).toHaveLength(0);
  });
});

describe('markRead', () => {
  it('posts the read status for the wamid', async () => {
    graph.handle(() => ({ json: { success: true } }));
    await client.markRead(PNID, 'wamid.IN');
    await client.markRead(PNID, 'wamid.IN2', { typingIndicator: true });
    expect(graph.requests.map((r) => [r.path, json(r)])).toEqual([
      [`/v21.0/${PNID}/messages`, { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN' }],
      [`/v21.0/${PNID}/messages`, { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN2', typing_indicator: { type: 'text' } }],
    ]);
  });
});

describe('listTemplates', () => {
  const template = (i: number) => ({
    name: `t${i}`, parameter_format: 'POSITIONAL', language: 'pt_BR', status: 'APPROVED', category: 'UTILITY', id: `${1000 + i}`,
    components: [{ type: 'BODY', text: 'Olá {{1}}', example: { body_text: [['Ana']] } }, { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Sim' }] }],
  });

  it('follows paging.next across 3 pages with the WABA token on every request', async () => {
    graph.handle((req) => {
      const u = new URL(req.path, graph.origin);
      const after = u.searchParams.get('after');
      const page = after === null ? 0 : Number(after);
      const data = [0, 1].map((j) => template(page * 2 + j));
      const next = page < 2 ? `${graph.baseUrl}/${WABA}/message_templates?limit=2&after=${page + 1}` : undefined;
      return { json: { data, paging: { cursors: { before: 'B', after: 'A' }, ...(next ? { next } : {}) } } };
    });
    const templates = await client.listTemplates(WABA, { status: 'APPROVED' });
    expect(templates.map((t) => t.name)).toEqual(['t0', 't1', 't2', 't3', 't4', 't5']);
    expect(templates[0]).toEqual({
      id: '1000', name: 't0', language: 'pt_BR', status: 'APPROVED', category: 'UTILITY', parameterFormat: 'POSITIONAL',
      components: template(0).components,
    });
    expect(graph.requests).toHaveLength(3);
    expect(graph.requests[0]!.path).toBe(`/v21.0/${WABA}/message_templates?fields=name,status,category,language,components,id,quality_score,parameter_format&status=APPROVED&limit=100`);
    expect(graph.requests.map((r) => r.headers.authorization)).toEqual(Array(3).fill(`Bearer ${WABA_TOKEN}`));
    expect(tokenKeys).toEqual([WABA, WABA, WABA]);
  });

  it('stops on a paging loop instead of spinning', async () => {
    graph.handle((req) => {
      const second = req.path.includes('after=2');
      return { json: { data: [template(second ? 2 : 1)], paging: { next: `${graph.baseUrl}/${WABA}/message_templates?${second ? 'after=1' : 'after=2'}` } } };
    });
    const e = await caught(client.listTemplates(WABA));
    expect(e.title).toMatch(/loops/);
    expect(graph.requests.length).toBeLessThanOrEqual(3);
  });

  it('never sends the token to a next page on another host', async () => {
    const elsewhere = await startFakeGraph();
    try {
      graph.handle(() => ({ json: { data: [template(1)], paging: { next: `${elsewhere.baseUrl}/${WABA}/message_templates?after=2` } } }));
      const e = await caught(client.listTemplates(WABA));
      expect(e.title).toMatch(/outside the Graph API/);
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });
});

describe('phone numbers', () => {
  const spec = {
    verified_name: 'Jaspers Market', code_verification_status: 'VERIFIED', display_phone_number: '+1 555-555-5555',
    quality_rating: 'GREEN', platform_type: 'CLOUD_API', throughput: { level: 'STANDARD' }, id: '106853218861309',
  };

  it('getPhoneNumber asks for the fields and maps them', async () => {
    graph.handle(() => ({ json: { ...spec, status: 'CONNECTED', name_status: 'APPROVED', messaging_limit_tier: 'TIER_1K', whatsapp_business_manager_messaging_limit: 'TIER_2K' } }));
    const n = await client.getPhoneNumber(PNID);
    expect(graph.requests[0]!.path).toBe(`/v21.0/${PNID}?fields=id,display_phone_number,verified_name,quality_rating,throughput,messaging_limit_tier,whatsapp_business_manager_messaging_limit,status,code_verification_status,name_status,platform_type,account_mode`);
    expect(n).toStrictEqual({
      id: '106853218861309', displayPhoneNumber: '+1 555-555-5555', verifiedName: 'Jaspers Market', qualityRating: 'GREEN',
      throughputLevel: 'STANDARD', messagingLimitTier: 'TIER_2K', status: 'CONNECTED', codeVerificationStatus: 'VERIFIED',
      nameStatus: 'APPROVED', platformType: 'CLOUD_API',
    });
    await client.getPhoneNumber(PNID, ['quality_rating', 'throughput']);
    expect(graph.requests[1]!.path).toBe(`/v21.0/${PNID}?fields=quality_rating,throughput`);
  });

  it('listPhoneNumbers reads the WABA\'s numbers (the spec example), falling back to the deprecated tier field', async () => {
    graph.handle(() => ({ json: { data: [{ ...spec, messaging_limit_tier: 'TIER_250' }], paging: { cursors: { before: 'QVFIU', after: 'QVFIU' } } } }));
    const list = await client.listPhoneNumbers(WABA);
    expect(graph.requests[0]!.path.startsWith(`/v21.0/${WABA}/phone_numbers?fields=`)).toBe(true);
    expect(graph.requests[0]!.headers.authorization).toBe(`Bearer ${WABA_TOKEN}`);
    expect(list).toEqual([expect.objectContaining({ id: '106853218861309', qualityRating: 'GREEN', throughputLevel: 'STANDARD', messagingLimitTier: 'TIER_250' })]);
  });
});

describe('business profile', () => {
  it('reads the profile (the spec example)', async () => {
    graph.handle(() => ({
      json: { data: [{ about: 'Succulent specialists!', address: '1 Hacker Way, Menlo Park, CA 94025', description: 'd', email: 'lucky@luckyshrub.com', messaging_product: 'whatsapp', profile_picture_url: 'https://pps.whatsapp.net/p', websites: ['https://www.luckyshrub.com/'], vertical: 'RETAIL' }] },
    }));
    expect(await client.getBusinessProfile(PNID)).toStrictEqual({
      about: 'Succulent specialists!', address: '1 Hacker Way, Menlo Park, CA 94025', description: 'd', email: 'lucky@luckyshrub.com',
      profilePictureUrl: 'https://pps.whatsapp.net/p', websites: ['https://www.luckyshrub.com/'], vertical: 'RETAIL',
    });
    expect(graph.requests[0]!.path).toBe(`/v21.0/${PNID}/whatsapp_business_profile?fields=about,address,description,email,profile_picture_url,websites,vertical`);
  });

  it('updates only the given fields', async () => {
    graph.handle(() => ({ json: { success: true } }));
    await client.updateBusinessProfile(PNID, { about: 'Atendimento 8h–18h', websites: ['https://example.com'], vertical: 'RETAIL', profilePictureHandle: '4::aW' });
    expect(json(graph.requests[0]!)).toStrictEqual({
      messaging_product: 'whatsapp', about: 'Atendimento 8h–18h', websites: ['https://example.com'], vertical: 'RETAIL', profile_picture_handle: '4::aW',
    });
  });

  it('refuses fields over Meta\'s limits before sending anything', async () => {
    const bad = [
      [{ about: 'x'.repeat(140) }, 'about'],
      [{ about: '' }, 'about'],
      [{ description: 'x'.repeat(513) }, 'description'],
      [{ email: 'not-an-email' }, 'email'],
      [{ websites: ['https://a.example', 'https://b.example', 'https://c.example'] }, 'websites'],
      [{ websites: ['ftp://a.example'] }, 'websites.0'],
      [{ vertical: 'SPACESHIPS' }, 'vertical'],
      [{}, ''],
    ] as const;
    for (const [fields, field] of bad) {
      await expect(client.updateBusinessProfile(PNID, fields as never)).rejects.toMatchObject({ name: 'PayloadError', field });
    }
    expect(graph.requests).toHaveLength(0);
  });
});

describe('registration', () => {
  it('request_code, verify_code and register send Meta\'s bodies', async () => {
    graph.handle(() => ({ json: { success: true } }));
    await client.requestCode(PNID, 'SMS', 'pt_BR');
    await client.verifyCode(PNID, '123-456');
    await client.register(PNID, '654321');
    expect(graph.requests.map((r) => [r.method, r.path, json(r)])).toEqual([
      ['POST', `/v21.0/${PNID}/request_code`, { code_method: 'SMS', language: 'pt_BR' }],
      ['POST', `/v21.0/${PNID}/verify_code`, { code: '123456' }],
      ['POST', `/v21.0/${PNID}/register`, { messaging_product: 'whatsapp', pin: '654321' }],
    ]);
  });

  it('a wrong code is a permanent error with a plain reason; malformed input is refused locally', async () => {
    graph.handle(() => ({ status: 400, json: metaError(136025, 'Verify code error') }));
    const e = await caught(client.verifyCode(PNID, '000000'));
    expect(e).toMatchObject({ code: 136025, kind: 'permanent' });
    expect(e.reason).toBe('The verification code is wrong or has expired.');
    await expect(client.register(PNID, '12')).rejects.toBeInstanceOf(PayloadError);
    await expect(client.verifyCode(PNID, 'abc')).rejects.toBeInstanceOf(PayloadError);
    expect(graph.requests).toHaveLength(1);
  });
});

it('DEFAULT_GRAPH_URL is Meta\'s, with a version', () => {
  expect(DEFAULT_GRAPH_URL).toMatch(/^https:\/\/graph\.facebook\.com\/v\d+\.\d+$/);
});
