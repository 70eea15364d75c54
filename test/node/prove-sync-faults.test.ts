/// <reference types="node" />
// Sync faults over real HTTP (issue 7): a Vite dev server with the demo backend middleware, one
// Chromium, pages running the kiosk's own KioskStore + SyncEngine with a <ck-sync-status>
// (test/pages/prove-sync.ts). Each fault is injected with the backend's switches, playwright
// routing or the DevTools protocol; after each one:
//  - every passage recorded reaches the server exactly once (its device's sequence numbers are
//    all there, no gap, no record committed twice, the route lists each id once),
//  - the hash chain verifies (kiosk side; the server checks every link as it accepts),
//  - the officer is told what is wrong (the words <ck-sync-status> shows while it lasts).
// kiosk-faults.test.ts already drives the kiosk page itself through 500s, drops, lost answers,
// duplicate acknowledgements and a reload; this file covers what that one does not.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PassageBatchResult, PassRoute } from '../../src/api/contract';
import type { PassageInput } from '../../src/store/kiosk/outbox';
import type { SyncStatus } from '../../src/sync/sync-engine';
import type { OpenOptions } from '../pages/prove-sync';
import { must } from '../fixtures/must';
import { launchChromium } from '../tools/browser';
import { startViteServer, type RunningServer } from '../tools/vite-server';
import { api, issuePasses, travellers, until, type IssuedPass } from './kiosk-support';

let server: RunningServer;
let browser: Browser;
let passes: IssuedPass[];
let dbCount = 0;

interface ServerState {
  counts: { passages: number; duplicateCommits: number };
  hits: { failed: number; dropped: number; droppedAfterCommit: number; rateLimited: number; delayed: number };
  requests: Record<string, number>;
  device?: { count: number; minSeq: number | null; maxSeq: number | null; missingSeq: number };
}

const NO_FAULTS = { delayMs: 0, failNext: 0, dropNext: 0, dropResponseAfterCommit: 0, rateLimitNext: { n: 0, retryAfterSeconds: 1 }, clockOffsetSeconds: 0, trustBundle: null, only: '' };

async function faults(settings: Record<string, unknown>): Promise<void> {
  await api(server.url, '/__faults', { body: { ...NO_FAULTS, only: '/passages', ...settings } });
}

async function state(deviceId?: string): Promise<ServerState> {
  return api<ServerState>(server.url, `/__state${deviceId ? `?deviceId=${deviceId}` : ''}`);
}

/** A passage of one of the portal's passes (its real units, or the other pass's to be refused). */
function input(i: number, options: { wrongUnits?: boolean; checkpointId?: string } = {}): PassageInput {
  const pass = passes[i % passes.length] as IssuedPass;
  const other = passes[(i + 1) % passes.length] as IssuedPass;
  const units = options.wrongUnits ? other.declaration : pass.declaration;
  return {
    checkpointId: options.checkpointId ?? 'HN-PROVE-01', direction: i % 2 ? 'out' : 'in', passId: pass.passId,
    originUnit: units.origin.unitCode, destinationUnit: units.destination.unitCode, verdictStatus: 'valid', decision: 'allow', officerId: 'CA-PROVE-1',
  };
}

