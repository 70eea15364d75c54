/// <reference types="node" />
// The kiosk's session model without a browser: vehicle entries, the automatic decision, the
// vehicle group id written on every passage, follow-up decisions recorded with `amends`, the
// re-scan of a pass this kiosk just recorded, manual codes, "new vehicle" and failures that
// never leave a person stuck "saving".
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { issuePass } from '../../src/core/issue';
import { createTrustStore, type TrustStore } from '../../src/core/trust-store';
import type { PassVerdict } from '../../src/core/verdict-types';
import { verifyPass } from '../../src/core/verify';
import { manualCode } from '../../src/core/manual-code';
import { vietnamDate } from '../../src/core/dates';
import type { StoredPassage } from '../../src/store/kiosk/db';
import type { PassageInput } from '../../src/store/kiosk/outbox';
import type { ClockReading } from '../../src/sync/trusted-clock';
import { KioskSession, vehicleGroupIdOf, type KioskSessionDeps, type SessionSettings } from '../../src/kiosk/session';
import { testIssuer, type TestIssuer } from '../fixtures/test-issuer';
import { referenceDeclaration } from '../fixtures/reference';
import { cardQrText, fakeIdCard, referenceHolderCard } from '../fixtures/id-cards';

const VEHICLE_GROUP_ID = /^[A-Za-z0-9_-]{21}[AQgw]$/;

/** An in-memory outbox with the KioskStore methods the session uses. */
class FakeStore {
  readonly records: StoredPassage[] = [];
  fail: Error | undefined;
  #n = 0;
  async recordPassage(input: PassageInput): Promise<StoredPassage> {
    if (this.fail) throw this.fail;
    this.#n++;
    const id = `0190a000-0000-7000-8000-${String(this.#n).padStart(12, '0')}`;
    const record = { ...input, id, at: new Date(now).toISOString(), state: 'pending' } as unknown as StoredPassage;
    this.records.push(record);
    return record;
  }
  async passagesOfPass(passId: string): Promise<StoredPassage[]> {
    return this.records.filter((r) => r.passId === passId);
  }
  async recentPassages(limit = 50): Promise<StoredPassage[]> {
    return this.records.slice(-limit).reverse();
  }
}

let now = Date.now();
const clock = {
  now: () => now,
  read: (): ClockReading => ({ now, deviceNow: now, skewMs: 0, exceeded: false, source: 'device', sinceServerMs: null, driftMs: null }),
  observe: () => undefined,
};

function session(store: FakeStore | undefined, settings: Partial<SessionSettings> = {}, extra: Partial<KioskSessionDeps> = {}): KioskSession {
  return new KioskSession({
    settings: () => ({ checkpointId: 'CP-1', officerId: 'OF-1', direction: 'in', rescanSeconds: 120, recentMinutes: 10, ...settings }),
    store: () => store,
    clock: () => clock,
    riskAreas: () => [],
    staleGate: () => 'fresh',
    portalHistory: async () => [],
    changed: () => undefined,
    ...extra,
  });
}

let issuer: TestIssuer;
let trust: TrustStore;
async function pass(patch: Partial<ReturnType<typeof referenceDeclaration>> = {}): Promise<{ text: string; verdict: PassVerdict }> {
  const text = await issuePass({ ...referenceDeclaration(new Date(now)), ...patch }, issuer.signer);
  return { text, verdict: await verifyPass(text, trust, { now: new Date(now) }) };
}

before(async () => {
  issuer = await testIssuer();
  trust = await createTrustStore({ ...issuer.trust, updatedAt: new Date(now) });
});

