/**
 * The emulator's own clock: wall time plus an offset the control API can advance, so tests can
 * close a 24-hour window or expire a media URL without waiting. It can also be frozen, which
 * makes rate limits deterministic. Timers (status delays, retries) still run on real time.
 */
export class EmulatorClock {
  private offsetMs = 0;
  private frozenAt: number | null = null;

  now(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  advance(ms: number): number {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
    return this.now();
  }

  /** Stops (or restarts, from where it stood) the passing of time. */
  setFrozen(frozen: boolean): void {
    if (frozen && this.frozenAt === null) this.frozenAt = this.now();
    if (!frozen && this.frozenAt !== null) {
      this.offsetMs = this.frozenAt - Date.now();
      this.frozenAt = null;
    }
  }

  isFrozen(): boolean {
    return this.frozenAt !== null;
  }

  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = null;
  }
}
