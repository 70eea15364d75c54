// Token buckets per key (device, account, client address), in process memory: one server process
// protects itself; several behind a balancer each allow their share (docs/scaling.md).
export interface BucketSpec {
  /** Tokens added per second. */
  rate: number;
  /** Bucket size (the burst allowed). */
  burst: number;
}

export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly now: () => number) {}

  /** Takes one token; returns 0 when allowed, else the seconds to wait (Retry-After). */
  take(key: string, spec: BucketSpec): number {
    const now = this.now();
    const b = this.#buckets.get(key) ?? { tokens: spec.burst, at: now };
    b.tokens = Math.min(spec.burst, b.tokens + ((now - b.at) / 1000) * spec.rate);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.#buckets.set(key, b);
      if (this.#buckets.size > 100_000) this.#sweep(now, spec);
      return 0;
    }
    this.#buckets.set(key, b);
    return Math.max(1, Math.ceil((1 - b.tokens) / spec.rate));
  }

  #sweep(now: number, spec: BucketSpec): void {
    for (const [key, b] of this.#buckets) if (b.tokens + ((now - b.at) / 1000) * spec.rate >= spec.burst) this.#buckets.delete(key);
  }
}
