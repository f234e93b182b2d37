import { z } from 'zod';

// The WhatsApp emulator's control API (server/whatsapp/emulator/README.md, "Control API") as the
// specs use it: a scripted customer writes, and the Graph requests the backend made are read back.

/** A customer no other test (nor an earlier run against the same data) has used. */
export interface Customer {
  /** WhatsApp id: Brazilian mobile digits, as the backend and the emulator key customers. */
  waId: string;
  /** Profile name; the desk names the ticket after it. Same length for every customer, so no name is a prefix of another. */
  name: string;
}

let made = 0;

/** A fresh customer named `<label> <6 digits>` with a unique São Paulo mobile number. */
export function newCustomer(label: string): Customer {
  made += 1;
  // Time in ms keeps customers of different runs apart; the counter those of one run.
  const stamp = String(Date.now() * 10 + (made % 10)).slice(-8);
  return { waId: `55119${stamp}`, name: `${label} ${stamp.slice(-6)}` };
}

const graphRequestSchema = z.object({
  seq: z.number(),
  method: z.string(),
  path: z.string(),
  status: z.number(),
  body: z.unknown(),
});
export type GraphRequest = z.infer<typeof graphRequestSchema>;

const statusDelaysSchema = z.object({ sentMs: z.number(), deliveredMs: z.number(), readMs: z.number() });
export type StatusDelays = z.infer<typeof statusDelaysSchema>;

const configSchema = z.object({ statusDelays: statusDelaysSchema }).loose();
const sentSchema = z.object({ id: z.string() }).loose();

/** A body the backend sent to `POST /{phone-number-id}/messages` (only the fields the specs read). */
export const outboundMessageSchema = z.object({
  messaging_product: z.string(),
  to: z.string(),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  template: z
    .object({
      name: z.string(),
      language: z.object({ code: z.string() }),
      components: z.array(z.object({ type: z.string(), parameters: z.array(z.object({ type: z.string(), text: z.string().optional() })).optional() })).optional(),
    })
    .optional(),
  biz_opaque_callback_data: z.string().optional(),
}).loose();
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;

export class EmulatorControl {
  constructor(private readonly url: string) {}

  private async call<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/_emulator${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`the emulator answered ${method} /_emulator${path} with ${res.status}: ${text}`);
    const parsed = schema.safeParse(text ? JSON.parse(text) : null);
    if (!parsed.success) throw new Error(`unexpected answer from ${method} /_emulator${path}: ${parsed.error.message}\n${text}`);
    return parsed.data;
  }

  /**
   * The customer writes a text to one of the business numbers. `sentAt` backdates the message
   * (WhatsApp's timestamp): the 24-hour window counts from it.
   */
  async customerWrites(input: { phoneNumberId: string; customer: Customer; text: string; sentAt?: Date }): Promise<string> {
    const sent = await this.call('POST', '/customers/messages', sentSchema, {
      phoneNumberId: input.phoneNumberId,
      from: input.customer.waId,
      name: input.customer.name,
      type: 'text',
      text: { body: input.text },
      ...(input.sentAt ? { timestamp: Math.floor(input.sentAt.getTime() / 1000) } : {}),
    });
    return sent.id;
  }

  /** Graph API requests the backend made whose path contains `path`, oldest first. */
  async requests(path: string): Promise<GraphRequest[]> {
    return this.call('GET', `/requests?path=${encodeURIComponent(path)}`, z.array(graphRequestSchema));
  }

  /** The messages (not mark-as-read calls) the backend sent to this customer, with their parsed bodies. */
  async messagesTo(customer: Customer): Promise<Array<{ request: GraphRequest; body: OutboundMessage }>> {
    const found: Array<{ request: GraphRequest; body: OutboundMessage }> = [];
    for (const request of await this.requests('/messages')) {
      if (request.method !== 'POST') continue;
      const body = outboundMessageSchema.safeParse(request.body);
      if (body.success && body.data.to === customer.waId) found.push({ request, body: body.data });
    }
    return found;
  }

  async statusDelays(): Promise<StatusDelays> {
    return (await this.call('GET', '/config', configSchema)).statusDelays;
  }

  /** How long the emulator waits before each status webhook (for every customer). */
  async setStatusDelays(delays: Partial<StatusDelays>): Promise<void> {
    await this.call('PATCH', '/config', z.unknown(), { statusDelays: delays });
  }
}
