import { AppError } from './errors';

/**
 * Slows password guessing: after `maxFailures` wrong passwords for one e-mail within `windowMs`,
 * further attempts are refused until the window passes. Kept per node (in memory): with N nodes an
 * attacker gets at most N times the budget, still far below what guessing needs.
 */
export class LoginThrottle {
  private failures = new Map<string, number[]>();
  constructor(private readonly maxFailures = 10, private readonly windowMs = 15 * 60_000) {}

  check(email: string, now: number): void {
    const recent = this.recent(email, now);
    if (recent.length >= this.maxFailures) {
      const retryInMin = Math.ceil((recent[0]! + this.windowMs - now) / 60_000);
      throw new AppError('rate_limited', `Too many wrong passwords for this e-mail. Wait ${retryInMin} minute(s) and try again, or ask an administrator to reset it.`);
    }
  }

  fail(email: string, now: number): void {
    const recent = this.recent(email, now);
    recent.push(now);
    this.failures.set(email.toLowerCase(), recent);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  succeed(email: string): void {
    this.failures.delete(email.toLowerCase());
  }

  private recent(email: string, now: number): number[] {
    return (this.failures.get(email.toLowerCase()) ?? []).filter((t) => now - t < this.windowMs);
  }
}
