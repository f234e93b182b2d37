import type { DesktopApi } from '../../../../shared/desktop-api';

/** WhatsApp's largest file of any kind (documents); the backend checks the per-kind limits. */
export const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;
/** WhatsApp's caption limit. */
export const MAX_CAPTION = 1024;

/** Audio and stickers (WebP) go without a caption: WhatsApp refuses one on them. */
export function takesCaption(mimeType: string): boolean {
  const base = mimeType.toLowerCase();
  return !base.startsWith('audio/') && base !== 'image/webp';
}

export function mimeTypeOf(file: File): string {
  return file.type || 'application/octet-stream';
}

/** A file refused before upload, in the shape of a desktop call error. */
export class AttachmentProblem extends Error {
  constructor(
    readonly code: 'file_too_large' | 'media_rejected',
    message: string,
  ) {
    super(message);
    this.name = 'AttachmentProblem';
  }
}

function fail(code: AttachmentProblem['code'], message: string): AttachmentProblem {
  return new AttachmentProblem(code, message);
}

/**
 * Uploads the file (online only; the backend checks WhatsApp's type and size limits) and queues
 * the media message. Answers whether the caption went with it. Throws an AttachmentProblem, or
 * the call's error.
 */
export async function sendAttachment(
  desktop: DesktopApi,
  input: { ticketId: string; numberId: string; file: File; caption: string; replyTo?: string },
): Promise<{ captionSent: boolean }> {
  const { file } = input;
  const mimeType = mimeTypeOf(file);
  const caption = takesCaption(mimeType) ? input.caption.trim() : '';
  if (file.size > MAX_ATTACHMENT_BYTES) throw fail('file_too_large', `${file.name} is ${Math.ceil(file.size / 1024 / 1024)} MB; WhatsApp takes at most 100 MB.`);
  if (file.size === 0) throw fail('media_rejected', `${file.name} is empty.`);
  if (caption.length > MAX_CAPTION) throw fail('media_rejected', `A caption holds at most ${MAX_CAPTION} characters; this one has ${caption.length}.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const { mediaId } = await desktop.uploadMedia({ filename: file.name, mimeType, bytes, numberId: input.numberId });
  await desktop.sendMedia({
    ticketId: input.ticketId,
    mediaId,
    mimeType,
    filename: file.name,
    ...(caption ? { caption } : {}),
    ...(input.replyTo ? { replyTo: input.replyTo } : {}),
  });
  return { captionSent: caption !== '' };
}
