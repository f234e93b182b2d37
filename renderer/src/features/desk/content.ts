import { z } from 'zod';
import type { Message } from '../../../../shared/api/messages';

/**
 * The type-specific part of a message (`message.content`) as WhatsApp delivered it. The backend
 * stores it as it came, so every field is optional here and anything unexpected is ignored.
 */

const locationSchema = z.object({
  latitude: z.coerce.number().optional(),
  longitude: z.coerce.number().optional(),
  name: z.string().optional(),
  address: z.string().optional(),
});
export type LocationContent = z.infer<typeof locationSchema>;

const sharedContactSchema = z.object({
  name: z.object({ formatted_name: z.string().optional(), first_name: z.string().optional(), last_name: z.string().optional() }).partial().optional(),
  phones: z.array(z.object({ phone: z.string().optional(), wa_id: z.string().optional(), type: z.string().optional() })).optional(),
  emails: z.array(z.object({ email: z.string().optional() })).optional(),
  org: z.object({ company: z.string().optional() }).optional(),
});
export type SharedContact = z.infer<typeof sharedContactSchema>;
const contactsSchema = z.object({ contacts: z.array(sharedContactSchema) });

const choiceSchema = z.object({ id: z.string().optional(), title: z.string().optional(), description: z.string().optional() });
const interactiveSchema = z.object({ button_reply: choiceSchema.optional(), list_reply: choiceSchema.optional() });
const buttonSchema = z.object({ text: z.string().optional(), payload: z.string().optional() });
const templateSchema = z.object({ template: z.object({ name: z.string(), language: z.string().optional() }) });
const unsupportedSchema = z.object({ originalType: z.string().optional() });

function parse<T>(schema: z.ZodType<T>, message: Message): T | null {
  const r = schema.safeParse(message.content ?? {});
  return r.success ? r.data : null;
}

export const locationOf = (m: Message) => parse(locationSchema, m);
export const sharedContactsOf = (m: Message) => parse(contactsSchema, m)?.contacts ?? [];
/** The option a customer picked in a button or list message. */
export function choiceOf(m: Message): { title: string; description: string | null } | null {
  const c = parse(interactiveSchema, m);
  const pick = c?.button_reply ?? c?.list_reply;
  const title = pick?.title ?? m.text;
  return title ? { title, description: pick?.description ?? null } : null;
}
export const buttonTextOf = (m: Message) => parse(buttonSchema, m)?.text ?? m.text ?? '';
export const templateNameOf = (m: Message) => parse(templateSchema, m)?.template.name ?? null;
export const originalTypeOf = (m: Message) => parse(unsupportedSchema, m)?.originalType ?? null;

/** A map link for a shared location (opened in the system browser). */
export function mapLink(l: LocationContent): string | null {
  if (l.latitude === undefined || l.longitude === undefined || !Number.isFinite(l.latitude) || !Number.isFinite(l.longitude)) return null;
  return `https://www.openstreetmap.org/?mlat=${l.latitude}&mlon=${l.longitude}#map=17/${l.latitude}/${l.longitude}`;
}
