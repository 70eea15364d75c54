import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { setupWorker } from 'msw/browser';
import { createDemoBackend, type DemoBackend } from '../../../demo/backend/backend';
import { DEMO_ISSUER, DEMO_ISSUER_PUBLIC_JWKS, DEMO_TRUST_ANCHOR_PRIVATE_JWK, DEMO_TRUST_ANCHOR_PUBLIC_JWKS } from '../../../demo/backend/demo-keys';
import { createDemoHandlers } from '../../../demo/backend/msw-handlers';
import { referenceDeclaration } from '../../../test/fixtures/reference';
import type { AdministrativeUnit } from '../../api/units';
import type { Declaration } from '../../core/declaration';
import { manualCode } from '../../core/manual-code';
import { PASSAGE_KEYS, type PassageRecord } from '../../core/passage-record';
import { createTrustBundle, readTrustBundle } from '../../core/trust-bundle';
import { createTrustStore } from '../../core/trust-store';
import { verifyPass } from '../../core/verify';
import { StorageFullError } from '../../store/kiosk/errors';
import { KioskStore } from '../../store/kiosk/kiosk-store';
import type { CkScanner } from '../ck-scanner/ck-scanner.component';
import './ck-checkpoint';
import type { CkCheckpoint } from './ck-checkpoint.component';
import { $, $$, must } from '../../../test/fixtures/dom';
import { fakeIdCard, referenceHolderCard } from '../../../test/fixtures/id-cards';

let backend: DemoBackend;
const worker = setupWorker();

const UNITS: AdministrativeUnit[] = [
  { code: '01', name: 'Thành phố Hà Nội', parentCode: null, level: 'province' },
  { code: '27', name: 'Tỉnh Bắc Ninh', parentCode: null, level: 'province' },
  { code: '00070', name: 'Phường Hàng Trống', parentCode: '01', level: 'ward' },
  { code: '09289', name: 'Xã Ngọc Xá', parentCode: '27', level: 'commune' },
];

before(async () => {
  // The demo portal in the page (msw): seeded, so its signed trust bundle lists risk areas
  // (09289 high since five days ago).
  backend = await createDemoBackend({ base: '/api', seed: true });
  worker.use(...createDemoHandlers(backend));
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
});
after(() => worker.stop());

async function issue(patch: Partial<Declaration> = {}): Promise<{ text: string; passId: string; declaration: Declaration }> {
  const declaration = { ...referenceDeclaration(), ...patch };
  const response = await fetch('/api/declarations', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(declaration) });
  if (response.status !== 201) throw new Error(`declaration refused: ${await response.text()}`);
  const body = (await response.json()) as { pass: string; passId: string };
  return { text: body.pass, passId: body.passId, declaration };
}

const fromRiskArea: Partial<Declaration> = {
  fullName: 'Trần Văn Bình', idNumber: '027078004321', dateOfBirth: '1978-11-02', gender: 'male',
  origin: { provinceCode: '27', unitCode: '09289', address: 'Thôn Ngọc Xá, Quế Võ, Bắc Ninh' },
  destination: { provinceCode: '01', unitCode: '00070', address: '5 Lý Quốc Sư, Hoàn Kiếm, Hà Nội' },
};

async function mount(extra: { lang?: string; rescan?: number; idle?: number; units?: AdministrativeUnit[] } = {}): Promise<CkCheckpoint> {
  const el = await fixture<CkCheckpoint>(html`<ck-checkpoint
    checkpoint-id="HN-TEST-01"
    officer-id="CA-TEST-1"
    api-base="/api"
    store-name=${`ck-checkpoint-test-${crypto.randomUUID()}`}
    lang=${extra.lang ?? 'vi'}
    rescan-seconds=${extra.rescan ?? 120}
    vehicle-idle-seconds=${extra.idle ?? 120}
    no-autostart
    muted
    .trustAnchor=${DEMO_TRUST_ANCHOR_PUBLIC_JWKS}
    .units=${extra.units}
  ></ck-checkpoint>`);
  await waitUntil(() => scanner(el).trust !== undefined, 'trust data never loaded', { timeout: 10_000 });
  return el;
}

function scanner(el: CkCheckpoint): CkScanner {
  return $(el, 'ck-scanner');
}

/** What <ck-scanner> emits for a code read by the camera (verified with the element's trust). */
async function scan(el: CkCheckpoint, text: string): Promise<void> {
  const trust = await createTrustStore(must(scanner(el).trust, 'trust'));
  const verdict = await verifyPass(text, trust, { lang: 'vi' });
  scanner(el).dispatchEvent(new CustomEvent('ck-scan', {
    detail: { text, verdict, source: 'camera', timings: { decodeMs: 5, verifyMs: 1, totalMs: 8 } }, bubbles: true, composed: true,
  }));
  await el.settled;
  await el.updateComplete;
}

