/**
 * UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Ids made later sort
 * after ids made earlier (within one process they are strictly increasing), which keeps indexes
 * compact and gives a natural tie-break after a timestamp.
 */
let lastMs = 0;
let lastTail = new Uint8Array(10);

export function uuidv7(nowMs: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  if (nowMs <= lastMs) {
    nowMs = lastMs;
    const tail = lastTail.slice();
    for (let i = tail.length - 1; i >= 0; i--) {
      tail[i] = (tail[i]! + 1) & 0xff;
      if (tail[i] !== 0) break;
    }
    lastTail = tail;
  } else {
    lastMs = nowMs;
    lastTail = crypto.getRandomValues(new Uint8Array(10));
    lastTail[0]! &= 0x7f; // leave room to count up within one millisecond
  }
  let ms = nowMs;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes.set(lastTail, 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
