export { SyncEngine, type ConnectionState, type EngineEvents, type EngineOptions, type EngineStatus, type NoteTargetRef, type SessionInfo, type SignInResult, type SignOutResult } from './engine';
export { MemoryStore } from './memory-store';
export type { CachedRow, EntityData, EntityKind, LocalStore, NoteTarget, OptimisticData, OptimisticKind, OptimisticRow, OutboxItem, OutboxStatus, SearchQuery, SearchResult, SessionRecord, TicketQuery } from './store';
export { outboxActionSchema, type OutboxAction } from './actions';
export type { StoreChange, ChangeSource } from './apply';
export type { OutboxEvent, OutboxOutcome } from './flusher';
export type { LocalState, MessageView, NoteView, OutboxItemView, TicketView } from './queries';
export { defaultBackoff, backoffDelay, type BackoffOptions } from './backoff';
