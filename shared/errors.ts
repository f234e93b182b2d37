import { z } from 'zod';

/**
 * Every error code the API may answer with, its HTTP status, and whether a client should retry the
 * same request later (retryable) or surface it to the user (permanent). Documented in docs/errors.md.
 */
export const errorCatalogue = {
  validation: { status: 400, retryable: false },
  invalid_credentials: { status: 401, retryable: false },
  unauthenticated: { status: 401, retryable: false },
  forbidden: { status: 403, retryable: false },
  not_found: { status: 404, retryable: false },
  invalid_state: { status: 409, retryable: false },
  active_ticket_exists: { status: 409, retryable: false },
  media_not_ready: { status: 409, retryable: true },
  resync_required: { status: 410, retryable: false },
  payload_too_large: { status: 413, retryable: false },
  idempotency_key_reused: { status: 422, retryable: false },
  unknown_tag: { status: 422, retryable: false },
  window_closed: { status: 422, retryable: false },
  unknown_template: { status: 422, retryable: false },
  template_mismatch: { status: 422, retryable: false },
  media_rejected: { status: 422, retryable: false },
  unprocessable: { status: 422, retryable: false },
  rate_limited: { status: 429, retryable: true },
  internal: { status: 500, retryable: true },
  unavailable: { status: 503, retryable: true },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

export type ErrorCode = keyof typeof errorCatalogue;
export const errorCodes = Object.keys(errorCatalogue) as [ErrorCode, ...ErrorCode[]];

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export function isRetryable(code: string): boolean {
  return code in errorCatalogue ? errorCatalogue[code as ErrorCode].retryable : true;
}
