import { graphErrors } from './errors';
import type { MediaKind } from './wire';

// Meta's supported media types and size limits (reference spec, "Media").
const MB = 1024 * 1024;
const KINDS: Array<{ kind: MediaKind; mimes: string[]; maxBytes: number }> = [
  { kind: 'image', mimes: ['image/jpeg', 'image/png'], maxBytes: 5 * MB },
  { kind: 'video', mimes: ['video/mp4', 'video/3gpp'], maxBytes: 16 * MB },
  { kind: 'audio', mimes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'], maxBytes: 16 * MB },
  { kind: 'sticker', mimes: ['image/webp'], maxBytes: 500 * 1024 },
  {
    kind: 'document',
    mimes: [
      'text/plain', 'application/pdf', 'application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
    maxBytes: 100 * MB,
  },
];
const STATIC_STICKER_MAX = 100 * 1024;

export const MAX_UPLOAD_BYTES = 100 * MB;

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'video/mp4': 'mp4', 'video/3gpp': '3gp',
  'audio/aac': 'aac', 'audio/amr': 'amr', 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'audio/ogg': 'ogg',
  'application/pdf': 'pdf', 'text/plain': 'txt',
};

/** "audio/ogg; codecs=opus" → "audio/ogg". */
export function baseMime(mime: string): string {
  return (mime.split(';')[0] ?? '').trim().toLowerCase();
}

export function mediaKindOf(mime: string): MediaKind | null {
  const base = baseMime(mime);
  return KINDS.find((k) => k.mimes.includes(base))?.kind ?? null;
}

export function extensionOf(mime: string): string {
  return EXTENSIONS[baseMime(mime)] ?? 'bin';
}

/** An animated WebP carries an ANIM chunk. */
function isAnimatedWebp(bytes: Buffer): boolean {
  return bytes.subarray(0, 4).toString('ascii') === 'RIFF' && bytes.includes(Buffer.from('ANIM'));
}

/** Throws Meta's upload errors: unsupported type (100) or over the size limit (131053). */
export function checkUpload(mime: string, bytes: Buffer): MediaKind {
  const base = baseMime(mime);
  const entry = KINDS.find((k) => k.mimes.includes(base));
  if (!entry) {
    const all = KINDS.flatMap((k) => k.mimes).join(', ');
    throw graphErrors.invalidParameter(`Param file must be a file with one of the following types: ${all}. Received file of type '${mime}'.`);
  }
  const max = entry.kind === 'sticker' && !isAnimatedWebp(bytes) ? STATIC_STICKER_MAX : entry.maxBytes;
  if (bytes.length === 0) throw graphErrors.mediaUpload('The file is empty.');
  if (bytes.length > max) throw graphErrors.mediaUpload(`File size ${bytes.length} bytes is over the ${entry.kind} limit of ${max} bytes.`);
  return entry.kind;
}
