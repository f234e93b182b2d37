import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/client';
import type { EmulatorControl } from '../whatsapp/emulator/server';

/**
 * The emulator keeps customers in memory, so after every start it knows none of the demo's
 * history. Tells it who wrote in the last 24 hours (and their names): otherwise an agent's reply
 * to a conversation from before the restart would fail as if the window were closed (131047).
 * Answers how many windows were opened.
 */
export async function restoreCustomerWindows(db: Db, orgId: string, control: EmulatorControl): Promise<number> {
  const open = await rows<{ phone_number_id: string; wa_id: string; name: string | null; last_at: string | Date }>(db, sql`
    select n.phone_number_id, c.wa_id, coalesce(c.name, c.profile_name) as name, c.last_customer_message_at as last_at
    from contacts c join numbers n on n.id = c.number_id
    where n.org_id = ${orgId} and c.window_expires_at > now() and c.last_customer_message_at is not null`);
  for (const c of open) {
    if (c.name) control.updateCustomer(c.wa_id, { name: c.name });
    control.setWindow({ phoneNumberId: c.phone_number_id, waId: c.wa_id, lastInboundAt: Math.floor(new Date(c.last_at).getTime() / 1000) });
  }
  return open.length;
}
