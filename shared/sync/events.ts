type Listener = (...args: unknown[]) => void;

/** A typed event emitter: `M` maps each event name to its argument list. */
export class Emitter<M extends { [K in keyof M]: unknown[] }> {
  private readonly listeners = new Map<keyof M, Set<Listener>>();

  on<K extends keyof M>(event: K, listener: (...args: M[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const l = listener as unknown as Listener;
    set.add(l);
    return () => set.delete(l);
  }

  emit<K extends keyof M>(event: K, ...args: M[K]): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) {
      try {
        l(...args);
      } catch (err) {
        // A broken listener must not stop the engine or the other listeners.
        console.error(`sync engine: a "${String(event)}" listener failed`, err);
      }
    }
  }
}
