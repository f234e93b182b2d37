import { eq, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { numbers, wabaCredentials } from '../db/schema';
import { GraphError } from '../whatsapp/graph/errors';

const CACHE_MS = 60_000;

/**
 * The access token for a WABA id or a phone-number id: the organisation's stored per-WABA
 * credentials first, then WHATSAPP_ACCESS_TOKEN. Cached a minute (a rotated token applies soon).
 */
export function tokenSource(db: Db, fallback: string | undefined) {
  const cache = new Map<string, { token: string; until: number }>();
  return async (key: string): Promise<string> => {
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return hit.token;
    const [byWaba] = await db
      .select({ token: wabaCredentials.accessToken })
      .from(wabaCredentials)
      .leftJoin(numbers, eq(numbers.wabaId, wabaCredentials.wabaId))
      .where(or(eq(wabaCredentials.wabaId, key), eq(numbers.phoneNumberId, key)))
      .limit(1);
    const token = byWaba?.token ?? fallback;
    if (!token) {
      throw new GraphError({ httpStatus: 401, code: 190, title: 'No WhatsApp access token is configured for this number. Set WHATSAPP_ACCESS_TOKEN or store the WABA credentials.' });
    }
    cache.set(key, { token, until: Date.now() + CACHE_MS });
    return token;
  };
}
