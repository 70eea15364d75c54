// Sends the declaration outbox: one submission at a time, each claimed in a transaction and
// sent with its own idempotency key, under an exclusive Web Lock so that only one tab sends.
// The outbox is the source of truth; callers (the form's controller) decide when to flush:
// after a submission, on `online`, when the page becomes visible, and when a back-off expires.

import { isApiError, type ApiError } from '../api/http';
import { submitDeclaration, type IssuedPass } from '../api/declarations';
import { submitDeclarationGroup } from '../api/declaration-groups';
import { groupFromDeclarations } from '../core/declaration-group';
import type { CitizenDb, OutboxEntry, OutboxError } from '../store/citizen-db';
import {
  claimNextDeclaration,
  recordDeclarationFailed,
  recordDeclarationRetry,
  recordDeclarationSent,
} from '../store/outbox';

export type SubmitFn = typeof submitDeclaration;
export type SubmitGroupFn = typeof submitDeclarationGroup;

export interface FlushOutcome {
  entry: OutboxEntry;
  outcome: 'sent' | 'retry' | 'failed';
  /** The declarant's pass (the first of `passes` for a group). */
  pass?: IssuedPass;
  /** A group's passes, in member order. */
  passes?: IssuedPass[];
  error?: ApiError;
}

export interface FlushReport {
  /** Set when another context holds the outbox lock (it is sending; nothing was done here). */
  skipped?: 'locked';
  outcomes: FlushOutcome[];
}

export interface FlushOptions {
  /** Ignore back-off times. */
  force?: boolean;
  signal?: AbortSignal;
  now?: () => number;
  /** Replaces the HTTP call (tests). */
  submit?: SubmitFn;
  /** Replaces the HTTP call of a group (tests). */
  submitGroup?: SubmitGroupFn;
  /** Called after each answered attempt, before the next one starts. */
  onOutcome?: (outcome: FlushOutcome) => void;
}

const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 5 * 60_000;

/** Exponential back-off with ±20 % jitter (attempt 1 → ~2 s, doubling, capped at 5 min). */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export function outboxLockName(db: CitizenDb): string {
  return `checkpoint-kit:declaration-outbox:${db.name}`;
}

function toOutboxError(error: ApiError): OutboxError {
  return { code: error.code, message: error.message, retryable: error.retryable, ...(error.status !== undefined && { status: error.status }) };
}

/**
 * Sends every due submission, oldest first, until the outbox is empty or a retryable failure
 * suggests the server or network is not there (the rest then wait for the next trigger).
 * Never throws for HTTP failures (they are recorded on the entry); store failures propagate.
 */
export async function flushDeclarations(db: CitizenDb, options: FlushOptions = {}): Promise<FlushReport> {
  const locks = typeof navigator === 'object' ? navigator.locks : undefined;
  if (!locks) return run(db, options, false);
  const report = await locks.request(outboxLockName(db), { ifAvailable: true }, (lock) =>
    lock ? run(db, options, true) : undefined,
  );
  return report ?? { skipped: 'locked', outcomes: [] };
}

async function run(db: CitizenDb, options: FlushOptions, holdsLock: boolean): Promise<FlushReport> {
  const now = options.now ?? Date.now;
  const submit = options.submit ?? submitDeclaration;
  const submitGroup = options.submitGroup ?? submitDeclarationGroup;
  const outcomes: FlushOutcome[] = [];
  const report = (outcome: FlushOutcome): void => {
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
  };
  while (!options.signal?.aborted) {
    const entry = await claimNextDeclaration(db, { now: now(), force: options.force, reclaimAllSending: holdsLock });
    if (!entry) break;
    try {
      if (entry.group) {
        const passes = await submitGroup(entry.apiBase, groupFromDeclarations(entry.group), entry.id, { signal: options.signal });
        await recordDeclarationSent(db, entry.id, passes, now());
        report({ entry, outcome: 'sent', ...(passes[0] && { pass: passes[0] }), passes });
      } else {
        const pass = await submit(entry.apiBase, entry.declaration, entry.id, { signal: options.signal });
        await recordDeclarationSent(db, entry.id, pass, now());
        report({ entry, outcome: 'sent', pass });
      }
    } catch (error) {
      if (!isApiError(error)) throw error;
      if (error.retryable) {
        const wait = error.code === 'aborted' ? 0 : error.retryAfterMs ?? backoffMs(entry.attempts);
        await recordDeclarationRetry(db, entry.id, toOutboxError(error), now() + wait, now());
        report({ entry, outcome: 'retry', error });
        break; // the network or server is not there: leave the rest for the next trigger
      }
      await recordDeclarationFailed(db, entry.id, toOutboxError(error), error.fieldErrors, now());
      report({ entry, outcome: 'failed', error });
    }
  }
  return { outcomes };
}
