import type { Change } from '../../shared/api/sync';

/** A committed change-feed row with the routing facts the realtime layer needs. */
export interface StoredChange {
  change: Change;
  orgId: string;
  ticketId: string | null;
  queueId: string | null;
  assigneeId: string | null;
  prevAssigneeId: string | null;
  userId: string | null;
}

/**
 * Receives committed changes (never before commit) and side effects on live connections.
 * Implemented by realtime/ with socket.io; a no-op in tests that need no sockets.
 */
export interface ChangePublisher {
  publish(changes: readonly StoredChange[]): void;
  /** Close every socket of a session (revoked, expired or signed out). */
  endSession(sessionId: string, reason: 'revoked' | 'expired' | 'signed_out'): void;
  /** Recompute the rooms of a user's sockets after their access changed. */
  refreshRooms(userId: string): Promise<void>;
}

export const nullPublisher: ChangePublisher = {
  publish: () => undefined,
  endSession: () => undefined,
  refreshRooms: () => Promise.resolve(),
};