const panel = (el: CkCheckpoint) => [...(el.shadowRoot?.querySelectorAll('.verdict, .verdict-details') ?? [])].map((e) => e.textContent ?? '').join(' ').replace(/\s+/g, ' ');
const store = (el: CkCheckpoint) => must(el.kioskStore, 'kiosk store');
const records = (el: CkCheckpoint) => store(el).recentPassages(1000);

async function cleanup(el: CkCheckpoint): Promise<void> {
  const store = el.kioskStore;
  el.remove();
  // The element closes its store once pending writes settle; delete the database after that.
  await el.settled;
  await new Promise((resolve) => setTimeout(resolve, 0));
  await store?.destroy();
}

/**
 * Changes one character inside the signature (container bytes 33–96 after the 1-byte tag and
 * the 32-byte kid: base41 characters ~55–145) until the core calls it a bad signature; the
 * claims stay readable, as in a forgery that copies a pass and re-signs it with another key.
 */
async function tamper(el: CkCheckpoint, text: string): Promise<string> {
  const trust = await createTrustStore(must(scanner(el).trust, 'trust'));
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$%*+-./:';
  for (let i = 80; i < 130; i++) {
    for (const ch of alphabet) {
      const candidate = text.slice(0, i) + ch + text.slice(i + 1);
      if (ch !== text[i] && (await verifyPass(candidate, trust)).status === 'bad-signature') return candidate;
    }
  }
  throw new Error('no tampered variant found');
}

