import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { socketPath } from '../../shared/realtime';
import { authenticate } from '../services/auth';
import type { ServiceContext } from '../services/context';
import { AppError } from '../services/errors';
import { socketConnected, socketDisconnected } from '../services/presence';
import { headSeq } from '../services/sync';
import { type Io } from './publisher';
import { accessRoomsOf, isAccessRoom, rooms } from './rooms';

export interface Realtime {
  io: Io;
  refreshRooms(userId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * socket.io on the HTTP server: token auth in the handshake, rooms from the user's access,
 * presence for routing, and the Redis adapter when REDIS_URL is set.
 */
export async function attachRealtime(ctx: ServiceContext, server: HttpServer): Promise<Realtime> {
  const io: Io = new Server(server, { path: socketPath, serveClient: false, cors: { origin: true }, pingInterval: 20_000, pingTimeout: 20_000 });
  const redisClients: Array<ReturnType<typeof createClient>> = [];
  if (ctx.config.redisUrl) {
    const pub = createClient({ url: ctx.config.redisUrl });
    const sub = pub.duplicate();
    for (const c of [pub, sub]) c.on('error', (err: Error) => ctx.log.error({ err: err.message }, 'redis connection error'));
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub));
    redisClients.push(pub, sub);
  }

  io.use(async (socket, next) => {
    try {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      const actor = await authenticate(ctx, typeof token === 'string' ? token : undefined);
      socket.data = { userId: actor.userId, orgId: actor.orgId, sessionId: actor.sessionId, canSupervise: actor.permissions.has('service.supervise') };
      next();
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('unavailable', 'The server could not check your session. Try again.');
      next(Object.assign(new Error(e.message), { data: { code: e.code } }));
    }
  });

  io.on('connection', (socket) => {
    const { userId, orgId, sessionId, canSupervise } = socket.data;
    // Listeners go on before any await, or an event sent right after the handshake is dropped;
    // they wait for the setup, so an ack means the socket is in its rooms and counted present,
    // and a quick disconnect cannot run before the connect it undoes (a leaked presence row).
    let counted = false;
    const ready = (async () => {
      await socket.join([rooms.user(userId), rooms.session(sessionId), rooms.org(orgId), ...(await accessRoomsOf(ctx.db, userId, canSupervise))]);
      counted = true;
      await socketConnected(ctx, userId);
      return true;
    })().catch((err: unknown) => {
      ctx.log.error({ err }, 'socket setup failed');
      socket.disconnect(true);
      return false;
    });
    socket.on('sync:head', (ack) => {
      if (typeof ack !== 'function') return;
      void ready.then((ok) => {
        if (ok) headSeq(ctx, orgId).then((seq) => ack({ seq }), (err: unknown) => ctx.log.error({ err }, 'sync:head failed'));
      });
    });
    socket.on('disconnect', () => {
      void ready
        .then(() => (counted ? socketDisconnected(ctx, userId) : undefined))
        .catch((err: unknown) => ctx.log.error({ err }, 'presence update failed'));
    });
  });

  const refreshRooms = (userId: string): Promise<void> =>
    (async () => {
      const sockets = await io.in(rooms.user(userId)).fetchSockets();
      if (sockets.length === 0) return;
      const target = new Set(await accessRoomsOf(ctx.db, userId, sockets[0]!.data.canSupervise));
      for (const s of sockets) {
        const leave = [...s.rooms].filter((r) => isAccessRoom(r) && !target.has(r));
        for (const r of leave) s.leave(r);
        s.join([...target]);
      }
    })().catch((err: unknown) => ctx.log.error({ err }, 'could not refresh socket rooms'));

  return {
    io,
    refreshRooms,
    async close() {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.all(redisClients.map((c) => c.quit().catch(() => undefined)));
    },
  };
}
