/**
 * The main process's log: one line per event, to stdout/stderr (the OS or the launcher keeps
 * them). No message bodies, tokens or customer data go here.
 */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export const consoleLog: Log = {
  info: (m) => console.log(`[desk] ${m}`),
  warn: (m) => console.warn(`[desk] ${m}`),
  error: (m, err) => console.error(`[desk] ${m}`, ...(err === undefined ? [] : [err instanceof Error ? err.message : String(err)])),
};
