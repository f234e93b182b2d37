import { baseMime } from './media-types';

// Small files the simulated customers "send" when a test gives no content of its own.
// The images are real (an 8×8 green JPEG, 1×1 PNG and WebPs); audio and video are only headers.
const JPEG = '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQH/wAARCAAIAAgDAREAAhEAAxEA/8QAFQAAAgAAAAAAAAAAAAAAAAAACAr/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIAAwAAPwAlAbFjn//Z';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNQvZwGAAJ/AV9X3CpyAAAAAElFTkSuQmCC';
const WEBP = 'UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==';
const WEBP_ANIMATED = 'UklGRlIAAABXRUJQVlA4WAoAAAASAAAAAAAAAAAAQU5JTQYAAAD/////AABBTk1GJgAAAAAAAAAAAAAAAAAAAGQAAABWUDhMDQAAAC8AAAAQBxAREYiI/gcA';

/** A one-page PDF showing `text` (ASCII). */
export function tinyPdf(text: string): Buffer {
  const safe = text.replace(/[^\x20-\x7e]/g, '?').replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 40 100 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export function sampleFile(mimeType: string, options: { animated?: boolean; label?: string } = {}): Buffer {
  switch (baseMime(mimeType)) {
    case 'image/jpeg':
      return Buffer.from(JPEG, 'base64');
    case 'image/png':
      return Buffer.from(PNG, 'base64');
    case 'image/webp':
      return Buffer.from(options.animated ? WEBP_ANIMATED : WEBP, 'base64');
    case 'application/pdf':
      return tinyPdf(options.label ?? 'Go Personal Desk emulator');
    case 'audio/ogg':
      return Buffer.concat([Buffer.from('OggS\x00\x02', 'latin1'), Buffer.alloc(58), Buffer.from('OpusHead', 'latin1')]);
    case 'video/mp4':
      return Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42\x00\x00\x00\x00mp42isom', 'latin1')]);
    case 'text/plain':
      return Buffer.from(`${options.label ?? 'Go Personal Desk emulator'}\n`);
    default:
      return Buffer.from(`${options.label ?? 'emulator sample'} (${mimeType})\n`);
  }
}