describe('<ck-checkpoint>', () => {
  it('a valid pass: status in words and icon, ID-card fields first, recorded at once with "allow"', async () => {
    const el = await mount({ units: UNITS });
    try {
      const pass = await issue();
      const recorded = oneEvent(el, 'ck-passage-recorded');
      await scan(el, pass.text);
      const record = (await recorded).detail as PassageRecord;
      expect(record.passId).to.equal(pass.passId);
      expect(record.decision).to.equal('allow');
      expect(record.verdictStatus).to.equal('valid');
      expect(record.direction).to.equal('in');
      expect(record.checkpointId).to.equal('HN-TEST-01');
      expect(record.officerId).to.equal('CA-TEST-1');
      expect([record.originUnit, record.destinationUnit]).to.deep.equal(['00070', '09289']);
      // The record carries no personal data: only the documented keys, no name, ID or birth date.
      for (const key of Object.keys(record)) expect([...PASSAGE_KEYS, 'state', 'createdAt']).to.include(key);
      expect(JSON.stringify(await records(el))).not.to.match(/Nguyễn|001190012345|1990-05-17/);

      const status = $(el, '[part="status"]');
      expect(status.textContent).to.contain('✓');
      expect(status.textContent).to.contain('HỢP LỆ');
      expect(status.textContent).to.contain('Hãy đối chiếu họ tên');
      const identity = $(el, '[part~="identity"]');
      expect(must(identity.querySelector('[data-field="full-name"]')).textContent).to.equal('Nguyễn Thị Minh Khai');
      expect(must(identity.querySelector('[data-field="id-number"]')).textContent).to.equal('001190012345');
      expect(must(identity.querySelector('[data-field="date-of-birth"]')).textContent).to.equal('17/05/1990');
      // ID-card fields come before health, route and the rest.
      const health = $(el, '[part="health"]');
      const details = $(el, '.verdict-details [part="details"]');
      expect(identity.compareDocumentPosition(health) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
      expect(health.compareDocumentPosition(details) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
      expect(must(details.querySelector('[data-field="route"]')).textContent).to.contain('Phường Hàng Trống, Thành phố Hà Nội');
      expect(must(details.querySelector('[data-field="route"]')).textContent).to.contain('Xã Ngọc Xá, Tỉnh Bắc Ninh');
      expect(must(details.querySelector('[data-field="vehicle"]')).textContent).to.equal('29A-123.45');
      expect($(el, '[part="record"]').textContent).to.match(/Đã lưu lúc .*Cho qua \(tự động\)/);
      expect($(el, '[data-decision="allow"]').getAttribute('aria-pressed')).to.equal('true');
      await expect(el).to.be.accessible();
    } finally {
      await cleanup(el);
    }
  });

  it('a car with three passengers: each verified and recorded, risk area flagged, a repeat not recorded twice', async () => {
    const el = await mount();
    try {
      const a = await issue();
      const b = await issue(fromRiskArea);
      const c = await issue({ fullName: 'Lê Hoàng Nam', idNumber: '001201009876', dateOfBirth: '2001-03-09', gender: 'male', health: { symptoms: ['cough'], contactWithCase: false } });
      await scan(el, a.text);
      await scan(el, b.text);
      await scan(el, c.text);
      expect(el.vehicle.map((e) => e.state)).to.deep.equal(['saved', 'saved', 'saved']);
      expect(el.vehicle.map((e) => e.decision)).to.deep.equal(['allow', 'refer', 'refer']);
      expect(must(el.vehicle[1]).flags.map((f) => f.code)).to.deep.equal(['risk-area']);
      expect(must(el.vehicle[2]).flags.map((f) => f.code)).to.deep.equal(['symptoms']);
      expect((await records(el)).length).to.equal(3);
      const list = ($(el, '[part="vehicle"]').textContent ?? '').replace(/\s+/g, ' ');
      expect(list).to.contain('(3 người)');
      expect(list).to.contain('Trần Văn Bình');

      // The risk-area flag says what to check; selecting the person shows it.
      must($$<HTMLButtonElement>(el, '.person')[1]).click();
      await el.updateComplete;
      const checks = $(el, '[part="checks"] [data-flag="risk-area"]').textContent ?? '';
      expect(checks).to.contain('nguy cơ cao');
      expect(checks).to.contain('xét nghiệm âm tính');
      expect(panel(el)).to.contain('Chuyển kiểm tra thêm (tự động)');

      // The first passenger's code comes round again: selected, not recorded again.
      await scan(el, a.text);
      expect(el.selected?.key?.passId).to.equal(a.passId);
      expect((await records(el)).length).to.equal(3);
    } finally {
      await cleanup(el);
    }
  });

  it('three passes read from one camera frame (three ck-scan in one task): each recorded once', async () => {
    const el = await mount({ units: UNITS });
    try {
      const passes = [await issue(), await issue(fromRiskArea), await issue()];
      const trust = await createTrustStore(must(scanner(el).trust, 'trust'));
      const verdicts = await Promise.all(passes.map((p) => verifyPass(p.text, trust, { lang: 'vi' })));
      // What <ck-scanner> does for a multi-code frame: one event per text, back to back, left to right.
      for (const [i, p] of passes.entries()) {
        scanner(el).dispatchEvent(new CustomEvent('ck-scan', { detail: { text: p.text, verdict: verdicts[i], source: 'camera', timings: { decodeMs: 5, verifyMs: 1, totalMs: 8 } }, bubbles: true, composed: true }));
      }
      await waitUntil(async () => (await records(el)).length >= 3, 'three records', { timeout: 10_000 });
      await el.settled;
      const ids = (await records(el)).map((r) => r.passId).sort();
      expect(ids).to.deep.equal(passes.map((p) => p.passId).sort());
    } finally {
      await cleanup(el);
    }
  });

  it('keyboard: D amends the selected person with a follow-up record; I/O switch direction; N starts the next vehicle', async () => {
    const el = await mount();
    try {
      const pass = await issue();
      await scan(el, pass.text);
      $<HTMLButtonElement>(el, '.person[aria-current="true"]').focus();
      await sendKeys({ press: 'd' });
      await el.settled;
      await el.updateComplete;
      const mine = (await records(el)).filter((r) => r.passId === pass.passId).sort((x, y) => x.seq - y.seq);
      expect(mine.map((r) => r.decision)).to.deep.equal(['allow', 'deny']);
      expect(must(mine[1]).prevHash).to.equal(must(mine[0]).hash);
      expect((await store(el).verifyChain()).ok).to.equal(true);
      expect(el.selected?.decision).to.equal('deny');
      expect($(el, '[data-decision="deny"]').getAttribute('aria-pressed')).to.equal('true');
      expect(panel(el)).to.contain('Đã đổi quyết định: Không cho qua');

      // The same decision again records nothing.
      await sendKeys({ press: 'd' });
      await el.settled;
      expect((await records(el)).length).to.equal(2);

      const direction = oneEvent(el, 'ck-direction-change');
      await sendKeys({ press: 'o' });
      expect((await direction).detail.direction).to.equal('out');
      expect(el.getAttribute('direction')).to.equal('out');
      await sendKeys({ press: 'i' });
      expect(el.direction).to.equal('in');

      // Letters typed into a field are text, not shortcuts.
      $<HTMLInputElement>(scanner(el), '#manual').focus();
      await sendKeys({ type: 'ADR' });
      await el.settled;
      expect((await records(el)).length).to.equal(2);

      $<HTMLButtonElement>(el, '.person').focus();
      await sendKeys({ press: 'n' });
      await el.updateComplete;
      expect(el.vehicle).to.have.length(0);
      expect(panel(el)).not.to.contain('Nguyễn');
      // The shortcuts are documented on screen.
      expect($(el, '[part="shortcuts"]').textContent).to.match(/A\s*Cho qua/);
    } finally {
      await cleanup(el);
    }
  });

  it('a forged copy of a pass just scanned: a new event — ✗ and the reason in words, no personal details, recorded', async () => {
    const el = await mount();
    try {
      const pass = await issue();
      await scan(el, pass.text);
      await scan(el, await tamper(el, pass.text));
      expect(el.vehicle.map((e) => e.status)).to.deep.equal(['valid', 'bad-signature']);
      const status = $(el, '[part="status"]').textContent ?? '';
      expect(status).to.contain('✗');
      expect(status).to.contain('CHỮ KÝ KHÔNG ĐÚNG');
      expect(status).to.contain('Chữ ký không khớp');
      expect(panel(el)).to.contain('Thông tin cá nhân không được hiển thị');
      expect(panel(el)).not.to.contain('Nguyễn Thị Minh Khai');
      expect(el.shadowRoot?.querySelector('[part~="identity"]')).to.equal(null);
      const [record] = await records(el);
      expect((await records(el)).length).to.equal(2);
      expect(must(record).verdictStatus).to.equal('bad-signature');
      expect(must(record).passId).to.equal(pass.passId);
      expect(must(record).decision).to.equal('refer');
    } finally {
      await cleanup(el);
    }
  });

  it('manual code: recorded only on the officer’s decision, as "unverified-manual", with the route typed or known', async () => {
    const el = await mount();
    try {
      const unseen = await issue();
      scanner(el).dispatchEvent(new CustomEvent('ck-manual-code', { detail: { code: manualCode(unseen.passId) }, bubbles: true, composed: true }));
      await el.settled;
      await el.updateComplete;
      expect(el.selected?.state).to.equal('awaiting-decision');
      expect($(el, '[part="status"]').textContent).to.contain('CHƯA XÁC MINH');
      expect((await records(el)).length).to.equal(0);

      $<HTMLButtonElement>(el, '[data-decision="allow"]').click();
      await el.updateComplete;
      const origin = $<HTMLInputElement>(el, '#origin-unit');
      expect(origin.getAttribute('aria-invalid')).to.equal('true');
      expect(el.shadowRoot?.activeElement).to.equal(origin);
      origin.value = '00070';
      $<HTMLInputElement>(el, '#destination-unit').value = '09289';
      $<HTMLButtonElement>(el, '[data-decision="allow"]').click();
      await el.settled;
      const [record] = await records(el);
      expect(must(record).manualCode).to.equal(manualCode(unseen.passId));
      expect(must(record).passId).to.equal(undefined);
      expect(must(record).verdictStatus).to.equal('unverified-manual');
      expect([must(record).originUnit, must(record).destinationUnit, must(record).decision]).to.deep.equal(['00070', '09289', 'allow']);

      // A pass scanned earlier on this device: its manual code finds the route by itself.
      const seen = await issue(fromRiskArea);
      await scan(el, seen.text);
      el.newVehicle();
      el.direction = 'out';
      scanner(el).dispatchEvent(new CustomEvent('ck-manual-code', { detail: { code: manualCode(seen.passId) }, bubbles: true, composed: true }));
      await el.settled;
      await el.updateComplete;
      expect(el.selected?.units).to.deep.equal({ originUnit: '09289', destinationUnit: '00070' });
      expect(el.shadowRoot?.querySelector('#origin-unit')).to.equal(null);
      await el.decide('refer');
      const latest = must((await records(el))[0]);
      expect([latest.manualCode, latest.direction, latest.decision]).to.deep.equal([manualCode(seen.passId), 'out', 'refer']);
    } finally {
      await cleanup(el);
    }
  });

  it('warns: IN twice at this checkpoint without OUT, and a passage the other way within minutes', async () => {
    const el = await mount({ rescan: 0 });
    try {
      const pass = await issue();
      await scan(el, pass.text);
      el.newVehicle();
      await scan(el, pass.text);
      expect(el.selected?.flags.map((f) => f.code)).to.include('double-in');
      expect(el.selected?.decision).to.equal('refer');
      expect($(el, '[data-flag="double-in"]').textContent).to.contain('Đã ghi VÀO tại chốt HN-TEST-01');

      el.newVehicle();
      el.setDirection('out');
      await scan(el, pass.text);
      expect(el.selected?.flags.map((f) => f.code)).to.deep.equal(['recent-passage']);
      expect($(el, '[data-flag="recent-passage"]').textContent).to.contain('vừa được ghi vào tại chốt HN-TEST-01');
    } finally {
      await cleanup(el);
    }
  });

  it('storage full: says so plainly, records nothing, and a retry saves the passage', async () => {
    const el = await mount();
    try {
      const pass = await issue();
      const kiosk = store(el);
      const real = kiosk.recordPassage.bind(kiosk);
      kiosk.recordPassage = () => Promise.reject(new StorageFullError(new DOMException('quota', 'QuotaExceededError')));
      const failed = oneEvent(el, 'ck-passage-error');
      await scan(el, pass.text);
      expect((await failed).detail.code).to.equal('storage-full');
      const alert = $(el, '[part="record"][role="alert"]');
      expect(alert.textContent).to.contain('BỘ NHỚ THIẾT BỊ ĐÃ ĐẦY');
      expect((await records(el)).length).to.equal(0);
      kiosk.recordPassage = real;
      must($$<HTMLButtonElement>(el, '.verdict button').find((b) => b.textContent?.includes('Lưu lại'))).click();
      await el.settled;
      expect(el.selected?.state).to.equal('saved');
      expect(must((await records(el))[0]).decision).to.equal('allow');
    } finally {
      await cleanup(el);
    }
  });

  it('clock skew measured at sync: flagged on the verdict, validity judged by the server clock', async () => {
    await fetch('/api/__faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ clockOffsetSeconds: 600 }) });
    const el = await mount();
    try {
      await waitUntil(() => el.syncEngine?.status.clockSkewExceeded === true, 'skew never measured', { timeout: 10_000 });
      const pass = await issue();
      await scan(el, pass.text);
      expect(el.selected?.flags.map((f) => f.code)).to.deep.equal(['clock-skew']);
      expect($(el, '[data-flag="clock-skew"]').textContent).to.contain('chậm 10 phút');
      const now = (scanner(el).verifyOptions.now as Date).getTime();
      expect(now - Date.now()).to.be.within(590_000, 610_000);
    } finally {
      await fetch('/api/__faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ clockOffsetSeconds: 0 }) });
      await cleanup(el);
    }
  });

  it('syncs what it records (ck-sync) and the portal holds each passage once', async () => {
    const el = await mount();
    try {
      const pass = await issue();
      await scan(el, pass.text);
      await waitUntil(async () => (await store(el).counts()).pending === 0, 'never synced', { timeout: 10_000 });
      const sync = oneEvent(el, 'ck-sync');
      $<HTMLButtonElement>($(el, 'ck-sync-status'), '[part="sync-button"]').click();
      const detail = (await sync).detail;
      expect(detail.pending).to.equal(0);
      expect(detail.error).to.equal(null);
      const { deviceId } = await store(el).device();
      expect(await backend.store.deviceSummary(deviceId)).to.deep.equal({ count: 1, minSeq: 1, maxSeq: 1, missingSeq: 0 });
    } finally {
      await cleanup(el);
    }
  });

  it('English at runtime, keyboard-reachable controls of at least 48 px, axe-clean', async () => {
    const el = await mount({ lang: 'en' });
    try {
      await scan(el, (await issue(fromRiskArea)).text);
      expect($(el, '[part="status"]').textContent).to.contain('VALID');
      expect(panel(el)).to.contain('Compare with the ID card');
      expect(panel(el)).to.contain('Coming from a high-risk area');
      el.setAttribute('lang', 'vi');
      await waitUntil(() => panel(el).includes('Đối chiếu với giấy tờ tùy thân'), 'did not switch language');
      const buttons = [...$$<HTMLButtonElement>(el, 'button')].filter((b) => b.offsetParent !== null);
      expect(buttons.length).to.be.greaterThan(5);
      for (const b of buttons) {
        const r = b.getBoundingClientRect();
        expect(Math.min(r.width, r.height), b.textContent ?? '').to.be.at.least(48);
      }
      await expect(el).to.be.accessible();
    } finally {
      await cleanup(el);
    }
  });

  it('clears the vehicle, and every name on screen, after the idle time', async () => {
    const el = await mount({ idle: 1 });
    try {
      await scan(el, (await issue()).text);
      expect(el.vehicle).to.have.length(1);
      expect(panel(el)).to.contain('Nguyễn Thị Minh Khai');
      await waitUntil(() => el.vehicle.length === 0, 'the vehicle was not cleared', { timeout: 4000 });
      await el.updateComplete;
      expect(el.shadowRoot?.textContent).not.to.contain('Nguyễn Thị Minh Khai');
      expect((await records(el)).length).to.equal(1);
    } finally {
      await cleanup(el);
    }
  });

  it('stale trust on a fresh kiosk: nothing valid until the officer acknowledges (keyboard), logged, then valid; a fresher bundle ends it', async () => {
    // A fresh device holding only a genuine 20-day-old bundle (still within its expiresAt).
    const day = 86_400_000;
    const signed = async (sequence: number, issuedAt: number) => {
      const text = await createTrustBundle({
        issuers: [{ iss: DEMO_ISSUER, jwks: DEMO_ISSUER_PUBLIC_JWKS }], revokedPassIds: [], riskAreas: [], sequence,
        issuedAt: new Date(issuedAt).toISOString(), expiresAt: new Date(issuedAt + 30 * day).toISOString(),
      }, DEMO_TRUST_ANCHOR_PRIVATE_JWK);
      const read = await readTrustBundle(text, DEMO_TRUST_ANCHOR_PUBLIC_JWKS, { now: null });
      if (!read.ok) throw new Error(read.message);
      return { text, etag: null, bundle: read.bundle, receivedAt: new Date() };
    };
    const kiosk = new KioskStore(`ck-checkpoint-test-${crypto.randomUUID()}`);
    await kiosk.saveTrust(await signed(5, Date.now() - 20 * day));
    const el = await fixture<CkCheckpoint>(html`<ck-checkpoint checkpoint-id="HN-TEST-01" officer-id="CA-TEST-1" lang="en" no-autostart muted
      .store=${kiosk} .trustAnchor=${DEMO_TRUST_ANCHOR_PUBLIC_JWKS}></ck-checkpoint>`);
    try {
      await waitUntil(() => el.shadowRoot?.querySelector('[data-problem="stale-trust"]') !== null, 'no stale-trust banner', { timeout: 10_000 });
      const banner = $(el, '[data-problem="stale-trust"]');
      expect(banner.getAttribute('aria-labelledby')).to.equal('stale-trust-title');
      expect($(el, '#stale-trust-title').textContent).to.contain('Trust data out of date');
      expect(banner.querySelector('[role="alert"]')?.textContent).to.contain('bundle no. 5');

      await scan(el, (await issue()).text);
      expect(el.selected?.status).to.equal('stale-trust');
      expect($(el, '[part="status"]').getAttribute('data-status')).to.equal('stale-trust');
      expect(panel(el)).to.contain('Compare with the ID card');
      expect(el.selected?.flags.map((f) => f.code)).to.include('stale-trust');
      const [held] = await kiosk.recentPassages(1);
      expect([held?.verdictStatus, held?.decision]).to.deep.equal(['stale-trust', 'refer']);
      await expect(el).to.be.accessible();

      // Keyboard: focus the action and press Enter.
      const button = $<HTMLButtonElement>(el, '[data-action="acknowledge-stale-trust"]');
      expect(button.textContent?.trim()).to.equal('I understand, continue with old trust data');
      button.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.shadowRoot?.querySelector('[data-problem="stale-trust-acknowledged"]') !== null, 'acknowledgement not shown', { timeout: 5000 });
      expect(el.shadowRoot?.querySelector('[data-problem="stale-trust"]')).to.equal(null);
      const log = await kiosk.trustAcknowledgements();
      expect(log).to.have.length(1);
      expect(Object.keys(log[0] ?? {}).sort()).to.deep.equal(['acknowledgedAt', 'issuedAt', 'sequence']);
      expect(log[0]?.sequence).to.equal(5);
      expect($<HTMLElement & { trustAcknowledgement: unknown }>(el, 'ck-sync-status').trustAcknowledgement).to.deep.equal(log[0]);

      el.newVehicle();
      await scan(el, (await issue()).text);
      expect(el.selected?.status).to.equal('valid');
      const [now] = await kiosk.recentPassages(1);
      expect([now?.verdictStatus, now?.decision]).to.deep.equal(['valid', 'allow']);

      // A fresher bundle ends the acknowledgement (kept in the log with its end).
      const fresher = await signed(6, Date.now());
      await kiosk.saveTrust(fresher);
      const ended = await kiosk.trustAcknowledgements();
      expect(ended[0]?.endedAt).to.be.a('string');
      // An acknowledgement of trust that is not stale is refused.
      expect(await kiosk.acknowledgeStaleTrust(fresher.bundle, Date.now(), 48 * 3_600_000)).to.equal(false);
    } finally {
      await cleanup(el);
    }
  });

  it('says what is missing: no trust data, no officer; frees its engine on disconnect', async () => {
    const el = await fixture<CkCheckpoint>(html`<ck-checkpoint checkpoint-id="HN-TEST-02" store-name=${`ck-checkpoint-test-${crypto.randomUUID()}`} no-autostart></ck-checkpoint>`);
    await waitUntil(() => el.shadowRoot?.querySelector('[data-problem="no-trust"]') !== null, 'no "no trust" problem shown');
    expect($(el, '[data-problem="no-officer"]').textContent).to.contain('Cán bộ: chưa đặt');
    expect(el.syncEngine).to.equal(undefined);
    await cleanup(el);

    const online = await mount();
    const engine = must(online.syncEngine, 'sync engine');
    await cleanup(online);
    expect(online.syncEngine).to.equal(undefined);
    expect((await engine.syncNow()).status).to.equal('error');
  });
});

describe('<ck-checkpoint>: the roadside walkthrough (issue 13)', () => {
  it('a pass re-scanned after "new vehicle": "already recorded here at hh:mm by this device", decisions live; a decision records a follow-up (amends)', async () => {
    const el = await mount();
    try {
      const pass = await issue();
      await scan(el, pass.text);
      const [first] = await records(el);
      el.newVehicle();
      await scan(el, pass.text);
      expect(el.selected?.state).to.equal('rescan');
      const record = $(el, '[part="record"]').textContent ?? '';
      expect(record).to.contain('Đã ghi tại đây lúc');
      expect(record).to.contain('bởi máy này');
      expect(record).not.to.contain('Đang lưu');
      expect($<HTMLButtonElement>(el, '[data-decision="allow"]').disabled).to.equal(false);
      expect((await records(el)).length).to.equal(1);
      $<HTMLButtonElement>(el, '.person').focus();
      await sendKeys({ press: 'a' });
      await el.settled;
      const all = await records(el);
      expect(all.length).to.equal(2);
      expect(must(all[0]).amends).to.equal(must(first).id);
      expect(must(all[0]).vehicleGroupId).to.match(/^[A-Za-z0-9_-]{22}$/);
      expect(must(all[0]).vehicleGroupId).not.to.equal(must(first).vehicleGroupId);
    } finally {
      await cleanup(el);
    }
  });

  it('manual code of an unseen pass: the wards are typed by NAME (the citizen form\'s search), or by code', async () => {
    const el = await mount({ units: UNITS });
    try {
      const unseen = await issue();
      scanner(el).dispatchEvent(new CustomEvent('ck-manual-code', { detail: { code: manualCode(unseen.passId) }, bubbles: true, composed: true }));
      await el.settled;
      await el.updateComplete;
      const origin = $<HTMLInputElement>(el, '#origin-unit');
      const destination = $<HTMLInputElement>(el, '#destination-unit');
      expect(origin.getAttribute('inputmode')).to.equal(null);
      origin.value = 'hang trong';
      destination.value = 'Xã Ngọc Xá, Tỉnh Bắc Ninh';
      $<HTMLButtonElement>(el, '[data-decision="allow"]').click();
      await el.settled;
      const [record] = await records(el);
      expect([must(record).originUnit, must(record).destinationUnit]).to.deep.equal(['00070', '09289']);

      // A name that finds no ward is refused, in words.
      scanner(el).dispatchEvent(new CustomEvent('ck-manual-code', { detail: { code: manualCode((await issue(fromRiskArea)).passId) }, bubbles: true, composed: true }));
      await el.settled;
      await el.updateComplete;
      $<HTMLInputElement>(el, '#origin-unit').value = 'Phường Không Có';
      $<HTMLInputElement>(el, '#destination-unit').value = '00070';
      $<HTMLButtonElement>(el, '[data-decision="allow"]').click();
      await el.updateComplete;
      expect($<HTMLInputElement>(el, '#origin-unit').getAttribute('aria-invalid')).to.equal('true');
      expect((await records(el)).length).to.equal(1);

      // "New vehicle" clears the field error, the scanner's manual field, its error and its "code read" line.
      $<HTMLInputElement>(scanner(el), '#manual').value = '??';
      $<HTMLFormElement>(scanner(el), 'form').requestSubmit();
      await scanner(el).updateComplete;
      expect(scanner(el).shadowRoot?.querySelector('#manual-error')).not.to.equal(null);
      el.newVehicle();
      await el.updateComplete;
      await scanner(el).updateComplete;
      expect(el.shadowRoot?.querySelector('.field-error')).to.equal(null);
      expect(scanner(el).shadowRoot?.querySelector('#manual-error')).to.equal(null);
      expect($<HTMLInputElement>(scanner(el), '#manual').value).to.equal('');
      expect($(el, '[role="status"][aria-live]').textContent?.trim()).to.equal('');
    } finally {
      await cleanup(el);
    }
  });

  it('no Vietnamese left after switching to English (verdict, scanner line, announcement)', async () => {
    const el = await mount();
    try {
      const pass = await issue();
      // The scanner's "code read" line as after a camera read.
      const trust = await createTrustStore(must(scanner(el).trust, 'trust'));
      const verdict = await verifyPass(pass.text, trust, { lang: 'vi' });
      (scanner(el) as unknown as { _last: unknown })._last = verdict;
      await scan(el, pass.text);
      el.setAttribute('lang', 'en');
      await waitUntil(() => panel(el).includes('Compare with the ID card'), 'did not switch language');
      await scanner(el).updateComplete;
      const texts = [$(scanner(el), '[part="status"]').textContent ?? '', panel(el), $(el, '.base > [role="status"]').textContent ?? ''];
      for (const text of texts) expect(text).not.to.match(/Đã|Giấy|hợp lệ|Người/);
      expect(texts[0]).to.contain('Code read:');
    } finally {
      await cleanup(el);
    }
  });

  it('"Sync now" fetches the trust bundle too: a pass revoked a moment ago is refused at once', async () => {
    const el = await mount();
    try {
      const pass = await issue();
      const answer = await fetch('/api/__trust', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ revokePassIds: [pass.passId] }) });
      expect(answer.ok).to.equal(true);
      const sync = $(el, 'ck-sync-status');
      await (sync as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      // The button is disabled while the first sync runs: press it once it is free.
      await waitUntil(() => !$<HTMLButtonElement>(sync, '[part="sync-button"]').disabled, 'sync button never free', { timeout: 10_000 });
      $<HTMLButtonElement>(sync, '[part="sync-button"]').click();
      await waitUntil(() => (scanner(el).trust?.revokedPassIds ?? []).includes(pass.passId), 'the revocation never reached the kiosk', { timeout: 10_000 });
      await scan(el, pass.text);
      expect(el.selected?.status).to.equal('revoked');
    } finally {
      await cleanup(el);
    }
  });
});

/** Every value in every object store of every IndexedDB database of this origin, as text. */
async function everythingStored(): Promise<string> {
  const out: unknown[] = [];
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(info.name as string);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    for (const name of db.objectStoreNames) {
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      out.push(all);
    }
    db.close();
  }
  return JSON.stringify(out) + JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
}

