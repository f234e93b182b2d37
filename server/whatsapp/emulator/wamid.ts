import { randomBytes } from 'node:crypto';

// Layout decoded from real ids (reference spec, "wamid format"):
// 1c 18 <len> <wa_id ascii> 15 02 00 11 18 12 <18 uppercase hex chars> 00, base64-encoded.
const PREFIX = [0x1c, 0x18];
const MIDDLE = [0x15, 0x02, 0x00, 0x11, 0x18, 0x12];

/** A new WhatsApp message id for a conversation with `waId` (digits). */
export function newWamid(waId: string): string {
  const suffix = randomBytes(9).toString('hex').toUpperCase();
  const bytes = Buffer.concat([
    Buffer.from([...PREFIX, waId.length]),
    Buffer.from(waId, 'ascii'),
    Buffer.from(MIDDLE),
    Buffer.from(suffix, 'ascii'),
    Buffer.from([0x00]),
  ]);
  return `wamid.${bytes.toString('base64')}`;
}

/** The wa_id embedded in an emulator-made wamid, or null if it does not follow the layout. */
export function waIdOfWamid(wamid: string): string | null {
  if (!wamid.startsWith('wamid.')) return null;
  const bytes = Buffer.from(wamid.slice(6), 'base64');
  if (bytes[0] !== PREFIX[0] || bytes[1] !== PREFIX[1]) return null;
  const len = bytes[2] ?? 0;
  const tail = bytes.subarray(3 + len);
  if (tail.length !== MIDDLE.length + 19 || !MIDDLE.every((b, i) => tail[i] === b)) return null;
  return bytes.subarray(3, 3 + len).toString('ascii');
}
