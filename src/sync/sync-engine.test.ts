// The sync loop in Chromium against the demo backend behind msw's service worker: exactly once
// through 500s, dropped connections, answers lost after commit, duplicate acknowledgements,
// 429 Retry-After and a reload in the middle of a sync; plus registration, trust refresh,
// clock skew, quarantine, Web Locks and the triggers.
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { v7 as uuidv7 } from 'uuid';
import { verifyPassageChain } from '../core/passage-record';
import { postPassageBatch } from '../api/passages';
import { createDemoBackend, type DemoBackend } from '../../demo/backend/backend';
import { DEMO_TRUST_ANCHOR_PUBLIC_JWKS } from '../../demo/backend/demo-keys';
import { createDemoHandlers } from '../../demo/backend/msw-handlers';
import { KioskStore } from '../store/kiosk/kiosk-store';
import type { PassageInput } from '../store/kiosk/outbox';
import { SyncEngine, type SyncEngineOptions, type SyncStatus } from './sync-engine';
import { must } from '../../test/fixtures/must';

const backendReady: Promise<DemoBackend> = createDemoBackend({ base: '/api' });
const worker = setupWorker(...createDemoHandlers(backendReady));
let backend: DemoBackend;
const stores: KioskStore[] = [];
const engines: SyncEngine[] = [];

before(async () => {
  backend = await backendReady;
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
});
after(() => worker.stop());
beforeEach(async () => backend.reset());
afterEach(async () => {
  for (const e of engines.splice(0)) e.stop();
  for (const s of stores.splice(0)) await s.destroy().catch(() => undefined);
});

function newStore(name = `ck-sync-test-${uuidv7()}`): KioskStore {
  const store = new KioskStore(name);
  stores.push(store);
  return store;
}

function newEngine(store: KioskStore, options: Partial<SyncEngineOptions> = {}): SyncEngine {
  const engine = new SyncEngine({
    store,
    apiBase: '/api',
    checkpointId: 'HN-QL1A-01',
    trustAnchor: DEMO_TRUST_ANCHOR_PUBLIC_JWKS,
    backoff: { baseMs: 20, maxMs: 100 },
    nudgeDelayMs: 10,
    ...options,
  });
  engines.push(engine);
  return engine;
}

function passage(patch: Partial<Record<string, unknown>> = {}): PassageInput {
  return {
    checkpointId: 'HN-QL1A-01', direction: 'in', passId: 'EutzFYHL3kpStWEcOmcfQQ', originUnit: '00070',
    destinationUnit: '09289', verdictStatus: 'valid', decision: 'allow', officerId: 'CA-HN-0042', ...patch,
  } as PassageInput;
}

