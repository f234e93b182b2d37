import type { Logger } from 'pino';
import type { Permission } from '../../shared/permissions';
import type { Config } from '../config';
import type { Db } from '../db/client';
import type { Clock } from '../domain/clock';
import type { MediaStore } from '../media/store';
import type { GraphClient } from '../whatsapp/graph/client';
import type { ThroughputLimiter } from '../whatsapp/graph/throughput';
import type { ChangePublisher } from './publisher';

/** What every use case needs; built once per process (see server/app.ts). */
export interface ServiceContext {
  db: Db;
  clock: Clock;
  config: Config;
  log: Logger;
  publisher: ChangePublisher;
  /** This process's id in the `nodes` table (presence is counted per node). */
  nodeId: string;
  /** The WhatsApp Cloud API (Meta's, or the emulator's through WHATSAPP_GRAPH_URL). */
  graph: GraphClient;
  /** Per-number send rate (80 messages/s by default, from the number's throughput level). */
  throughput: ThroughputLimiter;
  media: MediaStore;
  /** Nudges the background workers after a commit gave them work (they also poll). */
  wake: { sender(): void; media(): void };
}

/** The authenticated caller of a use case. */
export interface Actor {
  userId: string;
  orgId: string;
  sessionId: string;
  permissions: ReadonlySet<Permission>;
}
