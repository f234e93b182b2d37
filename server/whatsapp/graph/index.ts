export { DEFAULT_GRAPH_URL, GraphClient, type GraphClientOptions, type TokenSource } from './client';
export {
  classifyGraphError, GraphError, LOCAL_CODES, PayloadError, plainReason, PLAIN_REASONS, reasonCode,
  type GraphErrorKind,
} from './errors';
export { LIMITS, MEDIA_LIMITS, MAX_MEDIA_BYTES, mediaLimitProblem, type MediaKind } from './limits';
export * from './payloads';
export { isRetryable, retryDelayMs, RETRY_DEFAULTS, withRetry, type RetryOptions } from './retry';
export { DEFAULT_MPS, messagesPerSecond, THROUGHPUT_MPS, ThroughputLimiter } from './throughput';
export type {
  BusinessProfile, BusinessProfileUpdate, DownloadedMedia, MediaInfo, OutgoingMessage, PhoneNumberDetails, PhoneNumberField,
  SendResult, Template, TemplateComponent, TemplateFilters, UploadedMedia,
} from './types';
export { PHONE_NUMBER_FIELDS } from './types';