async function faults(settings: Record<string, unknown>): Promise<void> {
  const response = await fetch('/api/__faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(settings) });
  expect(response.status).to.equal(200);
}

async function serverState(): Promise<{ hits: Record<string, number>; requests: Record<string, number>; counts: { idempotencyRecords: number } }> {
  return (await fetch('/api/__state')).json();
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every record of the kiosk is on the portal exactly once, identical, and both chains verify. */
async function expectExactlyOnce(store: KioskStore): Promise<void> {
  const { deviceId } = await store.device();
  const local = await store.db.passages.orderBy('seq').toArray();
  expect(await store.counts()).to.deep.equal({ pending: 0, synced: local.length, quarantined: 0 });
  expect(await backend.store.deviceSummary(deviceId)).to.deep.equal({ count: local.length, minSeq: 1, maxSeq: local.length, missingSeq: 0 });
  expect((await backend.store.counts()).duplicateCommits).to.equal(0);
  const held = [];
  for (const r of local) {
    const onServer = await backend.store.getPassage(r.id);
    expect(onServer?.record.hash).to.equal(r.hash);
    held.push(must(onServer).record);
  }
  expect(verifyPassageChain(held)).to.deep.include({ ok: true, checked: local.length });
  expect(await store.verifyChain()).to.deep.include({ ok: true, checked: local.length });
}

describe('SyncEngine.syncNow', () => {
  it('registers the device, then sends every pending passage once', async () => {
    const store = newStore();
    await store.recordPassages([passage(), passage({ direction: 'out' }), passage()]);
    const engine = newEngine(store);
    const outcome = await engine.syncNow();
    expect(outcome).to.deep.equal({ status: 'ok', sent: 3, synced: 3, quarantined: 0 });
    await expectExactlyOnce(store);
    const state = await serverState();
    expect(state.requests['POST devices']).to.equal(1);
    expect(state.requests['POST passages']).to.equal(1);
    expect(engine.status.lastSyncAt).to.be.a('string');
    expect(engine.status.lastError).to.equal(null);
    expect(engine.status.trustSequence).to.equal(1);
    expect((await store.device()).registration?.checkpointId).to.equal('HN-QL1A-01');
    expect(await engine.syncNow()).to.deep.equal({ status: 'ok', sent: 0, synced: 0, quarantined: 0 });
    expect((await serverState()).requests['POST devices']).to.equal(1, 'registered once');
  });

  it('sends a backlog in batches of the configured size', async () => {
    const store = newStore();
    await store.recordPassages(Array.from({ length: 23 }, () => passage()));
    const engine = newEngine(store, { batchSize: 5 });
    const progress: number[] = [];
    engine.subscribe((s) => s.progress && progress.push(s.progress.sent));
    expect(await engine.syncNow()).to.deep.include({ status: 'ok', sent: 23 });
    expect((await serverState()).requests['POST passages']).to.equal(5);
    expect(progress).to.include.members([5, 10, 15, 20, 23]);
    await expectExactlyOnce(store);
  });

  it('survives 500s: records stay pending, retries succeed, nothing duplicated', async () => {
    const store = newStore();
    await store.recordPassages(Array.from({ length: 7 }, () => passage()));
    const engine = newEngine(store, { batchSize: 3 });
    await faults({ failNext: 3, status: 500, only: '/passages' });
    const failures = [];
    for (let i = 0; i < 3; i++) failures.push(await engine.syncNow());
    expect(failures.map((f) => f.status)).to.deep.equal(['error', 'error', 'error']);
    expect(failures[0]).to.deep.include({ code: 'injected-failure' });
    expect(engine.status.lastError).to.match(/^injected-failure/);
    expect(engine.status.nextAttemptAt).to.be.a('string');
    expect((await store.counts()).pending).to.equal(7);
    expect(await engine.syncNow()).to.deep.include({ status: 'ok', sent: 7 });
    expect(engine.status.lastError).to.equal(null);
    await expectExactlyOnce(store);
  });

  it('survives a dropped connection (fetch rejects) and reports offline until it recovers', async () => {
    const store = newStore();
    await store.recordPassages([passage(), passage()]);
    const engine = newEngine(store);
    await faults({ dropNext: 1, only: '/passages' });
    expect(await engine.syncNow()).to.deep.include({ status: 'error', code: 'network' });
    expect(engine.status.online).to.equal(false);
    expect(await engine.syncNow()).to.deep.include({ status: 'ok', sent: 2 });
    expect(engine.status.online).to.equal(true);
    await expectExactlyOnce(store);
  });

  it('an answer lost after the portal committed: the same batch is resent and replayed, not re-committed', async () => {
    const store = newStore();
    await store.recordPassages(Array.from({ length: 4 }, () => passage()));
    const engine = newEngine(store);
    await faults({ dropResponseAfterCommit: 1, only: '/passages' });
    expect(await engine.syncNow()).to.deep.include({ status: 'error', code: 'network' });
    const { deviceId } = await store.device();
    expect((await backend.store.deviceSummary(deviceId)).count).to.equal(4, 'committed on the portal');
    expect((await store.counts()).pending).to.equal(4, 'but not acknowledged on the kiosk');
    const persisted = await store.db.batches.toArray();
    expect(persisted).to.have.length(1);
    expect(await engine.syncNow()).to.deep.include({ status: 'ok', synced: 4 });
    const state = await serverState();
    expect(state.hits.droppedAfterCommit).to.equal(1);
    expect(state.counts.idempotencyRecords).to.equal(1, 'one batch id, answered twice');
    expect(await store.db.batches.count()).to.equal(0);
    await expectExactlyOnce(store);
  });

  it('duplicate acknowledgements: records the portal already holds come back as duplicate and are marked synced', async () => {
    const store = newStore();
    const records = await store.recordPassages(Array.from({ length: 3 }, () => passage()));
    const engine = newEngine(store);
    expect(await engine.syncNow()).to.deep.include({ status: 'ok', sent: 3 });
    // A second copy of the same records under another batch id (e.g. an earlier install that
    // lost its batch record): the portal must answer duplicate, not store them again.
    const { deviceId } = await store.device();
    const again = await postPassageBatch('/api', { deviceId, batchId: uuidv7(), records }, (b) => store.sign(b));
    expect(again.result.duplicate).to.deep.equal(records.map((r) => r.id));
    await store.db.passages.toCollection().modify((r) => {
      (r as { state: string }).state = 'pending';
    });
    expect(await engine.syncNow()).to.deep.include({ status: 'ok', synced: 3 });
    await expectExactlyOnce(store);
  });

  it('honours 429 Retry-After: defers manual syncs and retries automatically after the wait', async () => {
    const store = newStore();
    await store.recordPassage(passage());
    const engine = newEngine(store, { intervalMs: 60_000 });
    await faults({ rateLimitNext: { n: 1, retryAfterSeconds: 1 }, only: '/passages' });
    const t0 = Date.now();
    expect(await engine.syncNow()).to.deep.include({ status: 'error', code: 'rate-limited' });
    expect(await engine.syncNow()).to.have.property('status', 'deferred');
    engine.start();
    await until(async () => (await store.counts()).pending === 0);
    expect(Date.now() - t0).to.be.at.least(1000);
    await expectExactlyOnce(store);
  });

  it('a reload in the middle of a sync: a new engine on the same database resends the same batch', async () => {
    const name = `ck-sync-test-${uuidv7()}`;
    const before = newStore(name);
    await before.recordPassages(Array.from({ length: 6 }, () => passage()));
    const first = newEngine(before, { batchSize: 6 });
    await faults({ delayMs: 400, only: '/passages' });
    const pending = first.syncNow();
    await until(async () => ((await serverState()).requests['POST passages'] ?? 0) >= 1);
    const batchId = (await before.db.batches.toArray())[0]?.batchId;
    expect(batchId).to.be.a('string');
    first.stop(); // the page goes away: its request is abandoned mid-flight
    expect(await pending).to.deep.include({ status: 'error', code: 'stopped' });
    before.close();

    const after = newStore(name);
    await faults({ delayMs: 0 });
    const second = newEngine(after, { batchSize: 6 });
    expect(await second.syncNow()).to.deep.include({ status: 'ok', synced: 6 });
    await until(async () => (await serverState()).counts.idempotencyRecords >= 1);
    expect((await backend.store.getIdempotency(`passages:${(await after.device()).deviceId}:${batchId}`))).to.not.equal(undefined);
    await expectExactlyOnce(after);
  });

  it('a reload while the pipeline holds two persisted batches: both go out again, in order, exactly once', async () => {
    const name = `ck-sync-test-${uuidv7()}`;
    const first = newStore(name);
    await first.recordPassages(Array.from({ length: 12 }, () => passage()));
    const { deviceId } = await first.device();
    const engine = newEngine(first, { batchSize: 3 });
    await faults({ delayMs: 250, only: '/passages' });
    const running = engine.syncNow();
    // Stop once the portal holds the first batch: by then the next one is on the wire and the
    // one after it is persisted.
    await until(async () => (await backend.store.deviceSummary(deviceId)).count >= 3);
    const persisted = await first.db.batches.count();
    engine.stop();
    expect(await running).to.deep.include({ status: 'error', code: 'stopped' });
    expect(persisted).to.be.within(1, 2);
    first.close();

    await faults({ delayMs: 0 });
    const second = newStore(name);
    expect(await newEngine(second, { batchSize: 3 }).syncNow()).to.deep.include({ status: 'ok' });
    expect(await second.db.batches.count()).to.equal(0);
    await expectExactlyOnce(second);
  });

  it('re-registers when the portal forgot the device (401 unknown-device)', async () => {
    const store = newStore();
    await store.recordPassage(passage());
    const engine = newEngine(store);
    await engine.syncNow();
    await backend.reset(); // the portal lost its device table
    await store.recordPassage(passage());
    expect(await engine.syncNow()).to.deep.include({ status: 'ok', synced: 1 });
    expect((await serverState()).requests['POST devices']).to.equal(1);
  });

  it('quarantines records the portal rejects, with its reason', async () => {
    const issued = await (await fetch('/api/declarations', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        fullName: 'Lê Văn Tám', idType: 'passport', idNumber: 'B1234567', dateOfBirth: '1980-01-01', gender: 'male', phone: '0912000111',
        origin: { provinceCode: '01', unitCode: '00070', address: 'Hà Nội' }, destination: { provinceCode: '27', unitCode: '09289', address: 'Bắc Ninh' },
        departureDate: new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10), purpose: 'work', health: { symptoms: [], contactWithCase: false },
      }),
    })).json() as { passId: string };
    const store = newStore();
    const [, wrong] = await store.recordPassages([passage({ passId: issued.passId }), passage({ passId: issued.passId, originUnit: '00001' })]);
    const engine = newEngine(store);
    expect(await engine.syncNow()).to.deep.include({ status: 'ok', synced: 1, quarantined: 1 });
    const quarantined = await store.quarantined();
    expect(quarantined.map((r) => r.id)).to.deep.equal([must(wrong).id]);
    expect(quarantined[0]?.quarantineReason).to.match(/^unit-mismatch: /);
    expect(engine.status.quarantined).to.equal(1);
  });

  it('halves the batch after 413 and carries on', async () => {
    const store = newStore();
    await store.recordPassages(Array.from({ length: 1100 }, () => passage()));
    const engine = newEngine(store, { batchSize: 1100 });
    expect(await engine.syncNow()).to.deep.include({ status: 'ok', synced: 1100 });
    await expectExactlyOnce(store);
  });
});

