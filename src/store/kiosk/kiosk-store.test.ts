// The kiosk store in Chromium's real IndexedDB: durable hash-chained writes, gap-free sequence
// numbers under concurrency, no personal data, quota errors, tamper detection, batches,
// retention, the device key and the trust cache.
import { expect } from '@open-wc/testing';
import Dexie from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import { decodeBase64Url } from '../../core/base64url';
import { manualCode } from '../../core/manual-code';
import { GENESIS_HASH, PASSAGE_KEYS, type PassageRecord } from '../../core/passage-record';
import { createTrustBundle } from '../../core/trust-bundle';
import { DEMO_ISSUER, DEMO_ISSUER_PUBLIC_JWKS, DEMO_TRUST_ANCHOR_PRIVATE_JWK, DEMO_TRUST_ANCHOR_PUBLIC_JWKS } from '../../../demo/backend/demo-keys';
import { KioskDb } from './db';
import { isQuotaError, PassageInputError, StorageFullError } from './errors';
import { KioskStore } from './kiosk-store';
import type { PassageInput } from './outbox';
import { requestPersistentStorage } from './persist';
import { must } from '../../../test/fixtures/must';

const PASS_ID = 'EutzFYHL3kpStWEcOmcfQQ';
const stores: KioskStore[] = [];

function newStore(name = `ck-kiosk-test-${uuidv7()}`): KioskStore {
  const store = new KioskStore(name);
  stores.push(store);
  return store;
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.destroy().catch(() => undefined);
});

function input(patch: Partial<Record<string, unknown>> = {}): PassageInput {
  return {
    checkpointId: 'HN-QL1A-01',
    direction: 'in',
    passId: PASS_ID,
    originUnit: '00070',
    destinationUnit: '09289',
    verdictStatus: 'valid',
    decision: 'allow',
    officerId: 'CA-HN-0042',
    ...patch,
  } as PassageInput;
}

describe('recordPassage', () => {
  it('is durable and chained: a fresh connection reads the records back and the chain verifies', async () => {
    const store = newStore();
    const a = await store.recordPassage(input({ direction: 'out' }));
    const b = await store.recordPassage(input());
    const c = await store.recordPassage(input({ passId: undefined, manualCode: manualCode(PASS_ID) }));
    expect([a.seq, b.seq, c.seq]).to.deep.equal([1, 2, 3]);
    expect(a.prevHash).to.equal(GENESIS_HASH);
    expect(b.prevHash).to.equal(a.hash);
    expect(c.prevHash).to.equal(b.hash);
    expect(a.state).to.equal('pending');

    const reopened = new KioskDb(store.db.name);
    const back = await reopened.passages.orderBy('seq').toArray();
    reopened.close();
    expect(back.map((r) => r.id)).to.deep.equal([a.id, b.id, c.id]);
    const check = await store.verifyChain();
    expect(check).to.deep.include({ ok: true, checked: 3 });
  });

  it('allocates gap-free sequence numbers across concurrent writers on two connections', async () => {
    const tab1 = newStore();
    const tab2 = new KioskStore(tab1.db.name);
    stores.push(tab2);
    await tab1.device();
    const writes = Array.from({ length: 40 }, (_, i) => (i % 2 ? tab1 : tab2).recordPassage(input()));
    const records = await Promise.all(writes);
    expect(records.map((r) => r.seq).sort((x, y) => x - y)).to.deep.equal(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(records.map((r) => r.deviceId)).size).to.equal(1);
    expect(await tab1.verifyChain()).to.deep.include({ ok: true, checked: 40 });
  });

  it('stores only the allowed fields: personal data in the input never reaches the outbox', async () => {
    const store = newStore();
    const sneaky = { ...input(), fullName: 'Nguyễn Thị Minh Khai', idNumber: '001190012345', dateOfBirth: '1990-05-17', declaration: { x: 1 } };
    const record = await store.recordPassage(sneaky as unknown as PassageInput);
    const stored = await store.db.passages.get(record.id);
    const allowed = new Set<string>([...PASSAGE_KEYS, 'state', 'createdAt', 'syncedAt', 'quarantineReason']);
    expect(Object.keys(stored ?? {}).filter((k) => !allowed.has(k))).to.deep.equal([]);
    expect(JSON.stringify(stored)).not.to.contain('Nguyễn');
    expect(JSON.stringify(stored)).not.to.contain('001190012345');
    expect(JSON.stringify(stored)).not.to.contain('1990-05-17');
  });

  it('the types refuse personal-data keys (checked by tsc)', () => {
    // @ts-expect-error — a passage input cannot carry a name.
    const withName: PassageInput = { ...input(), fullName: 'Nguyễn Văn A' };
    // @ts-expect-error — nor an ID number.
    const withId: PassageInput = { ...input(), idNumber: '001190012345' };
    // @ts-expect-error — nor a date of birth, in a stored record either.
    const record: Partial<PassageRecord> = { dateOfBirth: '1990-05-17' };
    expect([withName, withId, record].length).to.equal(3);
  });

  it('refuses malformed input with a coded error, writing nothing and consuming no sequence number', async () => {
    const store = newStore();
    await store.recordPassage(input());
    const bad = [
      input({ originUnit: '70' }),
      input({ officerId: 'Nguyễn Văn A' }),
      input({ passId: undefined }),
      input({ manualCode: 'ABCDE-FGHJK' }),
      input({ decision: 'maybe' }),
      input({ at: 'yesterday' }),
    ];
    for (const passage of bad) {
      let caught: unknown;
      try {
        await store.recordPassage(passage);
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(passage)).to.be.instanceOf(PassageInputError);
      expect((caught as PassageInputError).code).to.equal('invalid-passage');
    }
    const next = await store.recordPassage(input());
    expect(next.seq).to.equal(2);
    expect(await store.counts()).to.deep.equal({ pending: 2, synced: 0, quarantined: 0 });
  });

  it('records a manual code instead of a pass id', async () => {
    const store = newStore();
    const code = manualCode(PASS_ID);
    const byCode = await store.recordPassage(input({ passId: undefined, manualCode: code }));
    expect(byCode.manualCode).to.equal(code);
    expect(byCode.passId).to.equal(undefined);
    const byPass = await store.recordPassage(input());
    expect((await store.passagesOfPass(PASS_ID)).map((r) => r.id)).to.deep.equal([byPass.id]);
    expect((await store.recentPassages(5)).map((r) => r.id)).to.deep.equal([byPass.id, byCode.id]);
    expect(await store.verifyChain()).to.deep.include({ ok: true, checked: 2 });
  });
});

