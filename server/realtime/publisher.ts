import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime';
import type { Change } from '../../shared/api/sync';
import type { ChangePublisher, StoredChange } from '../services/publisher';
import { rooms } from './rooms';

export type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export interface SocketData {
  userId: string;
  orgId: string;
  sessionId: string;
  canSupervise: boolean;
}

/**
 * Emits committed changes to exactly the sockets allowed to see them. With the Redis adapter the
 * same emit reaches sockets on every node.
 */
export function socketPublisher(io: Io, refreshRooms: (userId: string) => Promise<void>): ChangePublisher {
  return {
    publish(changes: readonly StoredChange[]) {
      for (const s of changes) emitChange(io, s);
    },
    endSession(sessionId, reason) {
      io.to(rooms.session(sessionId)).emit('session:ended', { reason });
      io.in(rooms.session(sessionId)).disconnectSockets(true);
    },
    refreshRooms,
  };
}

function emitChange(io: Io, s: StoredChange): void {
  const c = s.change;
  if (s.userId) {
    io.to(rooms.user(s.userId)).emit('change', c);
    return;
  }
  if (!c.numberId) {
    io.to(rooms.org(s.orgId)).emit('change', c);
    return;
  }
  const sup = rooms.supervisors(c.numberId);
  const agents = rooms.agents(c.numberId);
  if (!s.ticketId || !s.assigneeId) {
    // Number-wide data, or a ticket in a queue: every agent of the number may see it.
    io.to([sup, agents, ...(s.queueId ? [rooms.queue(s.queueId)] : [])]).emit('change', c);
    return;
  }
  const assignee = rooms.assignee(c.numberId, s.assigneeId);
  io.to([sup, assignee]).emit('change', c);
  if (c.entity === 'ticket') {
    // Other agents only learn that the ticket left their view (it may have been in their queue).
    const removal: Change = { seq: c.seq, entity: 'ticket', op: 'delete', id: c.id, numberId: c.numberId, at: c.at, data: null };
    io.to(agents).except([sup, assignee]).emit('change', removal);
  }
}
