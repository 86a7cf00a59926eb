/**
 * Login throttling: at most `max` failures per key within `windowMs`; past that the key waits
 * until the oldest failure leaves the window. One instance per key kind (account, address).
 * In memory: one server process owns the database (see README, Decisions).
 */
export class Throttle {
  private failures = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** When `key` may try again, or null if it may try now. */
  retryAt(key: string, now: Date): Date | null {
    const list = this.live(key, now);
    if (list.length < this.max) return null;
    const oldest = list[list.length - this.max] ?? now.getTime();
    return new Date(oldest + this.windowMs);
  }

  fail(key: string, now: Date): void {
    const list = this.live(key, now);
    list.push(now.getTime());
    this.failures.set(key, list);
    if (this.failures.size > 50_000) this.sweep(now);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private live(key: string, now: Date): number[] {
    const from = now.getTime() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > from);
  }

  private sweep(now: Date): void {
    for (const key of this.failures.keys()) {
      const list = this.live(key, now);
      if (list.length === 0) this.failures.delete(key);
      else this.failures.set(key, list);
    }
  }
}
