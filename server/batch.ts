// Judging one passage batch against what the portal holds — pure, no I/O: the SQL layer loads a
// BatchContext under the device's row lock, this decides, the SQL layer writes the outcome in
// the same transaction as the batch's idempotency record.
import { GENESIS_HASH, parsePassageRecord, PASSAGE_FORMATS, type PassageRecord } from '../src/core/passage-record';
import type { PassageRejection } from '../src/api/contract';

export type SlotState = 'stored' | 'held' | 'refused';

export interface Slot {
  id: string;
  seq: number;
  hash: string;
  state: SlotState;
  /** For refused slots: the code they were refused with. */
  code?: string;
}

export interface HeldRecord {
  record: PassageRecord;
  batchId: string;
  receivedAt: string;
}

export interface PassInfo {
  passId: string;
  manualCode: string;
  originUnit: string;
  destinationUnit: string;
}

export interface BatchContext {
  deviceId: string;
  checkpointId: string;
  enrolledAtMs: number;
  nowMs: number;
  /** Records with these ids already held (any state). */
  byId: Map<string, Slot>;
  /** The device's sequence slots around the batch (each seq and seq - 1). */
  bySeq: Map<number, Slot>;
  /** Every held (pending-link) record of the device, by seq. */
  held: Map<number, HeldRecord>;
  passes: Map<string, PassInfo>;
  passesByManualCode: Map<string, PassInfo>;
  maxSeq: number;
  gaps: SeqRange[];
  /** Allowed clock lead of a passage over the server's now, ms. */
  futureToleranceMs: number;
  /** Allowed lead of the enrolment over a passage (kiosk clock behind), ms. */
  pastToleranceMs: number;
}

export interface SeqRange {
  from: number;
  to: number;
}

export interface StoredRow {
  record: PassageRecord;
  passId: string | null;
  batchId: string;
  receivedAt: string;
}

export interface BatchOutcome {
  accepted: string[];
  duplicate: string[];
  rejected: PassageRejection[];
  held: { id: string; code: 'pending-link' }[];
  /** Rows to insert into passages (accepted now, and held records now linked). */
  store: StoredRow[];
  /** New held rows. */
  hold: HeldRecord[];
  /** Held rows leaving the held table (linked or found broken). */
  unhold: string[];
  /** New refused rows. */
  refuse: { record: PassageRecord; code: string; receivedAt: string }[];
  maxSeq: number;
  gaps: SeqRange[];
}

const MESSAGES: Record<string, string> = {
  'device-mismatch': 'record belongs to another device',
  'id-conflict': 'another record with this id is already held',
  'seq-conflict': 'this sequence number of the device is already taken by another record',
  'chain-broken': 'prevHash does not match the hash of the previous record of this device',
  'checkpoint-mismatch': "record names another checkpoint than the device's own",
  'at-before-enrolment': 'passage time lies before the device was enrolled',
  'at-in-future': 'passage time lies ahead of the server clock beyond the tolerance',
  'unit-mismatch': 'origin/destination unit codes differ from the declaration of this pass',
};

function message(code: string): string {
  return MESSAGES[code] ?? code;
}

/** Removes `seq` from the gap list / extends it past maxSeq. */
export function applySeq(gaps: SeqRange[], maxSeq: number, seq: number): { gaps: SeqRange[]; maxSeq: number } {
  if (seq > maxSeq) {
    const next = seq > maxSeq + 1 ? [...gaps, { from: maxSeq + 1, to: seq - 1 }] : gaps;
    return { gaps: next, maxSeq: seq };
  }
  const out: SeqRange[] = [];
  for (const g of gaps) {
    if (seq < g.from || seq > g.to) out.push(g);
    else {
      if (g.from <= seq - 1) out.push({ from: g.from, to: seq - 1 });
      if (seq + 1 <= g.to) out.push({ from: seq + 1, to: g.to });
    }
  }
  return { gaps: out, maxSeq };
}