describe('quota errors', () => {
  it('classifies every disguise of QuotaExceededError', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(isQuotaError(quota)).to.equal(true);
    expect(isQuotaError(new Dexie.QuotaExceededError('full'))).to.equal(true);
    expect(isQuotaError(new Dexie.AbortError('aborted', quota))).to.equal(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).to.equal(true);
    expect(isQuotaError(new Error('wrapped', { cause: quota }))).to.equal(true);
    expect(isQuotaError(new Dexie.AbortError('aborted'))).to.equal(false);
    expect(isQuotaError(new DOMException('x', 'ConstraintError'))).to.equal(false);
    expect(isQuotaError(undefined)).to.equal(false);
  });

  for (const [label, make] of [
    ['a QuotaExceededError', () => new DOMException('The quota has been exceeded.', 'QuotaExceededError')],
    ['an AbortError wrapping one', () => new Dexie.AbortError('Transaction aborted', new DOMException('The quota has been exceeded.', 'QuotaExceededError'))],
  ] as const) {
    it(`turns ${label} during a write into StorageFullError and leaves existing records intact`, async () => {
      const store = newStore();
      const kept = [await store.recordPassage(input()), await store.recordPassage(input())];
      const headBefore = await store.db.getMeta('chain');
      const fail = () => {
        throw make();
      };
      store.db.passages.hook('creating', fail);
      let caught: unknown;
      try {
        await store.recordPassage(input());
      } catch (error) {
        caught = error;
      }
      store.db.passages.hook('creating').unsubscribe(fail);
      expect(caught).to.be.instanceOf(StorageFullError);
      expect((caught as StorageFullError).code).to.equal('storage-full');
      expect((await store.db.passages.toArray()).map((r) => r.id)).to.deep.equal(kept.map((r) => r.id));
      expect(await store.db.getMeta('chain')).to.deep.equal(headBefore);
      const next = await store.recordPassage(input());
      expect(next.seq).to.equal(3);
      expect(await store.verifyChain()).to.deep.include({ ok: true, checked: 3 });
    });
  }
});

