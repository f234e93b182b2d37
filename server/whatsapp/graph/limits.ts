/**
 * Meta's documented limits, in one place (reference §2, §6, §8; the interactive-message and media
 * pages for the ones the reference does not list). Lengths count characters (code points).
 */
export const LIMITS = {
  textBody: 4096,
  caption: 1024,
  bizOpaqueCallbackData: 512,
  interactiveBody: 1024,
  interactiveHeader: 60,
  interactiveFooter: 60,
  replyButtons: 3,
  replyButtonTitle: 20,
  replyButtonId: 256,
  listButton: 20,
  listSections: 10,
  listRowsTotal: 10,
  listSectionTitle: 24,
  listRowTitle: 24,
  listRowDescription: 72,
  listRowId: 200,
  profileAbout: 139,
  profileAddress: 256,
  profileDescription: 512,
  profileEmail: 128,
  profileWebsites: 2,
  profileWebsite: 256,
} as const;

export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker';

const MB = 1024 * 1024;

/** Accepted types (null = any) and maximum size per kind. Stickers: the animated bound (static is 100 KB). */
export const MEDIA_LIMITS: Readonly<Record<MediaKind, { types: readonly string[] | null; maxBytes: number }>> = {
  image: { types: ['image/jpeg', 'image/png'], maxBytes: 5 * MB },
  video: { types: ['video/mp4', 'video/3gpp'], maxBytes: 16 * MB },
  audio: { types: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'], maxBytes: 16 * MB },
  document: { types: null, maxBytes: 100 * MB },
  sticker: { types: ['image/webp'], maxBytes: 500 * 1024 },
};

/** The largest file Meta accepts of any kind (documents). */
export const MAX_MEDIA_BYTES = MEDIA_LIMITS.document.maxBytes;

/** Why Meta would refuse this file for this kind of message, or null when it fits. */
export function mediaLimitProblem(kind: MediaKind, mimeType: string, sizeBytes: number): string | null {
  const limit = MEDIA_LIMITS[kind];
  const base = mimeType.split(';')[0]!.trim().toLowerCase();
  if (limit.types && !limit.types.includes(base)) {
    return `${kind} must be one of ${limit.types.join(', ')} (got ${base || 'no type'})`;
  }
  if (sizeBytes <= 0) return `${kind} is empty`;
  if (sizeBytes > limit.maxBytes) {
    return `${kind} is ${formatBytes(sizeBytes)}, larger than WhatsApp's ${formatBytes(limit.maxBytes)} limit`;
  }
  return null;
}

/** Rounded up, so a file just over a limit never reads as equal to it. */
function formatBytes(n: number): string {
  return n >= MB ? `${Math.ceil((n / MB) * 10) / 10} MB` : `${Math.ceil(n / 1024)} KB`;
}

export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
