// Records read back from IndexedDB that an older or odd version wrote (issue 7): rows are put
// into the kiosk database directly (Dexie's table API, no validation), seeded from a genuine
// hash chain and then mutated with fast-check — values of the wrong type (including NaN,
// BigInt, Dates, nested objects, 10 KB strings), missing fields, odd local states, personal-data
// keys, odd bookkeeping rows — and then read through the KioskStore as the kiosk does.
// Invariants: no store call throws anything but a coded error; verifyChain answers with a
// documented code whenever a row is not what was hashed; the send path never builds a batch it
// cannot serialise or that carries a malformed record (such a row is set aside, not sent forever).
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { passageBatchBody } from '../../src/api/passages';
import { computePassageHash, GENESIS_HASH, parsePassageRecord, PASSAGE_KEYS, type PassageRecord, type UnhashedPassage } from '../../src/core/passage-record';
import { KioskStore } from '../../src/store/kiosk/kiosk-store';
import { DEMO_TRUST_ANCHOR_PUBLIC_JWKS } from '../../demo/backend/demo-keys';

const CHAIN_CODES = ['bad-hash', 'broken-link', 'seq-gap', 'device-mismatch', 'head-mismatch', 'invalid-record'];

function chain(n: number): (PassageRecord & { state: string; createdAt: number })[] {
  const deviceId = uuidv7();
  const out: (PassageRecord & { state: string; createdAt: number })[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const unhashed = {
      id: uuidv7(), deviceId, seq, checkpointId: 'HN-IDB-01', direction: seq % 2 ? 'in' : 'out', at: new Date(Date.now() - (n - seq) * 60_000).toISOString(),
      passId: 'EutzFYHL3kpStWEcOmcfQQ', originUnit: '00070', destinationUnit: '09289', verdictStatus: 'valid', decision: 'allow', officerId: 'CA-IDB-1', prevHash,
    } as UnhashedPassage;
    const record = { ...unhashed, hash: computePassageHash(unhashed) } as PassageRecord;
    out.push({ ...record, state: seq <= 2 ? 'synced' : 'pending', createdAt: Date.now() - 30 * 86_400_000 });
    prevHash = record.hash;
  }
  return out;
}

/** Values structured clone (and so IndexedDB) keeps, which JSON would not. */
const oddValue = fc.oneof(
  fc.anything({ maxDepth: 1, withBigInt: true, withDate: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true }),
  fc.constantFrom(Number.NaN, Infinity, -0, 2 ** 60, '', 'x'.repeat(10_240), null, undefined, true, new Date(Number.NaN), 10n, ['in'], { seq: 1 }),
);
const field = fc.constantFrom(...PASSAGE_KEYS, 'state', 'createdAt', 'syncedAt', 'quarantineReason', 'fullName', 'dateOfBirth', 'idNumber');

const mutation = fc.array(fc.tuple(fc.nat({ max: 5 }), fc.oneof(fc.tuple(field, oddValue).map(([k, v]) => ({ k, v, del: false })), field.map((k) => ({ k, v: undefined, del: true })))), { minLength: 1, maxLength: 4 });
const metaRow = fc.oneof(
  fc.record({ key: fc.constant('chain'), seq: oddValue, head: oddValue }),
  fc.record({ key: fc.constant('purged'), seq: oddValue, hash: oddValue, count: oddValue }),
  fc.record({ key: fc.constant('trust'), text: fc.oneof(oddValue, fc.string()), etag: oddValue, sequence: oddValue, issuedAt: oddValue, receivedAt: oddValue, checkedAt: oddValue }),
  fc.record({ key: fc.constant('clock'), skewMs: oddValue, measuredAt: oddValue }),
  fc.record({ key: fc.constant('sync'), lastSyncAt: oddValue, lastError: oddValue }),
);

/** Resolves, or rejects with an error that says what it is (a name and, for store errors, a code). */
async function settles<T>(what: string, run: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: Error }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    expect(error, `${what} threw a non-Error`).to.be.instanceOf(Error);
    expect(['TypeError', 'RangeError', 'SyntaxError', 'ReferenceError'], `${what}: ${(error as Error).name}: ${(error as Error).message}`).to.not.include((error as Error).name);
    return { ok: false, error: error as Error };
  }
}