describe('<ck-checkpoint>: the ID card read by the camera (issue 13)', () => {
  it('pass then the holder\'s card: "CHO QUA", each field ✓ in words; someone else\'s card: ✗ mismatch, no automatic allow; the card is never stored or logged', async () => {
    const logged: string[] = [];
    const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const sink = console as unknown as Record<(typeof methods)[number], (...args: unknown[]) => void>;
    const originals = methods.map((k) => sink[k]);
    methods.forEach((k) => {
      sink[k] = (...args: unknown[]) => {
        logged.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a) ?? String(a))).join(' '));
      };
    });
    const el = await mount();
    try {
      const pass = await issue();
      await scan(el, pass.text);
      expect($(el, '[part="status"] .status-word').textContent).to.contain('CHO QUA');
      expect($(el, '[part~="identity"]').textContent).to.contain('Đưa mã QR trên thẻ CCCD');

      await scan(el, referenceHolderCard().text);
      expect(el.vehicle).to.have.length(1);
      const identity = $(el, '[part~="identity"]');
      expect(identity.dataset.card).to.equal('matched');
      expect([...identity.querySelectorAll('[data-outcome]')].map((o) => o.getAttribute('data-outcome'))).to.deep.equal(['match', 'match', 'match', 'match']);
      expect(identity.textContent).to.contain('Khớp');
      expect(identity.textContent).to.contain('✓');
      expect($(el, '[part="status"] .status-word').textContent).to.contain('CHO QUA');
      let all = await records(el);
      expect(must(all[0]).idCheck).to.equal('matched');

      // The next person, and a card that is not theirs.
      el.newVehicle();
      const second = await issue(fromRiskArea);
      await scan(el, second.text);
      const other = fakeIdCard({ seed: 11 });
      await scan(el, other.text);
      const mismatch = $(el, '[part~="identity"]');
      expect(mismatch.dataset.card).to.equal('mismatch');
      expect(mismatch.textContent).to.contain('Không khớp');
      expect(mismatch.textContent).to.contain('✗');
      expect($(el, '[part="status"]').dataset.action).to.not.equal('allow');
      all = await records(el);
      expect(must(all[0]).idCheck).to.equal('mismatch');
      expect(must(all[0]).decision).to.equal('refer');
      expect(all.filter((r) => r.passId === second.passId).some((r) => r.decision === 'allow')).to.equal(false);

      // Nothing of the card anywhere: IndexedDB (outbox, meta), web storage, the console.
      await el.settled;
      const stored = await everythingStored();
      const seen = stored + logged.join('\n');
      for (const value of [other.fields.cccd, other.fields.fullName, other.fields.address, referenceHolderCard().fields.address]) {
        expect(seen.includes(value), `found ${value}`).to.equal(false);
      }
      expect(stored.length).to.be.greaterThan(100);
    } finally {
      methods.forEach((k, i) => { sink[k] = originals[i] as (...args: unknown[]) => void; });
      await cleanup(el);
    }
  });
});

