// The outbox: passages written durably and hash-chained, the send queue, acknowledgements,
// the quarantine and retention. The outbox is the source of truth; sync only reads it.
import { Dexie } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import {
  computePassageHash,
  GENESIS_HASH,
  parsePassageRecord,
  PASSAGE_KEYS,
  verifyPassageChain,
  type ChainAnchor,
  type IdCheckResult,
  type NoPersonalData,
  type OfficerDecision,
  type PassageDirection,
  type PassReference,
  type UnhashedPassage,
} from '../../core/passage-record';
import type { ChainAlarm } from '../../api/contract';
import type { KioskDb, OutboxBatch, PassageState, StoredAlarm, StoredPassage } from './db';
import { PassageInputError, rethrowStorageError } from './errors';

/** What the checkpoint screen supplies for one passage. Personal data cannot be expressed. */
export type PassageInput = {
  readonly checkpointId: string;
  readonly direction: PassageDirection;
  /** Default: now (device clock). */
  readonly at?: Date | string;
  /** From the verified pass's declaration (origin.unitCode / destination.unitCode). */
  readonly originUnit: string;
  readonly destinationUnit: string;
  readonly verdictStatus: string;
  readonly decision: OfficerDecision;
  readonly officerId: string;
  /** Default: the skew last measured by sync, when there is one. */
  readonly clockSkewMs?: number;
  readonly vehicleGroupId?: string;
  readonly idCheck?: IdCheckResult;
  /** Id of an earlier record of this device that this decision follows up. */
  readonly amends?: string;
} & PassReference & NoPersonalData;

export type ChainVerification =
  | { ok: true; checked: number; head: ChainAnchor; purged: number }
  | {
    ok: false; checked: number; seq: number;
    code: 'bad-hash' | 'broken-link' | 'seq-gap' | 'device-mismatch' | 'head-mismatch' | 'invalid-record'; message: string;
    /** The records concerned (inclusive): the missing ones for a gap, the changed one otherwise. */
    fromSeq: number; toSeq: number;
  };

export interface OutboxCounts {
  pending: number;
  synced: number;
  quarantined: number;
}

function toIso(at: Date | string | undefined, now: number): string {
  if (at === undefined) return new Date(now).toISOString();
  const date = at instanceof Date ? at : new Date(at);
  if (!Number.isFinite(date.getTime())) throw new PassageInputError('at is not a valid time', 'at');
  return date.toISOString();
}

/**
 * Copies exactly the allowed fields, by name: whatever else the caller's object carries (a
 * declaration spread in by mistake, say) is never written.
 */
function buildUnhashed(input: PassageInput, deviceId: string, seq: number, prevHash: string, skew: number | undefined, at: string): UnhashedPassage {
  const reference: PassReference = input.passId !== undefined ? { passId: input.passId } : { manualCode: input.manualCode as string };
  return {
    id: uuidv7(),
    deviceId,
    seq,
    checkpointId: input.checkpointId,
    direction: input.direction,
    at,
    ...reference,
    originUnit: input.originUnit,
    destinationUnit: input.destinationUnit,
    verdictStatus: input.verdictStatus,
    decision: input.decision,
    officerId: input.officerId,
    ...(skew !== undefined && { clockSkewMs: Math.round(skew) }),
    ...(input.vehicleGroupId !== undefined && { vehicleGroupId: input.vehicleGroupId }),
    ...(input.idCheck !== undefined && { idCheck: input.idCheck }),
    ...(input.amends !== undefined && { amends: input.amends }),
    prevHash,
  };
}

/** Field checks before any transaction opens, so a bad input costs no write. */
function precheck(input: PassageInput, deviceId: string, now: number): string {
  if (typeof input !== 'object' || input === null) throw new PassageInputError('passage input must be an object');
  if ((input.passId === undefined) === (input.manualCode === undefined)) {
    throw new PassageInputError('exactly one of passId and manualCode is required', 'passId');
  }
  const at = toIso(input.at, now);
  const draft = buildUnhashed(input, deviceId, 1, GENESIS_HASH, input.clockSkewMs, at);
  const parsed = parsePassageRecord({ ...draft, hash: GENESIS_HASH }, { checkHash: false });
  if (!parsed.ok) throw new PassageInputError(parsed.message, parsed.field);
  return at;
}

