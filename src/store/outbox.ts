// The declaration outbox: every submission is stored before anything is sent, and stays until
// the server has answered. Each state change happens inside one Dexie transaction, so two tabs
// (or two triggers in one tab) can never both claim the same submission for sending.
//
//   waiting ──claim──▶ sending ──201──▶ sent ──taken by the form──▶ (deleted; pass kept)
//      ▲                  │──400──▶ failed (field errors; replaced by the next submission)
//      └──retryable error─┘

import { Dexie, liveQuery } from 'dexie';
import type { Declaration } from '../core/declaration';
import type { CitizenDb, OutboxEntry, OutboxError, OutboxFieldError } from './citizen-db';
import { guard, StoreError } from './errors';

/** A claim older than this is considered abandoned (the tab that held it died mid-request). */
export const DEFAULT_LEASE_MS = 60_000;

/** A v4 UUID from the CSPRNG (crypto.randomUUID needs a secure context; this does not). */
export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b.set([((b[6] ?? 0) & 0x0f) | 0x40], 6);
  b.set([((b[8] ?? 0) & 0x3f) | 0x80], 8);
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface NewSubmission {
  formId: string;
  apiBase: string;
  declaration: Declaration;
  /** A group (2–8 declarations sharing one journey, the declarant first): one submission for all. */
  group?: readonly Declaration[];
  /** Idempotency key; a fresh one by default. */
  id?: string;
}

function byState(db: CitizenDb, state: OutboxEntry['state']) {
  return db.outbox.where('[state+createdAt]').between([state, Dexie.minKey], [state, Dexie.maxKey]);
}

/**
 * Stores a submission as 'waiting'. A form has at most one submission in flight: refused with
 * StoreError 'conflict' while one is waiting/sending; an earlier 'failed' one is replaced.
 */
export function enqueueDeclaration(db: CitizenDb, submission: NewSubmission, now = Date.now()): Promise<OutboxEntry> {
  return guard(() =>
    db.transaction('rw', db.outbox, async () => {
      const existing = await db.outbox.where('formId').equals(submission.formId).toArray();
      if (existing.some((e) => e.state === 'waiting' || e.state === 'sending')) {
        throw new StoreError('conflict', 'A submission from this form is already waiting to be sent.');
      }
      await db.outbox.bulkDelete(existing.filter((e) => e.state === 'failed').map((e) => e.id));
      const entry: OutboxEntry = {
        id: submission.id ?? newIdempotencyKey(),
        formId: submission.formId,
        apiBase: submission.apiBase,
        declaration: structuredClone(submission.declaration),
        ...(submission.group && { group: structuredClone([...submission.group]) }),
        state: 'waiting',
        createdAt: now,
        updatedAt: now,
        attempts: 0,
        nextAttemptAt: now,
      };
      await db.outbox.add(entry);
      return entry;
    }),
  );
}

export interface ClaimOptions {
  now?: number;
  /** Ignore back-off times (the network just came back, or the person pressed "send now"). */
  force?: boolean;
  /**
   * Treat every 'sending' entry as abandoned. Only for a caller holding the exclusive outbox
   * Web Lock: then no other live context can be mid-send (locks die with their tab).
   */
  reclaimAllSending?: boolean;
  leaseMs?: number;
}

/** Atomically moves the oldest due submission to 'sending' and returns it (attempts + 1). */
export function claimNextDeclaration(db: CitizenDb, options: ClaimOptions = {}): Promise<OutboxEntry | undefined> {
  const now = options.now ?? Date.now();
  return guard(() =>
    db.transaction('rw', db.outbox, async () => {
      const sending = (await byState(db, 'sending').toArray()).filter(
        (e) => options.reclaimAllSending || (e.leaseUntil ?? 0) <= now,
      );
      const waiting = (await byState(db, 'waiting').toArray()).filter((e) => options.force || e.nextAttemptAt <= now);
      const next = [...sending, ...waiting].sort((a, b) => a.createdAt - b.createdAt)[0];
      if (!next) return undefined;
      const claimed: OutboxEntry = {
        ...next,
        state: 'sending',
        attempts: next.attempts + 1,
        leaseUntil: now + (options.leaseMs ?? DEFAULT_LEASE_MS),
        updatedAt: now,
      };
      await db.outbox.put(claimed);
      return claimed;
    }),
  );
}

type IssuedResult = { qrText: string; passId: string; validUntil?: number };

/**
 * The server issued the pass (or, for a group, every member's pass, in member order): mark
 * sent and keep the passes, in one transaction.
 */
