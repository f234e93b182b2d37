import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { socketPath, type ClientToServerEvents, type ServerToClientEvents } from '../realtime';
import { backoffDelay, type BackoffOptions } from './backoff';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type IoFactory = (url: string, opts: Partial<ManagerOptions & SocketOptions>) => ClientSocket;

export type ConnectionEvent =
  | { type: 'connecting' }
  /** Handshake accepted and the socket is in its rooms: every later change will be pushed. */
  | { type: 'connected' }
  | { type: 'disconnected'; reason: string; retryInMs: number }
  /** The token was refused or the session ended: no retry until a new token. */
  | { type: 'unauthorized'; reason: string }
  | { type: 'change'; change: unknown };

export interface ConnectionOptions {
  baseUrl: string;
  token: string;
  backoff: BackoffOptions;
  random(): number;
  connectTimeoutMs: number;
  transports: Array<'websocket' | 'polling'>;
  io?: IoFactory;
  onEvent(event: ConnectionEvent): void;
}

/**
 * One socket.io connection with our own retry loop (socket.io's reconnection is off, so there is
 * a single state machine): exponential backoff with jitter after each failure, an immediate try
 * when the OS reports the network back, and no retry at all once the token is refused.
 */
export class Connection {
  private socket: ClientSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private connected = false;

  constructor(private readonly opts: ConnectionOptions) {}

  get isConnected(): boolean {
    return this.connected;
  }

  start(): void {
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.close();
  }

  /** The OS says the network is back (try now) or gone (drop the socket, keep retrying slowly). */
  networkChanged(online: boolean): void {
    if (this.stopped) return;
    if (online) {
      if (this.connected) return;
      this.attempt = 0;
      this.clearTimer();
      this.open();
    } else if (this.socket) {
      this.fail('the network is down');
    }
  }

  /** Something else (a failed request) suggests the connection is gone: check it at once. */
  suspect(): void {
    if (this.stopped || !this.connected || !this.socket) return;
    if (!this.socket.connected) this.fail('the connection was lost');
  }

  private open(): void {
    if (this.stopped) return;
    this.close();
    this.opts.onEvent({ type: 'connecting' });
    const make = this.opts.io ?? (io as IoFactory);
    const socket = make(this.opts.baseUrl, {
      path: socketPath,
      auth: { token: this.opts.token },
      transports: this.opts.transports,
      reconnection: false,
      forceNew: true,
      timeout: this.opts.connectTimeoutMs,
    });
    this.socket = socket;
    const current = () => this.socket === socket && !this.stopped;
    socket.on('connect', () => {
      if (!current()) return;
      // The server answers sync:head once the socket has joined its rooms; only then is nothing missed.
      socket.timeout(this.opts.connectTimeoutMs).emit('sync:head', (err: Error | null) => {
        if (!current()) return;
        if (err) return this.fail('the server did not confirm the connection');
        this.connected = true;
        this.attempt = 0;
        this.opts.onEvent({ type: 'connected' });
      });
    });
    socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      if (!current()) return;
      if (err.data?.code === 'unauthenticated') this.unauthorized(err.message);
      else this.fail(err.message);
    });
    socket.on('disconnect', (reason) => {
      if (current() && reason !== 'io client disconnect') this.fail(reason);
    });
    socket.on('session:ended', (payload) => {
      if (current()) this.unauthorized(`session ${payload.reason}`);
    });
    socket.on('change', (change) => {
      if (current() && this.connected) this.opts.onEvent({ type: 'change', change });
    });
  }

  private fail(reason: string): void {
    this.close();
    if (this.stopped) return;
    const retryInMs = backoffDelay(this.attempt++, this.opts.backoff, this.opts.random);
    this.opts.onEvent({ type: 'disconnected', reason, retryInMs });
    this.clearTimer();
    this.timer = setTimeout(() => this.open(), retryInMs);
  }

  private unauthorized(reason: string): void {
    this.stopped = true;
    this.clearTimer();
    this.close();
    this.opts.onEvent({ type: 'unauthorized', reason });
  }

  private close(): void {
    this.connected = false;
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.removeAllListeners();
      s.disconnect();
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
