/** The `code` of a failed desktop call (`offline`, `not_found`, …), or `unknown`. */
export function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return 'unknown';
}