export function judgeBatch(ctx: BatchContext, raws: readonly unknown[], batchId: string): BatchOutcome {
  const receivedAt = new Date(ctx.nowMs).toISOString();
  const out: BatchOutcome = {
    accepted: [], duplicate: [], rejected: [], held: [], store: [], hold: [], unhold: [], refuse: [], maxSeq: ctx.maxSeq, gaps: ctx.gaps,
  };
  const bySeq = new Map(ctx.bySeq);
  const held = new Map(ctx.held);
  const seen = new Set<string>();
  const parsed: PassageRecord[] = [];
  for (const raw of raws) {
    const rawId = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
    const id = typeof rawId === 'string' && PASSAGE_FORMATS.id.test(rawId) ? rawId : null;
    if (id === null || seen.has(id)) continue; // No usable id: nothing can be reported for it.
    seen.add(id);
    const result = parsePassageRecord(raw);
    if (!result.ok) out.rejected.push({ id, code: result.code, message: result.field ? `${result.field}: ${result.message}` : result.message });
    else parsed.push(result.record);
  }
  // Chain order, whatever the order on the wire.
  parsed.sort((a, b) => a.seq - b.seq);

  const fill = (slot: Slot) => {
    bySeq.set(slot.seq, slot);
    const next = applySeq(out.gaps, out.maxSeq, slot.seq);
    out.gaps = next.gaps;
    out.maxSeq = next.maxSeq;
  };
  const reject = (r: PassageRecord, code: string) => out.rejected.push({ id: r.id, code, message: message(code) });

  /** Links held successors of `seq` that now have an anchored predecessor. */
  const promote = (seq: number, hash: string) => {
    let s = seq;
    let h = hash;
    for (;;) {
      const next = held.get(s + 1);
      if (!next) return;
      held.delete(s + 1);
      out.unhold.push(next.record.id);
      if (next.record.prevHash !== h) {
        // Its predecessor arrived and does not match: it was never linked, now it never will be.
        out.refuse.push({ record: next.record, code: 'chain-broken', receivedAt: next.receivedAt });
        bySeq.set(s + 1, { id: next.record.id, seq: s + 1, hash: next.record.hash, state: 'refused', code: 'chain-broken' });
        return;
      }
      out.store.push({ record: next.record, passId: passOf(next.record)?.passId ?? next.record.passId ?? null, batchId: next.batchId, receivedAt: next.receivedAt });
      bySeq.set(s + 1, { id: next.record.id, seq: s + 1, hash: next.record.hash, state: 'stored' });
      s += 1;
      h = next.record.hash;
    }
  };

  const passOf = (r: PassageRecord): PassInfo | undefined =>
    r.passId !== undefined ? ctx.passes.get(r.passId) : ctx.passesByManualCode.get(r.manualCode);

  for (const r of parsed) {
    if (r.deviceId !== ctx.deviceId) {
      reject(r, 'device-mismatch');
      continue;
    }
    const known = ctx.byId.get(r.id);
    if (known) {
      if (known.hash !== r.hash) reject(r, 'id-conflict');
      else if (known.state === 'stored') out.duplicate.push(r.id);
      else if (known.state === 'held' && held.has(r.seq)) out.held.push({ id: r.id, code: 'pending-link' });
      else if (known.state === 'held') out.duplicate.push(r.id); // linked by this very batch
      else reject(r, known.code ?? 'invalid-record');
      continue;
    }
    if (bySeq.has(r.seq)) {
      reject(r, 'seq-conflict');
      continue;
    }
    const pred: Pick<Slot, 'hash' | 'state'> | undefined = r.seq === 1 ? { hash: GENESIS_HASH, state: 'stored' } : bySeq.get(r.seq - 1);
    if (pred && pred.hash !== r.prevHash) {
      reject(r, 'chain-broken');
      continue;
    }
    // Content: time window, own checkpoint, the portal's own pass.
    const atMs = Date.parse(r.at);
    const pass = passOf(r);
    const code = r.checkpointId !== ctx.checkpointId ? 'checkpoint-mismatch'
      : atMs < ctx.enrolledAtMs - ctx.pastToleranceMs ? 'at-before-enrolment'
        : atMs > ctx.nowMs + ctx.futureToleranceMs ? 'at-in-future'
          : pass && (pass.originUnit !== r.originUnit || pass.destinationUnit !== r.destinationUnit) ? 'unit-mismatch'
            : null;
    if (code) {
      reject(r, code);
      out.refuse.push({ record: r, code, receivedAt });
      fill({ id: r.id, seq: r.seq, hash: r.hash, state: 'refused', code });
      promote(r.seq, r.hash);
      continue;
    }
    if (!pred || pred.state === 'held') {
      out.held.push({ id: r.id, code: 'pending-link' });
      const h = { record: r, batchId, receivedAt };
      out.hold.push(h);
      held.set(r.seq, h);
      fill({ id: r.id, seq: r.seq, hash: r.hash, state: 'held' });
      continue;
    }
    out.accepted.push(r.id);
    out.store.push({ record: r, passId: pass?.passId ?? r.passId ?? null, batchId, receivedAt });
    fill({ id: r.id, seq: r.seq, hash: r.hash, state: 'stored' });
    promote(r.seq, r.hash);
  }
  // A record held in this batch and linked later in it is stored, not held.
  const linkedNow = new Set(out.store.map((s) => s.record.id));
  const refusedNow = new Map(out.refuse.map((f) => [f.record.id, f.code]));
  out.hold = out.hold.filter((h) => !linkedNow.has(h.record.id) && !refusedNow.has(h.record.id));
  out.unhold = out.unhold.filter((id) => ctx.held.has(bySeqOf(ctx.held, id)));
  for (const h of [...out.held]) {
    if (linkedNow.has(h.id)) {
      out.held.splice(out.held.indexOf(h), 1);
      out.accepted.push(h.id);
    } else if (refusedNow.has(h.id)) {
      out.held.splice(out.held.indexOf(h), 1);
      out.rejected.push({ id: h.id, code: refusedNow.get(h.id) ?? 'chain-broken', message: message(refusedNow.get(h.id) ?? 'chain-broken') });
    }
  }
  return out;
}

function bySeqOf(held: Map<number, HeldRecord>, id: string): number {
  for (const [seq, h] of held) if (h.record.id === id) return seq;
  return -1;
}