describe('trust refresh', () => {
  it('stores the bundle, answers 304 cheaply, takes a newer one, refuses bad ones and keeps the old', async () => {
    const store = newStore();
    const engine = newEngine(store);
    const updates: number[] = [];
    const refusals: string[] = [];
    engine.addEventListener('trust-updated', (e) => updates.push(e.detail.bundle.sequence));
    engine.addEventListener('trust-refused', (e) => refusals.push(e.detail.code));
    expect(await engine.refreshTrust()).to.equal('updated');
    expect(await engine.refreshTrust()).to.equal('not-modified');
    expect(engine.status.trustAge).to.be.at.most(1);

    await fetch('/api/__trust', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ revokePassIds: ['EutzFYHL3kpStWEcOmcfQQ'] }) });
    expect(await engine.refreshTrust()).to.equal('updated');
    const current = await engine.currentTrust();
    expect(current?.bundle.sequence).to.equal(2);
    expect(current?.init.revokedPassIds).to.deep.equal(['EutzFYHL3kpStWEcOmcfQQ']);

    for (const mode of ['bad-signature', 'wrong-anchor', 'unsigned', 'older', 'garbage']) {
      await faults({ trustBundle: mode });
      expect(await engine.refreshTrust(), mode).to.equal('refused');
      expect((await engine.currentTrust())?.bundle.sequence, mode).to.equal(2);
    }
    expect(refusals).to.deep.equal(['bad-signature', 'unknown-key', 'unsigned', 'replayed', 'malformed']);
    expect(engine.status.trustError).to.match(/^malformed/);
    expect(updates).to.deep.equal([1, 2]);
  });

  it('a failing trust endpoint does not hold back the passages', async () => {
    const store = newStore();
    await store.recordPassage(passage());
    const engine = newEngine(store);
    await faults({ failNext: 1, only: '/trust-bundle' });
    expect(await engine.syncNow()).to.deep.include({ status: 'ok', synced: 1 });
    expect(engine.status.trustError).to.match(/^server/);
  });

  it('names the kiosk on trust fetches (X-Device-Id) so the command view knows which trust data it holds', async () => {
    const store = newStore();
    const named: (string | null)[] = [];
    // Observes and falls through to the demo backend's handler.
    worker.use(http.get('/api/trust-bundle', ({ request }) => {
      named.push(request.headers.get('X-Device-Id'));
    }));
    const engine = newEngine(store);
    await engine.refreshTrust();
    expect(named).to.deep.equal([(await store.device()).deviceId]);
    worker.resetHandlers();
  });
});

