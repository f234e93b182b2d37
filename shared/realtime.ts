import type { Change } from './api/sync';

/** Events the server pushes. Every `change` carries its change-feed sequence. */
export interface ServerToClientEvents {
  change: (change: Change) => void;
  /** The session can no longer be used (revoked, expired or signed out); the socket closes next. */
  'session:ended': (payload: { reason: 'revoked' | 'expired' | 'signed_out' }) => void;
}

export interface ClientToServerEvents {
  /** Answers the latest sequence of the change feed, to start a catch-up from. */
  'sync:head': (ack: (head: { seq: number }) => void) => void;
}

/** Auth sent in the socket.io handshake (`io(url, { auth })`). */
export interface HandshakeAuth {
  token: string;
}

export const socketPath = '/socket.io';