describe('verifyChain', () => {
  async function threeRecords() {
    const store = newStore();
    const records = [await store.recordPassage(input()), await store.recordPassage(input()), await store.recordPassage(input())];
    return { store, records };
  }

  it('detects an edited field', async () => {
    const { store, records } = await threeRecords();
    await store.db.passages.update(must(records[1]).id, { decision: 'deny' } as never);
    expect(await store.verifyChain()).to.deep.include({ ok: false, code: 'bad-hash', seq: 2 });
  });

  it('detects a removed record in the middle and a removed newest record', async () => {
    const { store, records } = await threeRecords();
    await store.db.passages.delete(must(records[1]).id);
    expect(await store.verifyChain()).to.deep.include({ ok: false, code: 'seq-gap', seq: 3 });
    const other = await threeRecords();
    await other.store.db.passages.delete(must(other.records[2]).id);
    expect(await other.store.verifyChain()).to.deep.include({ ok: false, code: 'head-mismatch' });
  });
});

describe('outbox batches', () => {
  it('persists a batch, returns the same one until acknowledged, applies the answer once', async () => {
    const store = newStore();
    const records = await store.recordPassages(Array.from({ length: 5 }, () => input()));
    const opened = await store.openBatch(3);
    expect(opened?.records.map((r) => r.id)).to.deep.equal(records.slice(0, 3).map((r) => r.id));
    const reopened = await new KioskStore(store.db.name).openBatch(10);
    expect(reopened?.batch.batchId).to.equal(opened?.batch.batchId);
    expect(reopened?.batch.ids).to.deep.equal(opened?.batch.ids);
    const [r0, r1, r2] = records;
    const applied = await store.ackBatch(must(opened).batch.batchId, {
      accepted: [must(r0).id],
      duplicate: [must(r1).id],
      rejected: [{ id: must(r2).id, code: 'unit-mismatch', message: 'units differ' }],
    }, new Date());
    expect(applied).to.deep.equal({ synced: 2, quarantined: 1 });
    expect(await store.ackBatch(must(opened).batch.batchId, { accepted: [must(r0).id], duplicate: [], rejected: [] }, new Date())).to.equal(null);
    expect(await store.counts()).to.deep.equal({ pending: 2, synced: 2, quarantined: 1 });
    const quarantined = await store.quarantined();
    expect(quarantined.map((r) => [r.id, r.quarantineReason])).to.deep.equal([[must(r2).id, 'unit-mismatch: units differ']]);
    const next = await store.openBatch(10);
    expect(next?.records.map((r) => r.id)).to.deep.equal(records.slice(3).map((r) => r.id));
    expect(next?.batch.batchId).not.to.equal(opened?.batch.batchId);
    expect(await store.requeue([must(r2).id])).to.equal(1);
    expect((await store.counts()).quarantined).to.equal(0);
  });

  it('keeps ids the server did not mention pending', async () => {
    const store = newStore();
    const records = await store.recordPassages([input(), input()]);
    const opened = await store.openBatch(10);
    await store.ackBatch(must(opened).batch.batchId, { accepted: [must(records[0]).id], duplicate: [], rejected: [] }, new Date());
    expect(await store.counts()).to.deep.equal({ pending: 1, synced: 1, quarantined: 0 });
  });
});

describe('retention', () => {
  it('purges old synced records in chunks, never unsynced ones, and the chain still verifies', async () => {
    const store = newStore();
    const records = await store.recordPassages(Array.from({ length: 25 }, () => input()));
    const opened = await store.openBatch(20);
    await store.ackBatch(must(opened).batch.batchId, { accepted: must(opened).batch.ids, duplicate: [], rejected: [] }, new Date());
    // Records 1–20 synced, 21–25 pending. Fifteen days later:
    const later = Date.now() + 15 * 86_400_000;
    const result = await store.purgeSynced({ now: later, chunkSize: 6 });
    expect(result).to.deep.equal({ purged: 20, keptFromSeq: 21 });
    expect(await store.counts()).to.deep.equal({ pending: 5, synced: 0, quarantined: 0 });
    expect(await store.verifyChain()).to.deep.include({ ok: true, checked: 5, purged: 20 });
    expect((await store.db.passages.toArray()).map((r) => r.id)).to.deep.equal(records.slice(20).map((r) => r.id));
  });

  it('keeps young synced records and stops at the first unsynced one', async () => {
    const store = newStore();
    await store.recordPassages(Array.from({ length: 4 }, () => input()));
    const opened = await store.openBatch(4);
    const [a, b, c, d] = must(opened).batch.ids;
    await store.ackBatch(must(opened).batch.batchId, { accepted: [must(a), must(c), must(d)], duplicate: [], rejected: [{ id: must(b), code: 'x', message: 'y' }] }, new Date());
    expect(await store.purgeSynced({ now: Date.now() })).to.deep.equal({ purged: 0, keptFromSeq: 1 });
    expect(await store.purgeSynced({ now: Date.now() + 20 * 86_400_000 })).to.deep.equal({ purged: 1, keptFromSeq: 2 });
    expect(await store.verifyChain()).to.deep.include({ ok: true, checked: 3 });
  });
});