describe('clock skew', () => {
  it('measures server minus device time, flags it past 2 minutes and stamps it on new passages', async () => {
    const store = newStore();
    await store.recordPassage(passage());
    const engine = newEngine(store);
    await faults({ clockOffsetSeconds: 600 });
    await engine.syncNow();
    expect(Math.abs((engine.status.clockSkewMs ?? 0) - 600_000)).to.be.below(2000);
    expect(engine.status.clockSkewExceeded).to.equal(true);
    const stamped = await store.recordPassage(passage());
    expect(Math.abs((stamped.clockSkewMs ?? 0) - 600_000)).to.be.below(2000);

    await faults({ clockOffsetSeconds: 30 });
    await engine.syncNow();
    expect(engine.status.clockSkewExceeded).to.equal(false);
    expect(Math.abs((engine.status.clockSkewMs ?? 0) - 30_000)).to.be.below(2000);
  });
});

describe('one syncing tab, triggers and cleanup', () => {
  it('a Web Lock lets only one engine sync at a time', async () => {
    const name = `ck-sync-test-${uuidv7()}`;
    const storeA = newStore(name);
    const storeB = newStore(name);
    await storeA.recordPassages(Array.from({ length: 5 }, () => passage()));
    await faults({ delayMs: 200, only: '/passages' });
    const [a, b] = await Promise.all([newEngine(storeA).syncNow(), newEngine(storeB).syncNow()]);
    expect([a.status, b.status].sort()).to.deep.equal(['locked', 'ok']);
    await expectExactlyOnce(storeA);
  });

  it('syncs after a new passage, on the online event, and stops cleanly', async () => {
    const store = newStore();
    const engine = newEngine(store, { intervalMs: 60_000 });
    const statuses: SyncStatus[] = [];
    const unsubscribe = engine.subscribe((s) => statuses.push(s));
    engine.start();
    await until(() => engine.status.lastSyncAt !== null);
    await store.recordPassage(passage());
    engine.notifyPassageRecorded();
    await until(async () => (await store.counts()).synced === 1);

    await store.recordPassage(passage());
    window.dispatchEvent(new Event('online'));
    await until(async () => (await store.counts()).synced === 2);
    // The run ends (and emits its final counts) a moment after the last acknowledgement commits.
    await until(() => !engine.status.syncing);
    expect(statuses.some((s) => s.syncing)).to.equal(true);
    expect(statuses.at(-1)).to.deep.include({ pending: 0, syncing: false });

    engine.stop();
    const requestsAtStop = (await serverState()).requests['POST passages'] ?? 0;
    await store.recordPassage(passage());
    engine.notifyPassageRecorded();
    window.dispatchEvent(new Event('online'));
    await new Promise((r) => setTimeout(r, 300));
    expect((await serverState()).requests['POST passages'] ?? 0).to.equal(requestsAtStop);
    expect(await engine.syncNow()).to.deep.include({ status: 'error', code: 'stopped' });
    unsubscribe();
  });

  it('the timer retries after failures with backoff until the portal recovers', async () => {
    const store = newStore();
    await store.recordPassages([passage(), passage()]);
    const engine = newEngine(store, { intervalMs: 60_000, backoff: { baseMs: 50, maxMs: 200 } });
    await faults({ failNext: 4, only: '/passages' });
    engine.start();
    await until(async () => (await store.counts()).pending === 0);
    expect((await serverState()).hits.failed).to.equal(4);
    await expectExactlyOnce(store);
  });
});