async function testPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${server.url}/test/pages/prove-sync.html`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  return page;
}

/** One kiosk tab on the test page. */
class Kiosk {
  constructor(readonly page: Page, readonly dbName: string) {}

  static async open(context: BrowserContext, options: OpenOptions & { dbName?: string } = {}): Promise<Kiosk> {
    const page = await testPage(context);
    const dbName = options.dbName ?? `ck-prove-sync-${process.pid}-${++dbCount}`;
    await page.evaluate(({ name, opts }) => window.ckProve?.open(name, opts), { name: dbName, opts: options });
    return new Kiosk(page, dbName);
  }

  deviceId = () => this.page.evaluate(() => window.ckProve?.deviceId() ?? '');
  status = () => this.page.evaluate(() => window.ckProve?.status() as SyncStatus);
  counts = () => this.page.evaluate(() => window.ckProve?.counts() ?? { pending: -1, synced: -1, quarantined: -1 });
  text = () => this.page.evaluate(() => window.ckProve?.statusText() ?? '');
  syncNow = () => this.page.evaluate(() => window.ckProve?.syncNow());

  async record(inputs: PassageInput[]): Promise<void> {
    const result = await this.page.evaluate((list) => window.ckProve?.record(list), inputs);
    assert.ok(result?.ok, `record failed: ${JSON.stringify(result)}`);
  }

  /** Waits until the officer's status panel says `words` (while the fault lasts). */
  async told(words: RegExp, timeoutMs = 15_000): Promise<string> {
    let last = '';
    await until(async () => words.test((last = await this.text())), timeoutMs, `the officer was not told ${words}: "${last}"`);
    return last;
  }

  async synced(timeoutMs = 20_000): Promise<void> {
    await until(async () => (await this.counts()).pending === 0, timeoutMs, `${this.dbName}: passages still pending`);
  }
}

/**
 * The invariant: the server holds each synced record exactly once (no sequence gap except the
 * quarantined ones, nothing committed twice, each id once on the routes), the kiosk's chain
 * verifies from its first record, and the kiosk has nothing pending.
 */
async function assertExactlyOnce(kiosk: Kiosk, expected: { total: number; quarantined?: number }): Promise<void> {
  const quarantined = expected.quarantined ?? 0;
  const deviceId = await kiosk.deviceId();
  assert.deepEqual(await kiosk.counts(), { pending: 0, synced: expected.total - quarantined, quarantined });
  const chain = await kiosk.page.evaluate(() => window.ckProve?.verifyChain());
  assert.ok(chain?.ok && chain.checked === expected.total, `kiosk chain: ${JSON.stringify(chain)}`);
  const local = await kiosk.page.evaluate(() => window.ckProve?.records() ?? []);
  const synced = local.filter((r) => r.state === 'synced');
  const s = await state(deviceId);
  assert.equal(s.counts.duplicateCommits, 0, 'a record was committed twice');
  assert.equal(s.device?.count, synced.length, 'server count');
  assert.equal(s.device?.missingSeq, local.filter((r) => r.state === 'quarantined' && r.seq > Math.min(...synced.map((x) => x.seq)) && r.seq < Math.max(...synced.map((x) => x.seq))).length, 'sequence gaps are only the quarantined records');
  const onServer: string[] = [];
  for (const passId of new Set(local.map((r) => r.passId))) {
    const route = await api<PassRoute>(server.url, `/passes/${passId}/route`);
    onServer.push(...route.passages.filter((p) => p.deviceId === deviceId).map((p) => p.id));
  }
  assert.deepEqual(onServer.sort(), synced.map((r) => r.id).sort(), 'the routes hold each synced record once');
}

/**
 * Counts `POST /api/passages` requests the server holds at once: from arrival to the call that
 * ends the answer (before anything reaches the client). `stop()` detaches and reports.
 */
function batchesOnTheWire(): { stop(): { batches: number; most: number } } {
  const http = must(server.server.httpServer);
  let open = 0;
  let most = 0;
  let batches = 0;
  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'POST' || !request.url?.endsWith('/api/passages')) return;
    batches++;
    most = Math.max(most, ++open);
    let closed = false;
    const close = () => {
      if (!closed) open--;
      closed = true;
    };
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    response.end = ((...args: unknown[]) => {
      close();
      return end(...args);
    }) as ServerResponse['end'];
    response.once('close', close);
  };
  http.prependListener('request', onRequest);
  return {
    stop() {
      http.off('request', onRequest);
      return { batches, most };
    },
  };
}

describe('sync faults over real HTTP', { timeout: 240_000 }, () => {
  before(async () => {
    server = await startViteServer();
    await api(server.url, '/__reset', { body: { seed: false } });
    passes = await issuePasses(server.url, travellers().slice(0, 2));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('500s, then 429 with Retry-After: the officer sees each, the wait is honoured, exactly once', async () => {
    const context = await browser.newContext();
    const kiosk = await Kiosk.open(context);
    await faults({ failNext: 1000, status: 500 });
    await kiosk.record([0, 1, 2, 3, 4].map((i) => input(i)));
    await kiosk.told(/Last sync failed: the server failed/);
    assert.ok((await kiosk.status()).nextAttemptAt, 'the next try is announced');
    assert.equal((await kiosk.counts()).pending, 5);

    // 429 with Retry-After: 2 — nothing may be sent before the two seconds are over.
    const posts: number[] = [];
    let limitedAt = 0;
    kiosk.page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/passages') && posts.push(Date.now()));
    kiosk.page.on('response', (r) => r.status() === 429 && (limitedAt = Date.now()));
    await faults({ rateLimitNext: { n: 1, retryAfterSeconds: 2 } });
    await kiosk.told(/the server is busy and asked to wait/);
    assert.equal((await kiosk.syncNow())?.status, 'deferred', 'even "sync now" waits for Retry-After');
    await kiosk.synced();
    const next = posts.find((t) => t > limitedAt);
    assert.ok(limitedAt > 0 && next !== undefined && next - limitedAt >= 1900, `resent ${next === undefined ? 'never' : next - limitedAt} ms after the 429`);
    await assertExactlyOnce(kiosk, { total: 5 });
    await context.close();
  });

  it('a timeout with a late acknowledgement, a connection reset mid-request, an answer lost after commit', async () => {
    const context = await browser.newContext();
    const kiosk = await Kiosk.open(context, { requestTimeoutMs: 800 });
    const replayed: boolean[] = [];
    kiosk.page.on('response', (r) => r.url().endsWith('/api/passages') && r.status() === 200 && replayed.push(r.headers()['idempotent-replayed'] === 'true'));
    const before = await state();

    // The portal answers after 2 s, the kiosk gives up after 0.8 s and resends; the first
    // request is still processed (and its answer, arriving late, goes nowhere).
    await faults({ delayMs: 2000 });
    await kiosk.record([0, 1, 2, 3].map((i) => input(i)));
    await kiosk.told(/the server did not answer in time/);
    await faults({});
    await kiosk.synced();
    await until(async () => (await state()).hits.delayed > before.hits.delayed, 5000, 'no request was delayed');
    await new Promise((r) => setTimeout(r, 2200)); // let the late request reach the portal too
    await assertExactlyOnce(kiosk, { total: 4 });

    // The connection is reset while the request waits for its answer (no status line at all).
    await faults({ delayMs: 300, dropNext: 1000 });
    await kiosk.record([4, 5, 6].map((i) => input(i)));
    await kiosk.told(/the server could not be reached/);
    await faults({});
    await kiosk.synced();
    await assertExactlyOnce(kiosk, { total: 7 });

    // The portal commits, then the answer is lost: the same batch goes again under the same
    // Idempotency-Key and the portal replays its answer instead of committing twice.
    replayed.length = 0;
    await faults({ dropResponseAfterCommit: 1 });
    await kiosk.record([7, 8, 9].map((i) => input(i)));
    await kiosk.synced();
    assert.ok(replayed.includes(true), `a replayed answer arrived (${JSON.stringify(replayed)})`);
    await assertExactlyOnce(kiosk, { total: 10 });
    const after = await state();
    assert.ok(after.hits.droppedAfterCommit > before.hits.droppedAfterCommit && after.hits.dropped > before.hits.dropped);
    await context.close();
  });

  it('partial acceptance and duplicate acknowledgements: refused records are quarantined and shown, unanswered ones resent', async () => {
    const context = await browser.newContext();
    const kiosk = await Kiosk.open(context, { start: false });
    // The first answer is rewritten as a portal under load might send it: one accepted id left
    // out (it must stay pending and go again) and one reported as a duplicate.
    let rewritten = false;
    await kiosk.page.route('**/api/passages', async (route) => {
      const response = await route.fetch();
      if (rewritten || response.status() !== 200) return route.fulfill({ response });
      rewritten = true;
      const body = (await response.json()) as PassageBatchResult;
      const [first, ...rest] = body.accepted;
      const answer = { ...body, accepted: rest.slice(0, -1), duplicate: [...body.duplicate, ...(first ? [first] : [])] };
      return route.fulfill({ response, json: answer });
    });
    await kiosk.record([input(0), input(1), input(2, { wrongUnits: true }), input(3), input(4)]);
    const outcome = await kiosk.syncNow();
    assert.equal(outcome?.status, 'ok');
    assert.ok(rewritten);
    // The unanswered record went out again on its own (a later run): then nothing is pending.
    await kiosk.page.evaluate(() => window.ckProve?.syncNow());
    await kiosk.synced();
    await kiosk.told(/1 refused by the server/);
    const quarantined = await kiosk.page.evaluate(async () => (await window.ckProve?.records())?.filter((r) => r.state === 'quarantined'));
    assert.equal(quarantined?.length, 1);
    assert.match(quarantined?.[0]?.quarantineReason ?? '', /^unit-mismatch: /);
    await assertExactlyOnce(kiosk, { total: 5, quarantined: 1 });
    await context.close();
  });

  it('a server clock hours off: the skew is shown and recorded on each new passage', async () => {
    const context = await browser.newContext();
    const kiosk = await Kiosk.open(context);
    // The opening sync's answers (real clock) must be in before the clock fault, or one arriving
    // late on a loaded machine re-anchors the kiosk to the real time after the faulted answer.
    await until(async () => (await kiosk.status()).trustSequence !== null && !(await kiosk.status()).syncing, 20_000, 'opening sync');
    await faults({ clockOffsetSeconds: -3 * 3600, only: '' });
    await kiosk.record([input(0)]);
    await kiosk.synced();
    const status = await kiosk.status();
    assert.ok(status.clockSkewMs !== null && Math.abs(status.clockSkewMs + 3 * 3_600_000) < 5000, `skew ${status.clockSkewMs}`);
    assert.equal(status.clockSkewExceeded, true);
    await kiosk.told(/The device clock is 3 h ahead of the server/);
    await kiosk.record([input(1), input(2)]);
    await kiosk.synced();
    const local = await kiosk.page.evaluate(() => window.ckProve?.records() ?? []);
    // The two passages recorded after the measurement carry it.
    for (const r of local.slice(1)) assert.ok(Math.abs((r.clockSkewMs ?? 0) + 3 * 3_600_000) < 5000, `recorded skew ${r.clockSkewMs}`);
    // The portal received the skew with each passage (for route tracing with corrected times).
    const route = await api<PassRoute>(server.url, `/passes/${passes[1]?.passId}/route`);
    const ours = route.passages.find((p) => p.id === local[1]?.id);
    assert.ok(ours && Math.abs((ours.clockSkewMs ?? 0) + 3 * 3_600_000) < 5000, JSON.stringify(ours));
    await faults({ only: '' });
    await assertExactlyOnce(kiosk, { total: 3 });
    await context.close();
  });

  it('two kiosk tabs at once: one syncer (Web Lock), one chain, exactly once', async () => {
    const context = await browser.newContext();
    const first = await Kiosk.open(context);
    const second = await Kiosk.open(context, { dbName: first.dbName });
    // Batches on the wire across both tabs, counted where they meet: at the server, from a
    // batch's arrival to the moment its answer is handed to the socket (a tab cannot send its
    // next batch before that). The browser's per-page request timings are not comparable
    // across renderer processes to the millisecond.
    const wire = batchesOnTheWire();
    await faults({ delayMs: 400 });
    const outcomes: string[] = [];
    for (let round = 0; round < 3; round++) {
      await Promise.all([first.record([input(round * 4), input(round * 4 + 1)]), second.record([input(round * 4 + 2), input(round * 4 + 3)])]);
      const both = await Promise.all([first.syncNow(), second.syncNow()]);
      outcomes.push(...both.map((o) => o?.status ?? 'none'));
    }
    assert.ok(outcomes.includes('locked'), `one tab found the other syncing: ${outcomes.join(', ')}`);
    await faults({});
    await first.synced();
    const { batches, most } = wire.stop();
    // How many batches three rounds make depends on timing (registration and trust refresh come
    // first, and later rounds may join a batch still being built); what must hold is that they
    // never overlap, that one tab was turned away by the lock, and exactly-once below.
    assert.ok(batches >= 1, `batches sent: ${batches}`);
    assert.equal(most, 1, `${most} batches on the wire at once (of ${batches})`);
    assert.equal(await first.deviceId(), await second.deviceId(), 'one device identity');
    await assertExactlyOnce(first, { total: 12 });
    await context.close();
  });

  it('a tab closed mid-sync (no unload handlers run) and a reload mid-sync: the persisted batch is resent, exactly once', async () => {
    const context = await browser.newContext();
    let kiosk = await Kiosk.open(context);
    const keys: string[] = [];
    context.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/passages') && keys.push(r.headers()['idempotency-key'] ?? ''));
    for (const how of ['close', 'reload'] as const) {
      const sentBefore = (await state()).requests['POST passages'] ?? 0;
      await faults({ delayMs: 1500 });
      keys.length = 0;
      await kiosk.record([0, 1, 2, 3].map((i) => input(i)));
      await until(async () => ((await state()).requests['POST passages'] ?? 0) > sentBefore, 10_000, 'the batch never went out');
      await faults({});
      if (how === 'close') {
        // As a crash or a killed tab: no beforeunload/pagehide work, the request just dies.
        await kiosk.page.close({ runBeforeUnload: false });
        kiosk = await Kiosk.open(context, { dbName: kiosk.dbName });
      } else {
        await kiosk.page.reload();
        await kiosk.page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
        await kiosk.page.evaluate((name) => window.ckProve?.open(name), kiosk.dbName);
      }
      await kiosk.synced();
      assert.ok(keys.length >= 2 && keys[1] === keys[0], `${how}: the same batch (same Idempotency-Key) went again: ${keys.join(', ')}`);
    }
    await new Promise((r) => setTimeout(r, 1600)); // the delayed first requests reach the portal too
    await assertExactlyOnce(kiosk, { total: 8 });
    await context.close();
  });

  it('storage quota exhausted: a clear error, nothing stored is lost, sync resumes when space is back', async () => {
    const context = await browser.newContext();
    // The quota must be in place before the origin first stores anything in this context (the
    // override lives as long as this DevTools session, so its page stays open).
    const cdp = await context.newCDPSession(await context.newPage());
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url, quotaSize: 200_000 });
    const kiosk = await Kiosk.open(context, { start: false });
    let total = 0;
    let failure: { ok: false; name: string; code: string | undefined; message: string } | undefined;
    for (let round = 0; round < 80 && !failure; round++) {
      const inputs = Array.from({ length: 20 }, (_, i) => input(total + i));
      const result = await kiosk.page.evaluate((list) => window.ckProve?.record(list), inputs);
      if (result?.ok) total += inputs.length;
      else failure = result as typeof failure;
    }
    assert.ok(failure, 'the quota was never reached');
    assert.ok(total > 0, 'some passages were stored before the disk filled');
    assert.equal(failure.code, 'storage-full');
    assert.match(failure.message, /Storage is full.*Existing records are safe/);
    const snapshot = async () => (await kiosk.page.evaluate(() => window.ckProve?.records() ?? [])).map((r) => `${r.seq}:${r.hash}:${r.state}`);
    const kept = await snapshot();
    assert.equal(kept.length, total, 'every passage written before the failure is there');
    // Sync cannot even write its bookkeeping: the officer is told the storage is full.
    const outcome = await kiosk.syncNow();
    assert.equal(outcome?.status === 'error' && outcome.code, 'storage-full', JSON.stringify(outcome));
    await kiosk.told(/Last sync failed: the device storage is full/);
    assert.deepEqual(await snapshot(), kept, 'nothing already stored was lost or changed');
    assert.ok((await kiosk.page.evaluate(() => window.ckProve?.verifyChain()))?.ok);
    // Space is back: the next passage is stored and everything syncs, once.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url });
    await kiosk.record([input(total)]);
    total += 1;
    assert.equal((await kiosk.syncNow())?.status, 'ok');
    await assertExactlyOnce(kiosk, { total });
    await context.close();
  });

  it('IndexedDB blocked by an old tab during an upgrade: "close the other windows", then no data lost', async () => {
    const context = await browser.newContext();
    const old = await testPage(context);
    const dbName = `ck-prove-blocked-${process.pid}`;
    const written = await old.evaluate(({ name, inputs }) => window.ckProve?.openOldVersion(name, 5, inputs), { name: dbName, inputs: [0, 1, 2].map((i) => input(i)) });
    assert.equal(written?.ids.length, 3);
    const kiosk = await Kiosk.open(context, { dbName });
    await kiosk.told(/close the other windows of this page/i);
    const status = await kiosk.status();
    assert.match(status.lastError ?? '', /^storage-blocked: /);
    assert.equal(status.syncing, false, 'not pretending to sync');
    assert.equal((await kiosk.syncNow())?.status, 'error');
    // The officer closes the old tab: the upgrade runs, the old tab's records are all there,
    // in its chain, under its device identity, and they sync once.
    await old.close();
    await kiosk.synced();
    assert.equal(await kiosk.deviceId(), written?.deviceId);
    assert.equal((await kiosk.status()).lastError, null);
    await assertExactlyOnce(kiosk, { total: 3 });
    await context.close();
  });
});