describe('device identity', () => {
  it('is a non-extractable P-256 key kept across connections, and signs verifiably', async () => {
    const store = newStore();
    const device = await store.device();
    expect(device.privateKey.extractable).to.equal(false);
    expect(device.privateKey.algorithm).to.deep.include({ name: 'ECDSA', namedCurve: 'P-256' });
    let exportError: unknown;
    try {
      await crypto.subtle.exportKey('jwk', device.privateKey);
    } catch (error) {
      exportError = error;
    }
    expect(exportError).to.be.instanceOf(DOMException);
    const again = await new KioskStore(store.db.name).device();
    expect(again.deviceId).to.equal(device.deviceId);
    const bytes = new TextEncoder().encode('{"batch":1}');
    const signature = decodeBase64Url(await store.sign(bytes));
    const publicKey = await crypto.subtle.importKey('jwk', { ...device.publicKeyJwk }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, must(signature), bytes)).to.equal(true);
  });

  it('two connections creating it at once end with one identity', async () => {
    const name = `ck-kiosk-test-${uuidv7()}`;
    const [a, b] = [newStore(name), newStore(name)];
    const [ia, ib] = await Promise.all([a.device(), b.device()]);
    expect(ia.deviceId).to.equal(ib.deviceId);
  });
});

describe('trust cache', () => {
  it('keeps the bundle text, re-verifies it on load, and refuses a tampered copy', async () => {
    const store = newStore();
    const bundle = {
      sequence: 7, issuedAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 3_600_000).toISOString(), issuers: [{ iss: DEMO_ISSUER, jwks: DEMO_ISSUER_PUBLIC_JWKS }],
      revokedPassIds: [], riskAreas: [{ unitCode: '09289', level: 'high' as const, since: '2025-01-01' }],
    };
    const text = await createTrustBundle(bundle, DEMO_TRUST_ANCHOR_PRIVATE_JWK);
    await store.saveTrust({ text, etag: '"tb-7"', bundle, receivedAt: new Date() });
    const loaded = await store.loadTrust(DEMO_TRUST_ANCHOR_PUBLIC_JWKS);
    expect(loaded?.bundle.sequence).to.equal(7);
    expect(loaded?.meta.etag).to.equal('"tb-7"');
    const meta = await store.trustMeta();
    await store.db.meta.put({ ...must(meta), text: text.replace(/\.[^.]+\./, '.e30.') });
    expect(await store.loadTrust(DEMO_TRUST_ANCHOR_PUBLIC_JWKS)).to.equal(undefined);
  });
});

describe('in a worker', () => {
  it('records passages from a dedicated worker into the same chain as the page', async () => {
    const store = newStore();
    const first = await store.recordPassage(input());
    const worker = new Worker(new URL('../../../test/fixtures/kiosk-store-worker.ts', import.meta.url), { type: 'module' });
    const answer = await new Promise<{ ids?: string[]; chainOk?: boolean; error?: string }>((resolve) => {
      worker.onmessage = (event) => resolve(event.data);
      worker.postMessage({ dbName: store.db.name, count: 3 });
    });
    worker.terminate();
    expect(answer.error).to.equal(undefined);
    expect(answer.chainOk).to.equal(true);
    const all = await store.db.passages.orderBy('seq').toArray();
    expect(all.map((r) => r.id)).to.deep.equal([first.id, ...(answer.ids ?? [])]);
    expect(new Set(all.map((r) => r.deviceId)).size).to.equal(1);
    expect(await store.verifyChain()).to.deep.include({ ok: true, checked: 4 });
  });
});

describe('requestPersistentStorage', () => {
  it('answers with one of its three outcomes and never throws', async () => {
    expect(['persisted', 'denied', 'unsupported']).to.include(await requestPersistentStorage());
  });
});

describe('liveCounts', () => {
  it('emits new counts after each write', async () => {
    const store = newStore();
    const seen: number[] = [];
    const subscription = store.liveCounts().subscribe((c) => seen.push(c.pending));
    await store.recordPassage(input());
    await store.recordPassage(input());
    const deadline = Date.now() + 3000;
    while (!seen.includes(2) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    subscription.unsubscribe();
    expect(seen).to.include(2);
  });
});
