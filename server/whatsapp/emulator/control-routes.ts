import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EmulatorContext } from './context';
import type { EmulatorControl } from './control';
import { CONTROL_PREFIX, queryOf } from './graph-http';
import type { DeliveryKind, DeliveryState } from './webhooks';

const waitInput = z.object({ timeoutMs: z.number().int().min(0).max(120_000).default(10_000) });

function optionalNumber(value: string | undefined): number | undefined {
  return value === undefined || value === '' ? undefined : Number(value);
}

/**
 * The JSON control API under /_emulator (documented in README.md). Bodies go to the control
 * methods as they are (`as never`): each method validates its input with zod.
 */
export function registerControlRoutes(app: FastifyInstance, ctx: EmulatorContext, control: EmulatorControl): void {
  const p = CONTROL_PREFIX;

  app.get(`${p}/health`, async () => ({ ok: true }));
  app.get(`${p}/state`, async () => ({
    now: new Date(control.now()).toISOString(),
    numbers: ctx.state.numbers.size,
    templates: ctx.state.templates.size,
    customers: ctx.state.customers.size,
    media: ctx.state.media.size,
    outbound: ctx.state.outbound.size,
    inbound: ctx.state.inbound.size,
    pendingStatuses: ctx.tasks.pending(),
    pendingDeliveries: ctx.webhooks.pending(),
    personas: control.personas.status().running,
  }));
  app.post(`${p}/seed`, async (req) => control.seed(req.body as never));
  app.post(`${p}/reset`, async () => {
    control.reset();
    return { ok: true };
  });
  app.post(`${p}/wait-for-idle`, async (req, reply) => {
    const { timeoutMs } = waitInput.parse(req.body ?? {});
    const idle = await control.waitForIdle(timeoutMs);
    return reply.code(idle ? 200 : 408).send({ idle });
  });

  app.get(`${p}/config`, async () => {
    const { appSecret: _secret, expiredTokens, ...config } = ctx.config;
    return { ...config, expiredTokens: [...expiredTokens.keys()] };
  });
  app.patch(`${p}/config`, async (req) => {
    control.configure(req.body as never);
    return { ok: true };
  });
  app.put(`${p}/pair-rate`, async (req) => control.setPairRate(req.body as never));

  app.get(`${p}/numbers`, async () => control.listNumbers());
  app.post(`${p}/numbers`, async (req, reply) => reply.code(201).send(control.addNumber(req.body as never)));
  app.patch<{ Params: { id: string } }>(`${p}/numbers/:id`, async (req) => control.updateNumber(req.params.id, req.body as never));
  app.post<{ Params: { id: string } }>(`${p}/numbers/:id/quality`, async (req) => control.setQuality(req.params.id, req.body as never));

  app.get(`${p}/templates`, async (req) => control.listTemplates(queryOf(req).wabaId));
  app.post(`${p}/templates`, async (req, reply) => reply.code(201).send(control.addTemplate(req.body as never)));
  app.post<{ Params: { id: string } }>(`${p}/templates/:id/status`, async (req) => control.setTemplateStatus(req.params.id, req.body as never));

  app.post(`${p}/customers/messages`, async (req) => control.customerSends(req.body as never));
  app.get(`${p}/customers`, async () => control.listCustomers());
  app.put<{ Params: { waId: string } }>(`${p}/customers/:waId`, async (req) => control.updateCustomer(req.params.waId, (req.body ?? {}) as never));
  app.put(`${p}/windows`, async (req) => {
    control.setWindow(req.body as never);
    return { ok: true };
  });

  const clockView = () => ({ now: new Date(control.now()).toISOString(), nowMs: control.now(), frozen: ctx.clock.isFrozen() });
  app.get(`${p}/clock`, async () => clockView());
  app.put(`${p}/clock`, async (req) => {
    control.freezeClock(z.object({ frozen: z.boolean() }).parse(req.body).frozen);
    return clockView();
  });
  app.post(`${p}/clock/advance`, async (req) => control.advanceClock((req.body ?? {}) as never));

  app.get(`${p}/requests`, async (req) => {
    const q = queryOf(req);
    return control.requests({ method: q.method, path: q.path, afterSeq: optionalNumber(q.after), limit: optionalNumber(q.limit) });
  });
  app.delete(`${p}/requests`, async () => {
    control.clearRequests();
    return { ok: true };
  });
  app.get(`${p}/deliveries`, async (req) => {
    const q = queryOf(req);
    return control.deliveries({
      kind: q.kind as DeliveryKind | undefined,
      state: q.state as DeliveryState | undefined,
      wamid: q.wamid,
      afterId: optionalNumber(q.after),
      limit: optionalNumber(q.limit),
    });
  });
  app.get(`${p}/messages`, async (req) => {
    const q = queryOf(req);
    return control.outbound({ to: q.to, phoneNumberId: q.phoneNumberId });
  });
  app.get(`${p}/inbound`, async () => control.inbound());
  app.post(`${p}/errors`, async (req) => control.emitSystemError(req.body as never));
  app.post(`${p}/webhook/verify`, async (req, reply) => {
    const result = await control.verifyWebhook();
    return reply.code(result.ok ? 200 : 502).send(result);
  });

  app.get(`${p}/personas`, async () => control.personas.status());
  app.post(`${p}/personas/start`, async () => {
    control.personas.start();
    return control.personas.status();
  });
  app.post(`${p}/personas/stop`, async () => {
    control.personas.stop();
    return control.personas.status();
  });
}
