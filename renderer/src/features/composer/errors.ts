import type { TFunction } from 'i18next';

/** A failed desktop call as the API reports it (`code` from shared/errors.ts, or `offline` …). */
export interface CallError {
  code: string;
  message: string;
}

export function callError(err: unknown): CallError {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') {
    const message = 'message' in err && typeof err.message === 'string' ? err.message : err.code;
    return { code: err.code, message };
  }
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/**
 * A sentence for the agent: our own words for the codes they can act on, otherwise the server's
 * explanation (which says what was wrong) inside a translated frame.
 */
export function describeError(t: TFunction<'composer'>, err: unknown): string {
  const { code, message } = callError(err);
  switch (code) {
    case 'offline':
      return t('errors.offline');
    case 'file_too_large':
      return t('errors.fileTooLarge');
    case 'payload_too_large':
    case 'media_rejected':
      return t('errors.fileRejected', { reason: message });
    case 'window_closed':
      return t('errors.windowClosed');
    case 'forbidden':
      return t('errors.forbidden');
    case 'rate_limited':
    case 'unavailable':
      return t('errors.tryLater');
    case 'unauthenticated':
      return t('errors.signIn');
    default:
      return t('errors.generic', { reason: message });
  }
}
