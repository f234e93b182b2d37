export { DeskService, normalizeBaseUrl, type DeskServiceOptions } from './desk-service';
export { DeskError, asDeskError, toDesktopError } from './desk-error';
export type { DeskHost, SavedSession, SavedState } from './host';
export { inView, ticketsInView } from './views';