describe('kiosk session: vehicles', () => {
  it('vehicle group id: 16 random bytes in base64url (22 characters)', () => {
    const id = vehicleGroupIdOf(new Uint8Array(16).fill(255));
    assert.equal(id.length, 22);
    assert.match(id, VEHICLE_GROUP_ID);
    assert.throws(() => vehicleGroupIdOf(new Uint8Array(15)));
  });

  it('every passage of one vehicle carries its group id; "new vehicle" starts another', async () => {
    const store = new FakeStore();
    const s = session(store);
    const a = await pass();
    const b = await pass({ fullName: 'Trần Thị Hoa', idNumber: '001190000002' });
    assert.equal(a.verdict.status, 'valid');
    s.scan(a.text, a.verdict, 'camera');
    s.scan(b.text, b.verdict, 'camera');
    await s.settled;
    assert.equal(store.records.length, 2);
    const group = store.records[0]?.vehicleGroupId;
    assert.match(group ?? '', VEHICLE_GROUP_ID);
    assert.equal(store.records[1]?.vehicleGroupId, group);
    assert.equal(s.vehicleGroupId, group);
    assert.deepEqual(store.records.map((r) => r.decision), ['allow', 'allow']);
    assert.deepEqual(store.records.map((r) => r.idCheck), ['none', 'none']);

    s.newVehicle();
    assert.equal(s.vehicle.length, 0);
    assert.equal(s.vehicleGroupId, undefined);
    const c = await pass({ fullName: 'Lê Văn Cường', idNumber: '001090000003' });
    s.scan(c.text, c.verdict, 'camera');
    await s.settled;
    assert.match(store.records[2]?.vehicleGroupId ?? '', VEHICLE_GROUP_ID);
    assert.notEqual(store.records[2]?.vehicleGroupId, group);
  });

  it('a changed decision is a follow-up record that amends the first, not a fresh passage', async () => {
    const store = new FakeStore();
    const s = session(store);
    const a = await pass();
    s.scan(a.text, a.verdict, 'camera');
    await s.settled;
    await s.decide('deny');
    await s.decide('refer');
    assert.equal(store.records.length, 3);
    const [first, second, third] = store.records;
    assert.equal(first?.amends, undefined);
    assert.equal(second?.amends, first?.id);
    assert.equal(third?.amends, first?.id);
    assert.equal(second?.vehicleGroupId, first?.vehicleGroupId);
    assert.equal(s.selected?.decision, 'refer');
    assert.equal(s.selected?.amended, true);
    // The same decision again records nothing.
    await s.decide('refer');
    assert.equal(store.records.length, 3);
    assert.equal(s.announcement?.kind, 'unchanged');
  });

  it('the same pass after "new vehicle": already recorded here (time, decision), not recorded again until the officer decides; then it amends', async () => {
    const store = new FakeStore();
    const s = session(store);
    const a = await pass();
    s.scan(a.text, a.verdict, 'camera');
    await s.settled;
    s.newVehicle();
    now += 30_000;
    s.scan(a.text, a.verdict, 'camera');
    await s.settled;
    const entry = s.selected;
    assert.equal(entry?.state, 'rescan');
    assert.equal(entry?.rescanOf?.id, store.records[0]?.id);
    assert.equal(entry?.rescanOf?.at, store.records[0]?.at);
    assert.equal(store.records.length, 1);
    await s.decide('allow');
    assert.equal(store.records.length, 2);
    assert.equal(store.records[1]?.amends, store.records[0]?.id);
    assert.equal(s.selected?.state, 'saved');
  });

  it('a job that throws leaves the person failed with a retry, never stuck "saving"', async () => {
    const store = new FakeStore();
    const s = session(store, {}, { riskAreas: () => { throw new Error('boom'); } });
    const a = await pass();
    const errors = console.error;
    console.error = () => undefined;
    try {
      s.scan(a.text, a.verdict, 'camera');
      await s.settled;
    } finally {
      console.error = errors;
    }
    assert.equal(s.selected?.state, 'failed');
    assert.equal(s.busy, true);
    assert.equal(store.records.length, 0);
  });

  it('storage full: failed, announced, reported; the retry records the same decision', async () => {
    const store = new FakeStore();
    const failures: string[] = [];
    const s = session(store, {}, { failed: (d) => failures.push(d.code) });
    const a = await pass();
    store.fail = Object.assign(new Error('full'), { code: 'storage-full' });
    s.scan(a.text, a.verdict, 'camera');
    await s.settled;
    assert.equal(s.selected?.state, 'failed');
    assert.deepEqual(s.announcement, { kind: 'error', code: 'storage-full' });
    assert.deepEqual(failures, ['storage-full']);
    store.fail = undefined;
    await s.decide(s.selected?.failedDecision ?? 'refer');
    assert.equal(store.records.length, 1);
    assert.equal(store.records[0]?.decision, 'allow');
  });

  it('manual code: waits for the officer; wards refused unless 5-digit codes; recorded with idCheck manual', async () => {
    const store = new FakeStore();
    const s = session(store);
    s.manualCode('ABCD-EFGH');
    await s.settled;
    assert.equal(s.selected?.state, 'awaiting-decision');
    assert.equal(await s.decide('allow', { origin: 'Ngọc Xá', destination: '00070' }), 'origin');
    assert.deepEqual(s.unitErrors, { origin: true, destination: false });
    assert.equal(store.records.length, 0);
    assert.equal(await s.decide('allow', { origin: '09289', destination: '00070' }), undefined);
    assert.equal(store.records.length, 1);
    assert.equal(store.records[0]?.manualCode, 'ABCD-EFGH');
    assert.equal(store.records[0]?.idCheck, 'manual');
    assert.equal(store.records[0]?.verdictStatus, 'unverified-manual');
    // "New vehicle" clears the field errors with everything else.
    await s.decide('allow', { origin: '', destination: '' });
    s.newVehicle();
    assert.deepEqual(s.unitErrors, { origin: false, destination: false });
    assert.equal(s.announcement, undefined);
  });

  it('a manual code of a pass scanned in this vehicle selects that person and records nothing', async () => {
    const store = new FakeStore();
    const s = session(store);
    const a = await pass();
    s.scan(a.text, a.verdict, 'camera');
    const b = await pass({ fullName: 'Trần Thị Hoa', idNumber: '001190000002' });
    s.scan(b.text, b.verdict, 'camera');
    await s.settled;
    const passId = a.verdict.pass?.passId ?? '';
    s.manualCode(manualCode(passId));
    assert.equal(s.selectedIndex, 0);
    assert.equal(s.vehicle.length, 2);
    await s.settled;
    assert.equal(store.records.length, 2);
  });

  it('no store yet: the person fails visibly (nothing silently lost)', async () => {
    const s = session(undefined);
    const a = await pass();
    s.scan(a.text, a.verdict, 'camera');
    await s.settled;
    assert.equal(s.selected?.state, 'failed');
  });
});