/**
 * Writes passages in one transaction: each gets the next sequence number and the chain head as
 * `prevHash`, both read and advanced inside the same transaction (so two tabs cannot fork the
 * chain and an aborted write leaves no gap). Resolves only after the transaction committed.
 */
export async function recordPassages(db: KioskDb, deviceId: string, inputs: readonly PassageInput[], now = Date.now()): Promise<StoredPassage[]> {
  const times = inputs.map((input) => precheck(input, deviceId, now));
  try {
    return await db.transaction('rw', db.passages, db.meta, async () => {
      const chain = (await db.getMeta('chain')) ?? { key: 'chain' as const, seq: 0, head: GENESIS_HASH };
      const clock = await db.getMeta('clock');
      let seq = chain.seq;
      let head = chain.head;
      const stored: StoredPassage[] = inputs.map((input, i) => {
        seq += 1;
        const unhashed = buildUnhashed(input, deviceId, seq, head, input.clockSkewMs ?? (clock?.measuredAt ? clock.skewMs : undefined), times[i] as string);
        const hash = computePassageHash(unhashed);
        head = hash;
        return { ...unhashed, hash, state: 'pending', createdAt: now };
      });
      await db.passages.bulkAdd(stored);
      await db.meta.put({ key: 'chain', seq, head });
      return stored;
    });
  } catch (error) {
    return rethrowStorageError(error);
  }
}

export async function outboxCounts(db: KioskDb): Promise<OutboxCounts> {
  const count = (state: PassageState) =>
    db.passages.where('[state+seq]').between([state, Dexie.minKey], [state, Dexie.maxKey]).count();
  const [pending, synced, quarantined] = await Promise.all([count('pending'), count('synced'), count('quarantined')]);
  return { pending, synced, quarantined };
}

/**
 * Re-checks the whole chain in one read transaction: every hash, every link, no gap, starting
 * after the retention anchor and ending at the recorded head (a deleted newest record shows).
 */
export async function verifyChain(db: KioskDb, chunkSize = 5000): Promise<ChainVerification> {
  return db.transaction('r', db.passages, db.meta, async () => {
    const purged = await db.getMeta('purged');
    const chain = await db.getMeta('chain');
    if (purged && !(Number.isSafeInteger(purged.seq) && purged.seq >= 0 && typeof purged.hash === 'string')) {
      return { ok: false, checked: 0, seq: 0, fromSeq: 0, toSeq: 0, code: 'invalid-record', message: 'the retention anchor (purged) is malformed' };
    }
    let anchor: ChainAnchor = purged ? { seq: purged.seq, hash: purged.hash } : { seq: 0, hash: GENESIS_HASH };
    let checked = 0;
    for (;;) {
      const chunk = await db.passages.where('seq').above(anchor.seq).limit(chunkSize).toArray();
      if (chunk.length === 0) break;
      let result: ReturnType<typeof verifyPassageChain>;
      try {
        result = verifyPassageChain(chunk, anchor);
      } catch {
        // A row no canonical JSON can hold (NaN, an odd object), written by an older or broken
        // version: name it instead of throwing.
        const bad = chunk.find((r) => localProblem(r) !== undefined) ?? chunk[0];
        const seq = typeof bad?.seq === 'number' ? bad.seq : anchor.seq + 1;
        return { ok: false, checked, seq, fromSeq: seq, toSeq: seq, code: 'invalid-record', message: `record ${String(bad?.seq)} is malformed: ${bad ? localProblem(bad) : ''}` };
      }
      if (!result.ok) {
        const expected = anchor.seq + result.checked + 1;
        const range = result.code === 'seq-gap' && result.seq > expected
          ? { fromSeq: expected, toSeq: result.seq - 1 }
          : result.code === 'broken-link' ? { fromSeq: Math.max(1, result.seq - 1), toSeq: result.seq } : { fromSeq: result.seq, toSeq: result.seq };
        return { ...result, ...range, checked: checked + result.checked };
      }
      checked += result.checked;
      anchor = result.head;
    }
    const expected = chain ? { seq: chain.seq, hash: chain.head } : { seq: 0, hash: GENESIS_HASH };
    if (anchor.seq !== expected.seq || anchor.hash !== expected.hash) {
      const range = expected.seq > anchor.seq ? { fromSeq: anchor.seq + 1, toSeq: expected.seq } : { fromSeq: Math.max(1, anchor.seq), toSeq: Math.max(1, anchor.seq) };
      return { ok: false, checked, seq: anchor.seq, ...range, code: 'head-mismatch', message: `chain ends at seq ${anchor.seq}, head says ${expected.seq}` };
    }
    return { ok: true, checked, head: anchor, purged: purged?.count ?? 0 };
  });
}