describe('SyncEngine: the kiosk proves its own records before sending them', () => {
  /** A scripted portal for POST /passages (the demo backend's other routes stay): records every body. */
  function scriptedPassages(answer: (body: { records: { id: string; seq: number }[] }) => Record<string, unknown>): { bodies: Record<string, unknown>[] } {
    const bodies: Record<string, unknown>[] = [];
    worker.use(
      http.post('/api/passages', async ({ request }) => {
        const body = (await request.json()) as { records: { id: string; seq: number }[] };
        bodies.push(body as unknown as Record<string, unknown>);
        return HttpResponse.json({ serverTime: new Date().toISOString(), duplicate: [], rejected: [], ...answer(body) });
      }),
    );
    return { bodies };
  }

  afterEach(() => worker.resetHandlers());

  it('a deleted pending record raises a visible alarm, is reported once with the next batch, and the sync is never ok', async () => {
    const store = newStore();
    const records = await store.recordPassages([passage(), passage({ direction: 'out' }), passage(), passage({ direction: 'out' })]);
    await store.db.passages.delete(must(records[1]).id); // record 2 gone
    const portal = scriptedPassages((body) => ({
      accepted: body.records.filter((r) => r.seq !== 3).map((r) => r.id),
      held: body.records.filter((r) => r.seq === 3).map((r) => ({ id: r.id, code: 'pending-link' })),
      missing: [{ from: 2, to: 2 }],
    }));
    const engine = newEngine(store);
    const outcome = await engine.syncNow();
    expect(outcome.status).to.equal('error');
    expect(outcome.status === 'error' && outcome.code).to.equal('record-missing');
    expect(outcome.status === 'error' && outcome.message).to.equal('record 2 missing or changed — report to the supervisor');
    expect(portal.bodies).to.have.length(1);
    const alarms = portal.bodies[0]?.alarms as { code: string; fromSeq: number; toSeq: number; detectedAt: string }[];
    expect(alarms.map(({ code, fromSeq, toSeq }) => ({ code, fromSeq, toSeq }))).to.deep.equal([{ code: 'record-missing', fromSeq: 2, toSeq: 2 }]);
    const status = engine.status;
    expect(status.lastError).to.match(/^record-missing: record 2 missing/);
    expect(status.alarms?.[0]).to.include({ code: 'record-missing', fromSeq: 2, toSeq: 2 });
    expect(status.alarms?.[0]?.reportedAt).to.be.a('string');
    expect(status.serverMissing).to.deep.equal([{ from: 2, to: 2 }]);
    expect(status.held).to.equal(1);
    expect(await store.counts()).to.deep.equal({ pending: 0, synced: 3, quarantined: 0 }, 'held records are delivered');
    // The next sync finds the same gap: not reported again, still not ok.
    await store.recordPassage(passage());
    const again = await engine.syncNow();
    expect(again.status).to.equal('error');
    expect(portal.bodies).to.have.length(2);
    expect(portal.bodies[1]?.alarms).to.equal(undefined);
    expect(engine.status.alarms).to.have.length(1);
  });

  it('an edited pending record raises record-changed for exactly that record', async () => {
    const store = newStore();
    const records = await store.recordPassages([passage(), passage({ direction: 'out' }), passage()]);
    await store.db.passages.update(must(records[1]).id, { decision: 'deny' } as never);
    const portal = scriptedPassages((body) => ({ accepted: body.records.map((r) => r.id) }));
    const engine = newEngine(store);
    const outcome = await engine.syncNow();
    expect(outcome.status === 'error' && outcome.code).to.equal('record-changed');
    const alarms = portal.bodies[0]?.alarms as { code: string; fromSeq: number; toSeq: number }[];
    expect(alarms.map(({ code, fromSeq, toSeq }) => ({ code, fromSeq, toSeq }))).to.deep.equal([{ code: 'record-changed', fromSeq: 2, toSeq: 2 }]);
  });

  it('the newest record deleted (nothing left pending): the alarm still goes out, in a batch without records', async () => {
    const store = newStore();
    const records = await store.recordPassages([passage(), passage({ direction: 'out' })]);
    const portal = scriptedPassages((body) => ({ accepted: body.records.map((r) => r.id) }));
    const engine = newEngine(store);
    expect((await engine.syncNow()).status).to.equal('ok');
    await store.db.passages.delete(must(records[1]).id);
    await store.db.passages.put({ ...must(records[0]), state: 'synced' });
    const outcome = await engine.syncNow();
    expect(outcome.status === 'error' && outcome.code).to.equal('record-missing');
    const last = portal.bodies.at(-1);
    expect(last?.records).to.deep.equal([]);
    expect((last?.alarms as { fromSeq: number; toSeq: number }[])[0]).to.include({ fromSeq: 2, toSeq: 2 });
  });
});

