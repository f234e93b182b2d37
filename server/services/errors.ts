import { errorCatalogue, type ErrorCode } from '../../shared/errors';

/** An error meant for the caller: its code (shared/errors.ts) decides the HTTP status. */
export class AppError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly field?: string) {
    super(message);
  }
  get status(): number {
    return errorCatalogue[this.code].status;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found, or you have no access to it.`);
export const forbidden = (message = 'Your profile does not allow this. Ask an administrator for access.') =>
  new AppError('forbidden', message);
