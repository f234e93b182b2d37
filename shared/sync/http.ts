import type { z } from 'zod';
import { apiErrorSchema, isRetryable } from '../errors';

/** The server answered with an error envelope (or at least an error status). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  get unauthenticated(): boolean {
    return this.status === 401 && this.code === 'unauthenticated';
  }
}

/** No answer: the network failed, the server went away, or the request timed out. */
export class NetworkFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkFailure';
  }
}

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpOptions {
  baseUrl: string;
  token: () => string | null;
  fetch?: FetchFn;
  timeoutMs?: number;
}

export interface RequestOptions<T> {
  body?: unknown;
  /** A raw body instead of JSON (uploads). */
  raw?: { bytes: Uint8Array; contentType: string };
  /** Validates the answer; without it the answer is returned as parsed JSON. */
  schema?: z.ZodType<T>;
}

/** A small REST client: bearer token, timeout, and errors sorted into ApiFailure / NetworkFailure. */
export class Http {
  private readonly fetchFn: FetchFn;

  constructor(private readonly opts: HttpOptions) {
    this.fetchFn = opts.fetch ?? ((input, init) => fetch(input, init));
  }

  get baseUrl(): string {
    return this.opts.baseUrl;
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions<T> = {}): Promise<T> {
    const token = this.opts.token();
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.raw) headers['content-type'] = options.raw.contentType;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.opts.timeoutMs ?? 15_000);
    let res: Response;
    let text: string;
    try {
      res = await this.fetchFn(`${this.opts.baseUrl}${path}`, {
        method, headers, signal: abort.signal, ...bodyOf(options),
      });
      text = await res.text();
    } catch (err) {
      throw new NetworkFailure(abort.signal.aborted ? `${method} ${path} timed out` : `${method} ${path} failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      clearTimeout(timer);
    }
    const json = parseJson(text);
    if (!res.ok) throw failureOf(res.status, json);
    if (!options.schema) return json as T;
    const parsed = options.schema.safeParse(json);
    if (!parsed.success) throw new ApiFailure(res.status, 'unexpected_answer', `${method} ${path} answered an unexpected shape: ${parsed.error.message}`, false);
    return parsed.data;
  }
}

function bodyOf(options: RequestOptions<unknown>): Pick<RequestInit, 'body'> {
  if (options.raw) return { body: options.raw.bytes as Uint8Array<ArrayBuffer> };
  return options.body === undefined ? {} : { body: JSON.stringify(options.body) };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function failureOf(status: number, json: unknown): ApiFailure {
  const envelope = apiErrorSchema.safeParse(json);
  if (envelope.success) {
    const { code, message } = envelope.data.error;
    return new ApiFailure(status, code, message, isRetryable(code));
  }
  // No envelope (a proxy, a crash page): 5xx and 429 are worth retrying, other statuses are not.
  const retryable = status >= 500 || status === 429 || status === 408;
  return new ApiFailure(status, retryable ? 'unavailable' : 'unexpected_answer', `The server answered ${status}`, retryable);
}
