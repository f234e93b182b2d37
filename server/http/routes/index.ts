import type { RouteModule } from '../types';
import { authRoutes } from './auth';
import { deskLookupRoutes } from './desk-lookups';
import { healthRoutes } from './health';
import { mediaRoutes } from './media';
import { meRoutes } from './me';
import { messageRoutes } from './messages';
import { noteRoutes } from './notes';
import { numberRoutes } from './numbers';
import { syncRoutes } from './sync';
import { ticketRoutes } from './tickets';
import { updateRoutes } from './updates';

/** Every REST route module; adding one is a line here (see server/README.md). */
export const routeModules: RouteModule[] = [healthRoutes, authRoutes, meRoutes, numberRoutes, ticketRoutes, messageRoutes, noteRoutes, syncRoutes, mediaRoutes, deskLookupRoutes, updateRoutes];