describe('kiosk session: decision first, and the ID card read by the camera', () => {
  it('a pass and then its holder\'s card: every field matched, "CHO QUA"; only idCheck matched is recorded (a follow-up), never the card', async () => {
    const store = new FakeStore();
    const s = session(store);
    const a = await pass();
    s.scan(a.text, a.verdict, 'camera');
    await s.settled;
    assert.equal(s.recommendation(s.selected as never).action, 'allow');
    const card = referenceHolderCard();
    assert.equal(s.scan(card.text, { ...a.verdict, status: 'malformed', pass: undefined }, 'camera'), s.vehicle[0]);
    await s.settled;
    assert.equal(s.vehicle.length, 1, 'a card is never a person');
    const entry = s.vehicle[0];
    assert.equal(entry?.card?.result, 'matched');
    assert.deepEqual(entry?.card?.fields.map((f) => f.outcome), ['match', 'match', 'match', 'match']);
    assert.equal(s.recommendation(entry as never).headline.vi, 'CHO QUA');
    assert.equal(store.records.length, 2);
    assert.equal(store.records[1]?.idCheck, 'matched');
    assert.equal(store.records[1]?.decision, 'allow');
    assert.equal(store.records[1]?.amends, store.records[0]?.id);
    // The same card again changes nothing.
    s.card(card.text);
    await s.settled;
    assert.equal(store.records.length, 2);
    // Nothing of the card is held or recorded: not its number, name, address or issue date.
    const kept = JSON.stringify([store.records, s.vehicle.map((e) => ({ ...e, verdict: null, pass: null, text: null }))]);
    for (const value of [card.fields.address, card.fields.issueDate, '15062021']) assert.ok(!kept.includes(value), value);
  });

  it('someone else\'s card: mismatch field by field, "KIỂM TRA THÊM", the automatic allow is replaced by refer', async () => {
    const store = new FakeStore();
    const s = session(store);
    const a = await pass();
    s.scan(a.text, a.verdict, 'camera');
    await s.settled;
    const other = fakeIdCard({ seed: 7 });
    s.card(other.text);
    await s.settled;
    const entry = s.vehicle[0];
    assert.equal(entry?.card?.result, 'mismatch');
    assert.equal(entry?.card?.fields[0]?.outcome, 'mismatch');
    const rec = s.recommendation(entry as never);
    assert.equal(rec.action, 'check');
    assert.equal(rec.headline.vi, 'KIỂM TRA THÊM');
    assert.equal(store.records.at(-1)?.decision, 'refer');
    assert.equal(store.records.at(-1)?.idCheck, 'mismatch');
    assert.ok(!JSON.stringify(store.records).includes(other.fields.cccd));
    assert.ok(!JSON.stringify(store.records).includes(other.fields.fullName));
  });

  it('a card read before the pass\'s record is written: the first record already carries idCheck', async () => {
    const store = new FakeStore();
    const s = session(store);
    const a = await pass();
    s.scan(a.text, a.verdict, 'camera');
    s.card(cardQrText(referenceHolderCard().fields, { fullName: 'Nguyễn Thị Minh Khải' }));
    await s.settled;
    assert.equal(store.records.length, 1);
    assert.equal(store.records[0]?.idCheck, 'mismatch');
    assert.equal(store.records[0]?.decision, 'refer');
    assert.deepEqual(s.vehicle[0]?.card?.fields.map((f) => f.outcome), ['match', 'mismatch', 'match', 'match']);
  });

  it('an unreadable card code: said, nothing recorded of it; no pass in the vehicle: ignored', async () => {
    const s0 = session(new FakeStore());
    assert.equal(s0.card(referenceHolderCard().text), undefined);
    const store = new FakeStore();
    const s = session(store);
    const a = await pass();
    s.scan(a.text, a.verdict, 'camera');
    await s.settled;
    s.card('001190012345||Nguyễn|99999999|Nam|x|01012021');
    assert.equal(s.vehicle[0]?.cardUnreadable, true);
    assert.equal(s.vehicle[0]?.card, undefined);
    await s.settled;
    assert.equal(store.records.length, 1);
  });

  it('a declared positive test: "KHÔNG CHO ĐI TIẾP — báo y tế" as the headline, refer recorded', async () => {
    const store = new FakeStore();
    const s = session(store);
    const today = vietnamDate(new Date(now));
    const a = await pass({ health: { symptoms: [], contactWithCase: false, testResult: { kind: 'rapid', result: 'positive', date: today } } } as never);
    assert.equal(a.verdict.status, 'valid');
    s.scan(a.text, a.verdict, 'camera');
    await s.settled;
    const rec = s.recommendation(s.vehicle[0] as never);
    assert.equal(rec.action, 'deny-health');
    assert.equal(rec.headline.vi, 'KHÔNG CHO ĐI TIẾP — báo y tế');
    assert.equal(store.records[0]?.decision, 'refer');
  });

  it('revoked: "KHÔNG HỢP LỆ" and deny recorded automatically', async () => {
    const store = new FakeStore();
    const s = session(store);
    const a = await pass();
    const revoked = await createTrustStore({ ...issuer.trust, updatedAt: new Date(now), revokedPassIds: [a.verdict.pass?.passId ?? ''] });
    const verdict = await verifyPass(a.text, revoked, { now: new Date(now) });
    assert.equal(verdict.status, 'revoked');
    s.scan(a.text, verdict, 'camera');
    await s.settled;
    assert.equal(s.recommendation(s.vehicle[0] as never).action, 'invalid');
    assert.equal(store.records[0]?.decision, 'deny');
  });
});

