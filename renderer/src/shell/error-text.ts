/** What a failed call says, for a message to the user (DeskError and Error carry `message`). */
export function messageOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string' ? err.message : String(err);
}