/**
 * The batch to send: the oldest one already persisted (a crash or reload happened mid-send:
 * resend it unchanged, same id, same records), else a new one of up to `maxSize` pending records
 * in chain order that no persisted batch holds, persisted before it is returned. Batches named in
 * `skip` (already sent in this run, answer being applied) are passed over. Each call counts one
 * attempt on the batch it returns.
 */
export async function openBatch(
  db: KioskDb,
  maxSize: number,
  skip: ReadonlySet<string> = new Set(),
  alarms: readonly ChainAlarm[] = [],
): Promise<{ batch: OutboxBatch; records: StoredPassage[] } | null> {
  return db.transaction('rw', db.batches, db.passages, async () => {
    // Primary keys are UUIDv7, so key order is creation order.
    let persisted = await db.batches.toArray();
    const existing = persisted.find((b) => !skip.has(b.batchId));
    if (existing) {
      const records = (await db.passages.bulkGet([...existing.ids])).filter((r): r is StoredPassage => r !== undefined);
      const malformed = records.filter((r) => localProblem(r) !== undefined);
      if (malformed.length === 0) {
        const batch = { ...existing, attempts: existing.attempts + 1 };
        await db.batches.put(batch);
        return { batch, records };
      }
      // A persisted batch holding a malformed row cannot go out unchanged: drop it (its good
      // records stay pending and go in a fresh batch; a portal that saw the old key answers
      // them as duplicates) and set the malformed rows aside.
      const pending = malformed.filter((r) => r.state === 'pending');
      await db.passages.bulkPut(pending.map((r) => ({ ...r, state: 'quarantined' as const, quarantineReason: `invalid-record: ${localProblem(r)}`.slice(0, 500) })));
      await db.batches.delete(existing.batchId);
      persisted = persisted.filter((b) => b.batchId !== existing.batchId);
    }
    const taken = new Set(persisted.flatMap((b) => b.ids));
    const candidates = await db.passages
      .where('[state+seq]')
      .between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
      .limit(maxSize + taken.size)
      .toArray();
    // A malformed row (written by an older or broken version) is set aside in the quarantine,
    // where the officer sees it, instead of going out in every batch: the portal cannot answer
    // for a record without a usable id, and one that cannot be serialised would stop all sync.
    const records: StoredPassage[] = [];
    const setAside: StoredPassage[] = [];
    for (const r of candidates) {
      if (records.length >= maxSize) break;
      if (taken.has(r.id)) continue;
      const problem = localProblem(r);
      if (problem === undefined) records.push(r);
      else setAside.push({ ...r, state: 'quarantined', quarantineReason: `invalid-record: ${problem}`.slice(0, 500) });
    }
    if (setAside.length > 0) await db.passages.bulkPut(setAside);
    // Alarms to report go with a new batch, even one without records (the newest records gone).
    if (records.length === 0 && alarms.length === 0) return null;
    const batch: OutboxBatch = {
      batchId: uuidv7(), ids: records.map((r) => r.id), createdAt: Date.now(), attempts: 1,
      ...(alarms.length > 0 && { alarms: [...alarms] }),
    };
    await db.batches.add(batch);
    return { batch, records };
  });
}

