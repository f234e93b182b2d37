import type { Logger } from 'pino';
import type { Permission } from '../../shared/permissions';
import type { Config } from '../config';
import type { Db } from '../db/client';
import type { Clock } from '../domain/clock';
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
}

/** The authenticated caller of a use case. */
export interface Actor {
  userId: string;
  orgId: string;
  sessionId: string;
  permissions: ReadonlySet<Permission>;
}
