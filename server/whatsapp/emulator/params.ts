import { graphErrors } from './errors';

// Readers for Graph request bodies that fail the way Meta does: a missing value is 131008,
// a value of the wrong shape or over a limit is 100, a value Meta cannot use is 131009.

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Length in characters (code points), as Meta counts them. */
export function charLength(text: string): number {
  return [...text].length;
}

export function requireObj(parent: Obj, key: string, path: string): Obj {
  const value = parent[key];
  if (value === undefined || value === null) throw graphErrors.missingParameter(`The parameter ${path} is required.`);
  if (!isObj(value)) throw graphErrors.invalidParameter(`Param ${path} must be a JSON object.`);
  return value;
}

export function optionalObj(parent: Obj, key: string, path: string): Obj | undefined {
  if (parent[key] === undefined || parent[key] === null) return undefined;
  return requireObj(parent, key, path);
}

export function requireArray(parent: Obj, key: string, path: string): unknown[] {
  const value = parent[key];
  if (value === undefined || value === null) throw graphErrors.missingParameter(`The parameter ${path} is required.`);
  if (!Array.isArray(value)) throw graphErrors.invalidParameter(`Param ${path} must be an array.`);
  return value;
}

export function optionalString(parent: Obj, key: string, path: string, limits: { min?: number; max?: number } = {}): string | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw graphErrors.invalidParameter(`Param ${path} must be a string.`);
  const length = charLength(value);
  if (limits.min !== undefined && length < limits.min) throw graphErrors.invalidParameter(`Param ${path} must be at least ${limits.min} characters long.`);
  if (limits.max !== undefined && length > limits.max) throw graphErrors.invalidParameter(`Param ${path} must be at most ${limits.max} characters long.`);
  return value;
}

export function requireString(parent: Obj, key: string, path: string, limits: { max?: number } = {}): string {
  const value = optionalString(parent, key, path, limits);
  if (value === undefined || value === '') throw graphErrors.missingParameter(`The parameter ${path} is required.`);
  return value;
}

/** A number, or a string holding one (Graph accepts both for coordinates and indexes). */
export function requireNumber(parent: Obj, key: string, path: string): number {
  const value = parent[key];
  if (value === undefined || value === null || value === '') throw graphErrors.missingParameter(`The parameter ${path} is required.`);
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) throw graphErrors.invalidParameter(`Param ${path} must be a number.`);
  return n;
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Query string and body merged (body wins): Graph takes parameters from either. */
export function mergedParams(query: unknown, body: unknown): Obj {
  return { ...(isObj(query) ? query : {}), ...(isObj(body) ? body : {}) };
}
