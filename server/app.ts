import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { Config } from './config';
import type { Database } from './db/client';
import { migrate } from './db/migrate';
import { buildServiceContext } from './context';
import type { Clock } from './domain/clock';
import type { MediaStore } from './media/store';
import type { ServiceContext } from './services/context';
import { buildHttp } from './http/app';
import { webhookRoutes } from './http/routes/webhooks';
import { socketPublisher } from './realtime/publisher';
import { attachRealtime, type Realtime } from './realtime/server';
import { heartbeat, leaveCluster } from './services/presence';
import { startSweeper } from './services/sweeper';
import { InboxWriter, startInboxWorker } from './services/webhook-inbox';
import { downloadPendingMedia } from './services/media';
import { startSendWorker } from './services/sender';
import { startWorker } from './services/worker';

export interface AppOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  logger?: Logger;
  mediaStore?: MediaStore;
  /** Periodic sweeps (inactivity, dead nodes, routing safety net); tests drive them by hand. */
  sweeper?: boolean;
}

export interface App {
  ctx: ServiceContext;
  http: FastifyInstance;
  realtime: Realtime;
  /** Resolves once stored webhook deliveries have been processed (tests, the demo). */
  inboxIdle(): Promise<void>;
  /** Runs every background worker (inbox, sender, media downloads) until each is idle. */
  workersIdle(): Promise<void>;
  /** Listens on config.host:config.port (port 0 = any free port); answers the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Wires one backend node: migrations, services, REST, socket.io, sweeps. */
export async function createApp(opts: AppOptions): Promise<App> {
  const log = opts.logger ?? pino({ level: opts.config.logLevel });
  await migrate(opts.database);
  const ctx = buildServiceContext({ db: opts.database.db, config: opts.config, log, ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.mediaStore ? { mediaStore: opts.mediaStore } : {}) });
  await heartbeat(ctx);
  const inboxWorker = startInboxWorker(ctx);
  const sender = startSendWorker(ctx);
  const mediaWorker = startWorker(ctx, 'media', () => downloadPendingMedia(ctx), 2000);
  ctx.wake = { sender: sender.wake, media: mediaWorker.wake };
  const inbox = new InboxWriter(ctx, inboxWorker.wake);
  const http = await buildHttp(ctx, [webhookRoutes(inbox)]);
  const realtime = await attachRealtime(ctx, http.server);
  ctx.publisher = socketPublisher(realtime.io, realtime.refreshRooms);
  const sweeper = opts.sweeper === false ? null : startSweeper(ctx);
  let closed = false;
  return {
    ctx,
    http,
    realtime,
    inboxIdle: async () => {
      inboxWorker.wake();
      await inboxWorker.idle();
    },
    workersIdle: async () => {
      for (const w of [inboxWorker, sender, mediaWorker]) {
        w.wake();
        await w.idle();
      }
    },
    async listen() {
      await http.listen({ port: opts.config.port, host: opts.config.host });
      const address = http.server.address();
      const port = typeof address === 'object' && address ? address.port : opts.config.port;
      return `http://${opts.config.host.includes(':') ? `[${opts.config.host}]` : opts.config.host}:${port}`;
    },
    async close() {
      if (closed) return;
      closed = true;
      sweeper?.stop();
      await inboxWorker.stop();
      await sender.stop();
      await mediaWorker.stop();
      await realtime.close();
      await http.close();
      await leaveCluster(ctx).catch(() => undefined);
    },
  };
}