describe('kiosk store: rows written by an older or odd version', () => {
  it('reads every mutated row through the store without crashing, flags the chain, never sends a malformed record', async function () {
    this.timeout(120_000);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(mutation, fc.array(metaRow, { maxLength: 2 }), fc.boolean(), async (mutations, metas, withBatch) => {
        const store = new KioskStore(`ck-idb-rows-${Date.now()}-${run++}`);
        try {
          const originals = chain(6);
          const rows: Record<string, unknown>[] = originals.map((r) => ({ ...r }));
          for (const [i, m] of mutations) {
            const row = rows[i] as Record<string, unknown>;
            if (m.del) Reflect.deleteProperty(row, m.k);
            else row[m.k] = m.v;
          }
          // Rows whose primary key is gone cannot be written at all; the rest go in raw.
          await store.db.passages.bulkPut(rows.filter((r) => typeof r.id === 'string') as never[]).catch(() => undefined);
          for (const m of metas) await store.db.meta.put(m as never).catch(() => undefined);
          if (withBatch) await store.db.batches.put({ batchId: uuidv7(), ids: rows.map((r) => r.id) as string[], createdAt: 1, attempts: 1 }).catch(() => undefined);

          await settles('counts', () => store.counts());
          const verified = await settles('verifyChain', () => store.verifyChain());
          expect(verified.ok, verified.ok ? '' : `verifyChain threw ${verified.error.name}`).to.equal(true);
          if (verified.ok && !verified.value.ok) expect(CHAIN_CODES).to.include(verified.value.code);
          // A row whose hashed fields changed (compared as stored, undefined members dropped as
          // the hash drops them) must not pass as intact.
          const hashed = (r: Record<string, unknown>) => fc.stringify(PASSAGE_KEYS.filter((k) => r[k] !== undefined).map((k) => [k, r[k]]));
          const hashedChange = rows.some((r, i) => hashed(r) !== hashed(originals[i] as unknown as Record<string, unknown>));
          if (hashedChange && verified.ok && metas.length === 0) expect(verified.value.ok, 'a damaged chain verified').to.equal(false);

          const reads: (() => Promise<unknown>)[] = [
            () => store.recentPassages(20), () => store.quarantined(), () => store.passagesOfPass('EutzFYHL3kpStWEcOmcfQQ'),
            () => store.syncMeta(), () => store.clock(), () => store.trustMeta(), () => store.loadTrust(DEMO_TRUST_ANCHOR_PUBLIC_JWKS),
            () => store.purgeSynced({ now: Date.now() }),
          ];
          for (const call of reads) await settles(call.toString(), call);

          // The send path: whatever batch comes out must serialise, and every record in it
          // must be well formed (a malformed one would be refused by the portal forever).
          const opened = await settles('openBatch', () => store.openBatch(500));
          if (opened.ok && opened.value) {
            const { batch, records } = opened.value;
            const body = passageBatchBody({ batchId: batch.batchId, deviceId: uuidv7(), records });
            expect(body).to.be.a('string');
            for (const r of records) {
              const raw = r as unknown as Record<string, unknown>;
              const wire = Object.fromEntries(PASSAGE_KEYS.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]]));
              const parsed = parsePassageRecord(wire, { checkHash: false });
              expect(parsed.ok, `a malformed record was put in a batch: ${parsed.ok ? '' : parsed.message}`).to.equal(true);
            }
            await settles('ackBatch', () => store.ackBatch(batch.batchId, { accepted: records.map((r) => r.id), duplicate: [], rejected: [] }, new Date()));
          }
          await settles('counts after', () => store.counts());
        } finally {
          await store.destroy().catch(() => undefined);
        }
      }),
      { seed: 7001, numRuns: 60, includeErrorInReport: true },
    );
  });

  it('opens a database an older schema created (fewer indexes) and keeps every row', async () => {
    const name = `ck-idb-old-${Date.now()}`;
    const rows = chain(4);
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(name, 3);
      open.onupgradeneeded = () => {
        const db = open.result;
        const passages = db.createObjectStore('passages', { keyPath: 'id' });
        for (const r of rows) passages.put(r);
        db.createObjectStore('meta', { keyPath: 'key' }).put({ key: 'chain', seq: 4, head: rows[3]?.hash });
        db.createObjectStore('batches', { keyPath: 'batchId' });
      };
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
      open.onerror = () => reject(open.error);
    });
    const store = new KioskStore(name);
    try {
      expect(await store.counts()).to.deep.equal({ pending: 2, synced: 2, quarantined: 0 });
      expect((await store.verifyChain()).ok).to.equal(true);
      expect((await store.passagesOfPass('EutzFYHL3kpStWEcOmcfQQ')).length).to.equal(4);
      const batch = await store.openBatch(10);
      expect(batch?.records.map((r) => r.seq)).to.deep.equal([3, 4]);
    } finally {
      await store.destroy();
    }
  });
});