/** Why a stored row is not a well-formed passage record (its wire fields only), or undefined. */
function localProblem(row: StoredPassage): string | undefined {
  const source = row as unknown as Record<string, unknown>;
  const wire: Record<string, unknown> = {};
  for (const key of PASSAGE_KEYS) if (source[key] !== undefined) wire[key] = source[key];
  const parsed = parsePassageRecord(wire, { checkHash: false });
  return parsed.ok ? undefined : `${parsed.field ?? ''}: ${parsed.message}`;
}

/** Forgets a persisted batch without touching its records (they stay pending). */
export async function dropBatch(db: KioskDb, batchId: string): Promise<void> {
  await db.batches.delete(batchId);
}

export interface BatchAck {
  accepted: readonly string[];
  duplicate: readonly string[];
  /** Stored by the portal but held until their predecessor arrives: delivered, nothing to resend. */
  held?: readonly { id: string }[];
  rejected: readonly { id: string; code: string; message: string }[];
}

/**
 * Applies the server's answer and closes the batch, in one transaction: accepted and duplicate
 * → synced, rejected → quarantined with the server's reason; ids the server did not mention
 * stay pending for a later batch. Idempotent: a second answer for a closed batch is ignored.
 *
 * `sent` (the records as openBatch returned them) saves re-reading them: the records of an open
 * batch cannot change meanwhile (they are pending and only this function changes their state),
 * and one bulkPut of known records costs a third of a read-modify-write cursor.
 */
export async function ackBatch(
  db: KioskDb,
  batchId: string,
  ack: BatchAck,
  syncedAt: Date,
  sent?: readonly StoredPassage[],
): Promise<{ synced: number; quarantined: number } | null> {
  return db.transaction('rw', db.batches, db.passages, async () => {
    const batch = await db.batches.get(batchId);
    if (!batch) return null;
    const usable = sent !== undefined && sent.length === batch.ids.length && sent.every((r, i) => r.id === batch.ids[i]);
    const records = usable
      ? sent
      : (await db.passages.bulkGet([...batch.ids])).filter((r): r is StoredPassage => r !== undefined);
    const done = new Set([...ack.accepted, ...ack.duplicate, ...(ack.held ?? []).map((h) => h.id)]);
    const reasons = new Map(ack.rejected.map((r) => [r.id, `${r.code}: ${r.message}`.slice(0, 500)]));
    const at = syncedAt.toISOString();
    const changed: StoredPassage[] = [];
    let synced = 0;
    let quarantined = 0;
    for (const record of records) {
      if (record.state !== 'pending') continue;
      if (done.has(record.id)) {
        changed.push({ ...record, state: 'synced', syncedAt: at });
        synced++;
      } else if (reasons.has(record.id)) {
        changed.push({ ...record, state: 'quarantined', quarantineReason: reasons.get(record.id) as string });
        quarantined++;
      }
    }
    await db.passages.bulkPut(changed);
    await db.batches.delete(batchId);
    return { synced, quarantined };
  });
}

export async function listQuarantined(db: KioskDb, limit = 500): Promise<StoredPassage[]> {
  return db.passages.where('[state+seq]').between(['quarantined', Dexie.minKey], ['quarantined', Dexie.maxKey]).limit(limit).toArray();
}

/** The officer asks to send quarantined records again (e.g. after the portal fixed a problem). */
export async function requeueQuarantined(db: KioskDb, ids: readonly string[]): Promise<number> {
  return db.passages
    .where('id')
    .anyOf([...ids])
    .modify((r) => {
      const rec = r as { state: PassageState; quarantineReason?: string };
      if (rec.state !== 'quarantined') return;
      rec.state = 'pending';
      delete rec.quarantineReason;
    });
}

