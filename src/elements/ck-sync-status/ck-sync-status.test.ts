import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createDemoBackend, type DemoBackend } from '../../../demo/backend/backend';
import { DEMO_TRUST_ANCHOR_PUBLIC_JWKS } from '../../../demo/backend/demo-keys';
import { createDemoHandlers } from '../../../demo/backend/msw-handlers';
import { referenceDeclaration } from '../../../test/fixtures/reference';
import { manualCode } from '../../core/manual-code';
import { KioskStore } from '../../store/kiosk/kiosk-store';
import type { StoredPassage } from '../../store/kiosk/db';
import { SyncEngine, type SyncOutcome, type SyncStatus } from '../../sync/sync-engine';
import './ck-sync-status';
import type { CkSyncStatus, QuarantineSource } from './ck-sync-status.component';
import type { SyncSource } from './sync-status-controller';
import { $, $$, must } from '../../../test/fixtures/dom';

/** A stand-in engine: the test sets each status the element must show. */
class FakeEngine implements SyncSource {
  listeners = new Set<(s: SyncStatus) => void>();
  calls = 0;
  outcome: SyncOutcome = { status: 'ok', sent: 2, synced: 2, quarantined: 0 };
  status: SyncStatus = {
    online: true, pending: 0, quarantined: 0, lastSyncAt: null, lastError: null, trustAge: 60, trustSequence: 1,
    trustError: null, clockSkewMs: 800, clockSkewExceeded: false, syncing: false, progress: null, nextAttemptAt: null,
  };

  subscribe(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  set(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const l of this.listeners) l(this.status);
  }

  async syncNow(): Promise<SyncOutcome> {
    this.calls++;
    return this.outcome;
  }
}

const text = (el: CkSyncStatus) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');

