// Fault switches for tests (POST {base}/__faults). Counters ("next n requests") decrement as
// they fire; `only` limits every switch to paths starting with it (e.g. '/passages').

export type TrustBundleFault = 'bad-signature' | 'wrong-anchor' | 'unsigned' | 'older' | 'garbage';

export interface FaultSettings {
  /** Delay before every contract request is handled, ms. */
  delayMs: number;
  /** The next n requests fail with `status` (default 503, reset by each failNext) before any processing. */
  failNext: number;
  status: number;
  /** The next n requests get no answer: the connection is destroyed (fetch rejects). */
  dropNext: number;
  /** The next n POSTs are processed and committed, then the answer is lost. */
  dropResponseAfterCommit: number;
  /** The next n requests get 429 with Retry-After. */
  rateLimitNext: { n: number; retryAfterSeconds: number };
  /** The portal's clock runs this far ahead of the real time (negative: behind). */
  clockOffsetSeconds: number;
  /** Serve a bad trust bundle instead of the real one until cleared (null). */
  trustBundle: TrustBundleFault | null;
  /** Path prefix (after the API base) the switches apply to; '' = every contract path. */
  only: string;
}

export interface FaultHits {
  failed: number;
  dropped: number;
  droppedAfterCommit: number;
  rateLimited: number;
  delayed: number;
}

export function defaultFaults(): FaultSettings {
  return {
    delayMs: 0,
    failNext: 0,
    status: 503,
    dropNext: 0,
    dropResponseAfterCommit: 0,
    rateLimitNext: { n: 0, retryAfterSeconds: 1 },
    clockOffsetSeconds: 0,
    trustBundle: null,
    only: '',
  };
}

const TRUST_FAULTS: readonly TrustBundleFault[] = ['bad-signature', 'wrong-anchor', 'unsigned', 'older', 'garbage'];

function count(value: unknown, field: string, max = 1_000_000): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new FaultInputError(field, `${field} must be an integer from 0 to ${max}`);
  }
  return value;
}

export class FaultInputError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

/** Merges a `POST /__faults` body into the current settings (absent fields are kept). */
export function mergeFaults(current: FaultSettings, input: unknown): FaultSettings {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new FaultInputError('', 'body must be an object');
  const body = input as Record<string, unknown>;
  const next: FaultSettings = { ...current, rateLimitNext: { ...current.rateLimitNext } };
  for (const key of Object.keys(body)) {
    if (!(key in next)) throw new FaultInputError(key, `unknown fault switch "${key.slice(0, 40)}"`);
  }
  if (body.delayMs !== undefined) next.delayMs = count(body.delayMs, 'delayMs', 120_000);
  if (body.failNext !== undefined) {
    next.failNext = count(body.failNext, 'failNext');
    next.status = 503; // `status` belongs to this failNext; absent means the default.
  }
  if (body.status !== undefined) {
    const status = count(body.status, 'status', 599);
    if (status < 400) throw new FaultInputError('status', 'status must be 400–599');
    next.status = status;
  }
  if (body.dropNext !== undefined) next.dropNext = count(body.dropNext, 'dropNext');
  if (body.dropResponseAfterCommit !== undefined) next.dropResponseAfterCommit = count(body.dropResponseAfterCommit, 'dropResponseAfterCommit');
  if (body.rateLimitNext !== undefined) {
    const r = body.rateLimitNext;
    if (typeof r !== 'object' || r === null) throw new FaultInputError('rateLimitNext', 'rateLimitNext must be { n, retryAfterSeconds }');
    const { n, retryAfterSeconds } = r as Record<string, unknown>;
    next.rateLimitNext = { n: count(n, 'rateLimitNext.n'), retryAfterSeconds: count(retryAfterSeconds ?? 1, 'rateLimitNext.retryAfterSeconds', 3600) };
  }
  if (body.clockOffsetSeconds !== undefined) {
    const v = body.clockOffsetSeconds;
    if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > 10 * 365 * 86400) {
      throw new FaultInputError('clockOffsetSeconds', 'clockOffsetSeconds must be a number of seconds');
    }
    next.clockOffsetSeconds = v;
  }
  if (body.trustBundle !== undefined) {
    if (body.trustBundle !== null && !TRUST_FAULTS.includes(body.trustBundle as TrustBundleFault)) {
      throw new FaultInputError('trustBundle', `trustBundle must be null or one of ${TRUST_FAULTS.join(', ')}`);
    }
    next.trustBundle = body.trustBundle as TrustBundleFault | null;
  }
  if (body.only !== undefined) {
    if (typeof body.only !== 'string' || body.only.length > 200) throw new FaultInputError('only', 'only must be a path prefix');
    next.only = body.only;
  }
  return next;
}
