import crypto from 'node:crypto';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from './config';
import type { Db } from './db/client';
import { systemClock, type Clock } from './domain/clock';
import { FolderMediaStore, type MediaStore } from './media/store';
import type { ServiceContext } from './services/context';
import { tokenSource } from './services/graph-tokens';
import { nullPublisher, type ChangePublisher } from './services/publisher';
import { GraphClient } from './whatsapp/graph/client';
import { ThroughputLimiter } from './whatsapp/graph/throughput';

export interface ContextOptions {
  db: Db;
  config: Config;
  clock?: Clock;
  log?: Logger;
  publisher?: ChangePublisher;
  nodeId?: string;
  mediaStore?: MediaStore;
}

/** The dependencies every use case receives (server, admin CLI, bench, tests build it the same way). */
export function buildServiceContext(o: ContextOptions): ServiceContext {
  const throughput = new ThroughputLimiter();
  return {
    db: o.db,
    clock: o.clock ?? systemClock,
    config: o.config,
    log: o.log ?? pino({ level: o.config.logLevel }),
    publisher: o.publisher ?? nullPublisher,
    nodeId: o.nodeId ?? `${process.pid}-${crypto.randomBytes(4).toString('hex')}`,
    graph: new GraphClient({ baseUrl: o.config.graphUrl, tokenFor: tokenSource(o.db, o.config.whatsappAccessToken), limiter: throughput }),
    throughput,
    media: o.mediaStore ?? new FolderMediaStore(path.join(o.config.dataDir, 'media')),
    wake: { sender: () => undefined, media: () => undefined },
  };
}
