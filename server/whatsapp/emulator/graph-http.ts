import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import type { EmulatorContext } from './context';
import { ControlError, GraphError, graphErrors } from './errors';
import { isObj } from './params';
import type { PhoneNumberRecord, RequestLogEntry } from './state';

export const DOWNLOAD_PATH = '/whatsapp_business/attachments/';
export const CONTROL_PREFIX = '/_emulator';
const VERSION = /^v\d+\.\d+$/;

/** What a route wants the request log to show for a body that is not JSON (multipart, bytes). */
export const bodySummaries = new WeakMap<FastifyRequest, unknown>();
const authResults = new WeakMap<FastifyRequest, RequestLogEntry['auth']>();

function pathOf(url: string): string {
  return url.split('?')[0] ?? url;
}

export function isControlPath(url: string): boolean {
  const path = pathOf(url);
  return path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
}

function tokenOf(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header) : null;
  if (match?.[1]) return match[1].trim();
  const query = req.query;
  return isObj(query) && typeof query.access_token === 'string' ? query.access_token : undefined;
}

function checkAuth(ctx: EmulatorContext, req: FastifyRequest): void {
  const token = tokenOf(req);
  if (token === ctx.config.accessToken) {
    authResults.set(req, 'ok');
    return;
  }
  authResults.set(req, token === undefined ? 'missing' : 'invalid');
  const expiredAt = token === undefined ? undefined : ctx.config.expiredTokens.get(token);
  throw expiredAt ? graphErrors.expiredToken(expiredAt) : graphErrors.invalidToken();
}

function logPayload(payload: unknown): unknown {
  if (typeof payload === 'string') {
    try {
      return JSON.parse(payload) as unknown;
    } catch {
      return payload.slice(0, 2000);
    }
  }
  if (Buffer.isBuffer(payload)) return { bytes: payload.length };
  return payload ?? null;
}

function logBody(req: FastifyRequest): unknown {
  if (bodySummaries.has(req)) return bodySummaries.get(req);
  if (Buffer.isBuffer(req.body)) return { bytes: req.body.length };
  return req.body ?? null;
}

/** Body parsers, Bearer check, version check, request log and Meta-shaped errors. */
export function registerGraphPlumbing(app: FastifyInstance, ctx: EmulatorContext): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      done(graphErrors.invalidParameter('The request body is not valid JSON.'));
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (req) => {
    if (isControlPath(req.url)) {
      // `/_emulator/x` also fits the Graph pattern `/:version/:id`; only real control routes answer.
      if (!req.routeOptions.url?.startsWith(CONTROL_PREFIX)) throw new ControlError(404, `no control endpoint ${req.method} ${pathOf(req.url)}`);
      return;
    }
    checkAuth(ctx, req);
    const path = pathOf(req.url);
    if (!path.startsWith(DOWNLOAD_PATH) && !VERSION.test(path.split('/')[1] ?? '')) throw graphErrors.unknownPath(path);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (isControlPath(req.url)) return payload;
    ctx.state.logRequest({
      at: new Date(ctx.clock.now()).toISOString(),
      method: req.method,
      path: pathOf(req.url),
      query: isObj(req.query) ? Object.fromEntries(Object.entries(req.query).filter(([k]) => k !== 'access_token').map(([k, v]) => [k, String(v)])) : {},
      auth: authResults.get(req) ?? 'missing',
      contentType: req.headers['content-type'],
      body: logBody(req),
      status: reply.statusCode,
      response: logPayload(payload),
    });
    return payload;
  });

  app.setErrorHandler((err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const control = isControlPath(req.url);
    if (err instanceof GraphError) {
      return reply.code(err.httpStatus).send(control ? { error: err.message, code: err.code, details: err.details } : err.body());
    }
    if (err instanceof ControlError) return reply.code(err.status).send({ error: err.message });
    if (err instanceof ZodError) return reply.code(400).send({ error: 'invalid request', issues: err.issues });
    const status = typeof (err as { statusCode?: unknown }).statusCode === 'number' ? (err as { statusCode: number }).statusCode : 500;
    const message = err instanceof Error ? err.message : String(err);
    if (control) return reply.code(status).send({ error: message });
    if (status < 500) {
      const graph = status === 413 ? graphErrors.mediaUpload('The request body is too large.') : graphErrors.invalidParameter(message);
      return reply.code(400).send(graph.body());
    }
    ctx.log(`graph ${req.method} ${pathOf(req.url)} crashed: ${message}`);
    return reply.code(500).send(new GraphError(500, 131000, 'Something went wrong', message).body());
  });

  app.setNotFoundHandler((req, reply) => {
    if (isControlPath(req.url)) return reply.code(404).send({ error: `no control endpoint ${req.method} ${pathOf(req.url)}` });
    return reply.code(400).send(graphErrors.unknownPath(pathOf(req.url)).body());
  });
}

export function findNumber(ctx: EmulatorContext, id: string, method: 'get' | 'post' | 'delete'): PhoneNumberRecord {
  const number = ctx.state.numbers.get(id);
  if (!number) throw graphErrors.unknownObject(id, method);
  return number;
}

export function queryOf(req: FastifyRequest): Record<string, string> {
  const q = req.query;
  if (!isObj(q)) return {};
  return Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)]));
}

/** `fields=a,b{c,d},e` → ["a", "b", "e"] (sub-selections are answered in full). */
export function fieldList(fields: string | undefined): string[] | null {
  if (!fields) return null;
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of fields) {
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      if (current.trim()) out.push(current.trim());
      current = '';
    } else if (depth === 0) current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

export interface Params {
  version: string;
  id: string;
}
