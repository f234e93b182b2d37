import { z } from 'zod';
import { meResponseSchema } from '../api/auth';
import { defaultSettings, settingsSchema } from '../desktop-api';
import type { SavedSession, SavedState } from './host';

const savedSessionSchema = z.object({ token: z.string().min(1), userId: z.string(), userName: z.string(), baseUrl: z.string() });

/**
 * What the host stored, checked: settings field by field (a bad or missing field falls back to its
 * default, the others are kept), /me whole or not at all.
 */
export function readSavedState(raw: unknown): SavedState {
  const obj = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const stored = typeof obj.settings === 'object' && obj.settings !== null ? (obj.settings as Record<string, unknown>) : {};
  const settings = { ...defaultSettings };
  for (const key of Object.keys(settingsSchema.shape) as Array<keyof typeof settingsSchema.shape>) {
    const field = settingsSchema.shape[key].safeParse(stored[key]);
    if (field.success) Object.assign(settings, { [key]: field.data });
  }
  const me = meResponseSchema.safeParse(obj.me);
  return { settings, me: me.success ? me.data : null };
}

export function readSavedSession(raw: unknown): SavedSession | null {
  const parsed = savedSessionSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