export function recordDeclarationSent(
  db: CitizenDb,
  id: string,
  result: IssuedResult | readonly IssuedResult[],
  now = Date.now(),
): Promise<void> {
  const passes: readonly IssuedResult[] = isIssuedList(result) ? result : [result];
  const first = passes[0];
  return guard(() =>
    db.transaction('rw', db.outbox, db.passes, async () => {
      const entry = await db.outbox.get(id);
      if (!entry || entry.state === 'sent' || !first) return;
      const { leaseUntil: _lease, lastError: _error, fieldErrors: _fields, ...rest } = entry;
      const kept = passes.map((p) => ({ qrText: p.qrText, passId: p.passId }));
      await db.outbox.put({
        ...rest,
        state: 'sent',
        result: { qrText: first.qrText, passId: first.passId, ...(isIssuedList(result) && { passes: kept }) },
        updatedAt: now,
      });
      await db.passes.bulkPut(
        passes.map((p, i) => ({
          passId: p.passId,
          qrText: p.qrText,
          keptAt: now + i, // member order when listed by keptAt
          ...(p.validUntil !== undefined && { validUntil: p.validUntil }),
        })),
      );
    }),
  );
}

function isIssuedList(result: IssuedResult | readonly IssuedResult[]): result is readonly IssuedResult[] {
  return Array.isArray(result);
}

/** A retryable failure: back to 'waiting' until `nextAttemptAt`. */
export function recordDeclarationRetry(db: CitizenDb, id: string, error: OutboxError, nextAttemptAt: number, now = Date.now()): Promise<void> {
  return guard(() =>
    db.transaction('rw', db.outbox, async () => {
      const entry = await db.outbox.get(id);
      if (!entry || entry.state !== 'sending') return;
      const { leaseUntil: _lease, ...rest } = entry;
      await db.outbox.put({ ...rest, state: 'waiting', lastError: error, nextAttemptAt, updatedAt: now });
    }),
  );
}

/** The server answered with a final refusal (field errors or another non-retryable status). */
export function recordDeclarationFailed(
  db: CitizenDb,
  id: string,
  error: OutboxError,
  fieldErrors: OutboxFieldError[] | undefined,
  now = Date.now(),
): Promise<void> {
  return guard(() =>
    db.transaction('rw', db.outbox, async () => {
      const entry = await db.outbox.get(id);
      if (!entry || entry.state === 'sent') return;
      const { leaseUntil: _lease, ...rest } = entry;
      await db.outbox.put({ ...rest, state: 'failed', lastError: error, ...(fieldErrors && { fieldErrors }), updatedAt: now });
    }),
  );
}

/** Withdraws a submission that is not being sent right now; false if it is (or is gone). */
export function cancelDeclaration(db: CitizenDb, id: string): Promise<boolean> {
  return guard(() =>
    db.transaction('rw', db.outbox, async () => {
      const entry = await db.outbox.get(id);
      if (!entry || (entry.state !== 'waiting' && entry.state !== 'failed')) return false;
      await db.outbox.delete(id);
      return true;
    }),
  );
}

/**
 * Takes a 'sent' entry out of the outbox (the pass is already kept). Exactly one caller gets
 * it, so the pass-issued event fires once even with the form open in two tabs.
 */
export function takeIssuedDeclaration(db: CitizenDb, id: string): Promise<OutboxEntry | undefined> {
  return guard(() =>
    db.transaction('rw', db.outbox, async () => {
      const entry = await db.outbox.get(id);
      if (!entry || entry.state !== 'sent') return undefined;
      await db.outbox.delete(id);
      return entry;
    }),
  );
}

export function getOutboxEntry(db: CitizenDb, id: string): Promise<OutboxEntry | undefined> {
  return guard(() => db.outbox.get(id));
}

/** Live: this form's submissions, oldest first. */
export function watchFormSubmissions(db: CitizenDb, formId: string) {
  return liveQuery(() => db.outbox.where('formId').equals(formId).sortBy('createdAt'));
}

/** Submissions not yet answered by the server. */
export function countPendingDeclarations(db: CitizenDb): Promise<number> {
  return guard(async () => (await byState(db, 'waiting').count()) + (await byState(db, 'sending').count()));
}

/** When the next waiting submission becomes due (epoch ms), or undefined if none waits. */
export function nextDeclarationDueAt(db: CitizenDb): Promise<number | undefined> {
  return guard(async () => {
    const waiting = await byState(db, 'waiting').toArray();
    return waiting.length ? Math.min(...waiting.map((e) => e.nextAttemptAt)) : undefined;
  });
}