describe('<ck-sync-status>', () => {
  it('says it has no engine, then shows online, pending, last sync, trust age and clock', async () => {
    const el = await fixture<CkSyncStatus>(html`<ck-sync-status lang="en"></ck-sync-status>`);
    expect(text(el)).to.contain('No sync engine connected');
    const engine = new FakeEngine();
    engine.status.lastSyncAt = new Date(Date.now() - 5 * 60_000).toISOString();
    engine.status.pending = 4;
    el.engine = engine;
    await el.updateComplete;
    const t = text(el);
    expect(t).to.contain('Online');
    expect(t).to.contain('4 waiting to send');
    expect(t).to.contain('0 refused by the server');
    expect(t).to.match(/Last successful sync: .*5 minutes ago/);
    expect(t).to.contain('Trust data (keys, revocations, risk areas) issued');
    expect(t).to.contain('Device clock matches the server');
    await expect(el).to.be.accessible();
  });

  it('warns about offline, stale trust, refused trust, clock skew and the last error — in words', async () => {
    const engine = new FakeEngine();
    const el = await fixture<CkSyncStatus>(html`<ck-sync-status lang="en" .engine=${engine}></ck-sync-status>`);
    engine.set({
      online: false, trustAge: 50 * 3600, trustError: 'bad-signature: nope', clockSkewMs: -185_000, clockSkewExceeded: true,
      lastError: 'network: The server could not be reached.', nextAttemptAt: new Date(Date.now() + 30_000).toISOString(),
    });
    await el.updateComplete;
    const t = text(el);
    expect(t).to.contain('Offline — passages are still kept on this device');
    expect(el.shadowRoot?.querySelector('[data-warning="stale-trust"]')?.textContent).to.contain('more than 48 hours old');
    expect(el.shadowRoot?.querySelector('[data-warning="trust-acknowledged"]')).to.equal(null);
    el.trustAcknowledgement = { acknowledgedAt: new Date().toISOString(), sequence: 5, issuedAt: '2026-11-01T00:00:00.000Z' };
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('[data-warning="trust-acknowledged"]')?.textContent).to.contain('continue with old trust data (bundle no. 5)');
    expect($(el, '[data-warning="trust-refused"]').textContent).to.contain('was refused');
    // skew = server − device < 0: the device runs ahead.
    expect(el.shadowRoot?.querySelector('[data-warning="clock-skew"]')?.textContent).to.contain('3 min 5 s ahead of the server');
    expect(el.shadowRoot?.querySelector('[data-warning="last-error"]')?.textContent).to.contain('the server could not be reached');
    expect(t).to.contain('Next automatic try at');

    el.setAttribute('lang', 'vi');
    await waitUntil(() => text(el).includes('Mất mạng'), 'did not switch to Vietnamese at runtime');
    expect(el.shadowRoot?.querySelector('[data-warning="clock-skew"]')?.textContent).to.contain('nhanh 3 phút 5 giây');
    await expect(el).to.be.accessible();
  });

  it('shows the kiosk’s own chain alarms, the portal’s missing ranges and held records', async () => {
    const engine = new FakeEngine();
    const el = await fixture<CkSyncStatus>(html`<ck-sync-status lang="en" .engine=${engine}></ck-sync-status>`);
    expect(el.shadowRoot?.querySelector('[data-warning="alarm"]')).to.equal(null);
    engine.set({
      alarms: [
        { code: 'record-missing', fromSeq: 41, toSeq: 41, detectedAt: '2026-12-01T10:00:00.000Z', reportedAt: '2026-12-01T10:00:02.000Z' },
        { code: 'record-changed', fromSeq: 50, toSeq: 52, detectedAt: '2026-12-01T11:00:00.000Z' },
      ],
      serverMissing: [{ from: 41, to: 41 }, { from: 60, to: 62 }],
      held: 3,
      lastError: 'record-missing: record 41 missing or changed — report to the supervisor',
    });
    await el.updateComplete;
    const alarms = $$(el, '[data-warning="alarm"]').map((p) => p.textContent ?? '');
    expect(alarms[0]).to.contain('Record 41 missing or changed — report to the supervisor. Reported to the portal.');
    expect(alarms[1]).to.contain('Records 50–52 missing or changed').and.contain('with the next sync');
    expect($(el, '[data-warning="server-missing"]').textContent).to.contain('records 41, 60–62');
    expect($(el, '[data-warning="held"]').textContent).to.contain('3 passages held');
    el.setAttribute('lang', 'vi');
    await waitUntil(() => text(el).includes('Bản ghi 41 bị mất hoặc bị sửa'), 'no Vietnamese alarm');
    await expect(el).to.be.accessible();
  });

  it('"sync now" runs the engine, shows progress while syncing and the outcome after', async () => {
    const engine = new FakeEngine();
    const el = await fixture<CkSyncStatus>(html`<ck-sync-status lang="en" .engine=${engine}></ck-sync-status>`);
    engine.set({ syncing: true, progress: { sent: 500, total: 1200 }, pending: 700 });
    await el.updateComplete;
    const button = $<HTMLButtonElement>(el, '[part="sync-button"]');
    expect(button.disabled).to.equal(true);
    expect(button.textContent).to.contain('Syncing');
    const progress = $<HTMLProgressElement>(el, 'progress');
    expect(progress.value).to.equal(500);
    expect(progress.max).to.equal(1200);
    expect(text(el)).to.contain('500 of 1200 sent');
    engine.set({ syncing: false, progress: null, pending: 0 });
    await el.updateComplete;
    expect(button.disabled).to.equal(false);
    button.click();
    await waitUntil(() => text(el).includes('Sync done: 2 sent'), 'no outcome shown');
    expect(engine.calls).to.equal(1);
    engine.outcome = { status: 'error', code: 'server', message: 'x', retryAt: null };
    button.click();
    await waitUntil(() => text(el).includes('Sync did not complete: the server failed'), 'no failure shown');
    // Minimum touch target.
    expect(button.getBoundingClientRect().height).to.be.at.least(44);
  });

  it('stops listening when disconnected and follows a replaced engine only', async () => {
    const first = new FakeEngine();
    const el = await fixture<CkSyncStatus>(html`<ck-sync-status lang="en" .engine=${first}></ck-sync-status>`);
    expect(first.listeners.size).to.equal(1);
    const second = new FakeEngine();
    el.engine = second;
    await el.updateComplete;
    expect(first.listeners.size).to.equal(0);
    expect(second.listeners.size).to.equal(1);
    first.set({ pending: 99 });
    await el.updateComplete;
    expect(text(el)).not.to.contain('99 waiting');
    el.remove();
    expect(second.listeners.size).to.equal(0);
  });

  it('lists refused passages with the server’s reason and sends them again', async () => {
    const rows = [
      { id: '01936b1e-5f00-7000-8000-000000000001', seq: 7, at: new Date().toISOString(), passId: 'dGVzdC1wYXNzLWlkLTAwMDAwMQ', direction: 'in', quarantineReason: 'unit-mismatch: origin/destination unit codes differ' },
      { id: '01936b1e-5f00-7000-8000-000000000002', seq: 8, at: new Date().toISOString(), manualCode: '7K3QZ-M9X2D', direction: 'out', quarantineReason: 'chain-broken: prevHash does not match' },
    ] as unknown as StoredPassage[];
    const requeued: string[][] = [];
    const store: QuarantineSource = {
      quarantined: async () => rows,
      requeue: async (ids: readonly string[]) => {
        requeued.push([...ids]);
        return ids.length;
      },
    };
    const engine = new FakeEngine();
    engine.status.quarantined = 2;
    const el = await fixture<CkSyncStatus>(html`<ck-sync-status lang="en" .engine=${engine} .store=${store}></ck-sync-status>`);
    const toggle = must($$(el, 'button').find((b) => b.textContent?.includes('Show refused')), 'toggle');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await waitUntil(() => $$(el, 'tbody tr').length === 2, 'list not shown');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const table = $(el, 'table').textContent ?? '';
    expect(table).to.contain('unit-mismatch: origin/destination unit codes differ');
    expect(table).to.contain(manualCode('dGVzdC1wYXNzLWlkLTAwMDAwMQ'));
    expect(table).to.contain('manual code 7K3QZ-M9X2D');
    await expect(el).to.be.accessible();
    must($$(el, 'button').find((b) => b.textContent?.includes('Send these again')), 'requeue').click();
    await waitUntil(() => requeued.length === 1 && engine.calls === 1, 'not requeued');
    expect(requeued[0]).to.deep.equal(rows.map((r) => r.id));
  });

  describe('with a real SyncEngine and the demo backend (msw)', () => {
    let backend: DemoBackend;
    const worker = setupWorker();
    before(async () => {
      backend = await createDemoBackend({ base: '/api' });
      worker.use(...createDemoHandlers(backend));
      await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
    });
    after(() => worker.stop());

    it('shows the server’s refusal of a record in the quarantine list', async () => {
      const issued = await (await fetch('/api/declarations', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(referenceDeclaration()) })).json() as { passId: string };
      const store = new KioskStore(`ck-sync-status-${crypto.randomUUID()}`);
      const engine = new SyncEngine({ store, apiBase: '/api', checkpointId: 'HN-T-09', trustAnchor: DEMO_TRUST_ANCHOR_PUBLIC_JWKS });
      try {
        // Units that differ from the pass's declaration: the portal refuses the record.
        await store.recordPassage({ checkpointId: 'HN-T-09', direction: 'in', passId: issued.passId, originUnit: '00001', destinationUnit: '00157', verdictStatus: 'valid', decision: 'allow', officerId: 'CA-9' });
        engine.start();
        const el = await fixture<CkSyncStatus>(html`<ck-sync-status lang="en" .engine=${engine} .store=${store}></ck-sync-status>`);
        await waitUntil(() => el.status?.quarantined === 1 && !el.status.syncing, 'never quarantined', { timeout: 10_000 });
        must($$(el, 'button').find((b) => b.textContent?.includes('Show refused')), 'toggle').click();
        await waitUntil(() => el.shadowRoot?.querySelector('td.reason')?.textContent?.includes('unit-mismatch'), 'reason not shown');
        expect(text(el)).to.contain('1 refused by the server');
      } finally {
        engine.stop();
        await store.destroy();
      }
    });
  });
});
