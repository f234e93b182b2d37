import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { EmulatorClock } from './clock';
import type { EmulatorContext } from './context';
import { createControl, type EmulatorControl } from './control';
import { registerControlRoutes } from './control-routes';
import { customerSends } from './customers';
import { registerGraphPlumbing } from './graph-http';
import { registerMediaRoutes } from './media';
import { MAX_UPLOAD_BYTES } from './media-types';
import { registerMessageRoutes } from './messages';
import { registerNodeRoutes } from './nodes';
import { resolveConfig, type EmulatorOptions } from './options';
import { PersonaEngine } from './personas';
import { registerPhoneNumberRoutes } from './phone-numbers';
import { registerProfileRoutes } from './profile';
import { RateLimiter } from './rate-limits';
import { EmulatorState } from './state';
import { TaskTracker } from './tasks';
import { registerTemplateRoutes } from './templates';
import { WebhookDispatcher } from './webhooks';

export type { EmulatorOptions } from './options';
export type { EmulatorControl } from './control';

export interface Emulator {
  /** Base URL, e.g. http://127.0.0.1:3200 (Graph calls go to `${url}/v21.0/...`). */
  url: string;
  control: EmulatorControl;
  close(): Promise<void>;
}

/** Starts a WhatsApp Cloud API emulator (Graph endpoints, signed webhooks, control API). */
export async function createEmulator(options: EmulatorOptions): Promise<Emulator> {
  const config = resolveConfig(options);
  const initialConfig = structuredClone(config);
  const log = options.log ?? (() => undefined);
  const clock = new EmulatorClock();
  let baseUrl = options.publicUrl ?? '';
  const ctx: EmulatorContext = {
    config,
    state: new EmulatorState(),
    clock,
    webhooks: new WebhookDispatcher(config, clock, log),
    limits: new RateLimiter(clock, () => config.pairRate),
    tasks: new TaskTracker(log),
    log,
    mediaKey: randomBytes(32),
    baseUrl: () => baseUrl,
    onBusinessMessageDelivered: (record) => personas.onBusinessMessage(record),
  };
  const personas = new PersonaEngine(ctx, (input) => customerSends(ctx, input), options.personas);
  const quiet = options.quiet ?? true;
  const control = createControl(ctx, personas, { config: initialConfig, quiet, ...(options.seed ? { seed: options.seed } : {}) });

  const app = Fastify({ logger: false, bodyLimit: MAX_UPLOAD_BYTES + 1024 * 1024 });
  registerGraphPlumbing(app, ctx);
  registerControlRoutes(app, ctx, control);
  registerMessageRoutes(app, ctx);
  registerMediaRoutes(app, ctx);
  registerTemplateRoutes(app, ctx);
  registerPhoneNumberRoutes(app, ctx);
  registerProfileRoutes(app, ctx);
  registerNodeRoutes(app, ctx);

  const address = await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const url = address.replace('://[::1]', '://127.0.0.1');
  if (!baseUrl) baseUrl = url;
  if (options.seed) control.seed(options.seed);
  if (!quiet) personas.start();

  let closed = false;
  return {
    url,
    control,
    async close() {
      if (closed) return;
      closed = true;
      personas.stop();
      ctx.tasks.reset();
      ctx.webhooks.close();
      await app.close();
    },
  };
}
