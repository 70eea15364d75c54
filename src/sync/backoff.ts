// Retry timing for the sync loop: exponential backoff with jitter, and clock-skew estimation.

export interface BackoffPolicy {
  /** First retry delay, ms. */
  baseMs: number;
  /** Upper bound of any delay, ms. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 5 * 60_000 };

/**
 * Delay before retry number `attempt` (1 = first retry): "equal jitter" — half of the
 * exponential step is kept, the other half is random, so retries of many kiosks spread out
 * after an outage while each one still backs off.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * Server time minus device time, from one exchange. `serverMs` is taken as the midpoint of the
 * round trip; `resolutionMs` widens nothing but says how precise the server's stamp is (the HTTP
 * `Date` header has whole seconds, so half a second is added to centre it).
 */
export function estimateSkew(serverMs: number, sentAtMs: number, receivedAtMs: number, resolutionMs = 0): number {
  const deviceMidpoint = (sentAtMs + receivedAtMs) / 2;
  return Math.round(serverMs + resolutionMs / 2 - deviceMidpoint);
}
