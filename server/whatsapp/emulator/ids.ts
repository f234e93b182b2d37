import { randomBytes, randomInt } from 'node:crypto';

/** Graph object ids are strings of digits; kept below 2^53 so they also survive as JSON numbers. */
export function newNumericId(): string {
  let digits = String(randomInt(1, 9));
  for (let i = 0; i < 15; i++) digits += String(randomInt(0, 10));
  return digits;
}

export function newFbtraceId(): string {
  return randomBytes(17).toString('base64url').slice(0, 23);
}

export function newConversationId(): string {
  return randomBytes(16).toString('hex');
}

/** Opaque paging cursor over a position in a list. */
export function encodeCursor(position: number): string {
  return Buffer.from(`pos:${position}`).toString('base64url');
}

export function decodeCursor(cursor: string): number | null {
  const text = Buffer.from(cursor, 'base64url').toString();
  const match = /^pos:(\d+)$/.exec(text);
  return match ? Number(match[1]) : null;
}
