import { z } from 'zod';
import type { DesktopError } from '../desktop-api';
import { ApiFailure, NetworkFailure } from '../sync/http';

/** A failed desktop call: `code` from shared/errors.ts, or `offline` / `invalid_input`. */
export class DeskError extends Error implements DesktopError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DeskError';
  }
}

/** Any failure as `{ code, message }` (for the renderer, and to cross IPC, which keeps only plain data). */
export function toDesktopError(err: unknown): DesktopError {
  if (err instanceof DeskError || err instanceof ApiFailure) return { code: err.code, message: err.message };
  if (err instanceof NetworkFailure) return { code: 'offline', message: err.message };
  if (err instanceof z.ZodError) return { code: 'invalid_input', message: err.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ') };
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') {
    const message = 'message' in err && typeof err.message === 'string' ? err.message : err.code;
    return { code: err.code, message };
  }
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/** Rethrows any failure as a DeskError. */
export function asDeskError(err: unknown): DeskError {
  if (err instanceof DeskError) return err;
  const { code, message } = toDesktopError(err);
  return new DeskError(code, message);
}