export interface PurgeOptions {
  /** Synced records older than this are removed. Default 14. */
  olderThanDays?: number;
  /** Records per transaction. Default 500. */
  chunkSize?: number;
  now?: number;
}

export interface PurgeResult {
  purged: number;
  /** Sequence number of the first record that had to stay (unsynced or too young), if any. */
  keptFromSeq: number | null;
}

/**
 * Retention: deletes synced records older than the limit, oldest first, a chunk per transaction
 * (large bulk deletes stall IndexedDB). Only a prefix of the chain is removed — the first
 * record that is unsynced or young stops it — and the last removed record becomes the anchor
 * the chain is verified from. Unsynced records are never removed.
 */
export async function purgeSynced(db: KioskDb, options: PurgeOptions = {}): Promise<PurgeResult> {
  const days = options.olderThanDays ?? 14;
  const chunkSize = Math.max(1, options.chunkSize ?? 500);
  const cutoff = (options.now ?? Date.now()) - days * 86_400_000;
  let total = 0;
  for (;;) {
    const step = await db.transaction('rw', db.passages, db.meta, async () => {
      const anchor = (await db.getMeta('purged')) ?? { key: 'purged' as const, seq: 0, hash: GENESIS_HASH, count: 0 };
      // A malformed anchor (an older or broken version wrote it): purge nothing rather than guess.
      if (!Number.isSafeInteger(anchor.seq) || anchor.seq < 0) return { removed: 0, keptFromSeq: null, full: false };
      const chunk = await db.passages.where('seq').above(anchor.seq).limit(chunkSize).toArray();
      const removable: StoredPassage[] = [];
      let keptFromSeq: number | null = null;
      for (const record of chunk) {
        if (record.state !== 'synced' || record.createdAt >= cutoff) {
          keptFromSeq = record.seq;
          break;
        }
        removable.push(record);
      }
      const last = removable.at(-1);
      if (last) {
        await db.passages.bulkDelete(removable.map((r) => r.id));
        await db.meta.put({ key: 'purged', seq: last.seq, hash: last.hash, count: anchor.count + removable.length });
      }
      return { removed: removable.length, keptFromSeq, full: chunk.length === chunkSize };
    });
    total += step.removed;
    if (step.keptFromSeq !== null || !step.full) return { purged: total, keptFromSeq: step.keptFromSeq };
  }
}

/** The alarms this kiosk raised (reported or not), oldest first. */
export async function listAlarms(db: KioskDb): Promise<StoredAlarm[]> {
  return [...((await db.getMeta('alarms'))?.alarms ?? [])];
}

/** Adds an alarm unless the same one (code and range) is already listed; returns the list. */
export async function raiseAlarm(db: KioskDb, alarm: ChainAlarm): Promise<StoredAlarm[]> {
  return db.transaction('rw', db.meta, async () => {
    const alarms = [...((await db.getMeta('alarms'))?.alarms ?? [])];
    if (!alarms.some((a) => a.code === alarm.code && a.fromSeq === alarm.fromSeq && a.toSeq === alarm.toSeq)) {
      alarms.push(alarm);
      await db.meta.put({ key: 'alarms', alarms });
    }
    return alarms;
  });
}

/** Marks alarms as reported (the portal answered the batch that carried them). */
export async function markAlarmsReported(db: KioskDb, reported: readonly ChainAlarm[], at: Date): Promise<void> {
  if (reported.length === 0) return;
  await db.transaction('rw', db.meta, async () => {
    const alarms = (await db.getMeta('alarms'))?.alarms ?? [];
    const same = (a: ChainAlarm, b: ChainAlarm) => a.code === b.code && a.fromSeq === b.fromSeq && a.toSeq === b.toSeq;
    await db.meta.put({
      key: 'alarms',
      alarms: alarms.map((a) => (a.reportedAt === undefined && reported.some((r) => same(a, r)) ? { ...a, reportedAt: at.toISOString() } : a)),
    });
  });
}
