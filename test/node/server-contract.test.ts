/// <reference types="node" />
// The reference server (server/) on PGlite and on a real PostgreSQL: enrolment, revocation,
// own checkpoint, integrity on arrival (time window, gaps, pending-link, chain), roles and
// audit, lock-out, malformed input, rate limits, idempotency, retention, health, persistence.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openDatabase } from '../../server/db';
import { migrate } from '../../server/migrations';
import { createPortal } from '../../server/portal';
import { referenceDeclaration } from '../fixtures/reference';
import { batchRequest, newDevice, type BatchAnswer } from './backend-support';
import { engines, enrolledDevice, freshPortal, req, signIn } from './server-support';

interface Answer extends BatchAnswer {
  held: { id: string; code: string }[];
  missing: { from: number; to: number }[];
}

const codeOf = async (r: Response) => ((await r.json()) as { errors: { code: string }[] }).errors[0]?.code;

for (const engine of engines()) {
  describe(`reference server on ${engine.name}`, () => {
    it('enrols only with a one-time, unexpired code and binds the device to its checkpoint', async () => {
      let clock = Date.now();
      const portal = await freshPortal(engine, { now: () => clock });
      await portal.createCheckpoint({ id: 'HN-QL1A-01', name: 'Pháp Vân', provinceCode: '01' });
      const device = await newDevice('HN-QL1A-01');
      const body = (extra: Record<string, unknown>) => ({ deviceId: device.deviceId, publicKeyJwk: device.publicJwk, checkpointId: 'HN-QL1A-01', ...extra });
      assert.equal(await codeOf(await portal.handle(req('/api/devices', { body: body({}) }))), 'enrolment-required');
      assert.equal(await codeOf(await portal.handle(req('/api/devices', { body: body({ enrolmentCode: 'ABCD-EFGH' }) }))), 'invalid-enrolment-code');
      const { code } = await portal.issueEnrolmentCode('HN-QL1A-01', 'admin');
      assert.match(code, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      const wrongPlace = await portal.handle(req('/api/devices', { body: body({ enrolmentCode: code, checkpointId: 'BN-QL18-02' }) }));
      assert.equal(wrongPlace.status, 409);
      const ok = await portal.handle(req('/api/devices', { body: body({ enrolmentCode: code.toLowerCase().replace('-', ' ') }) }));
      assert.equal(ok.status, 201);
      assert.equal(((await ok.json()) as { checkpointId: string }).checkpointId, 'HN-QL1A-01');
      // Used: a second device cannot take the same code.
      const other = await newDevice('HN-QL1A-01');
      const reuse = await portal.handle(req('/api/devices', { body: { deviceId: other.deviceId, publicKeyJwk: other.publicJwk, enrolmentCode: code } }));
      assert.equal(await codeOf(reuse), 'invalid-enrolment-code');
      // Expired.
      const late = await portal.issueEnrolmentCode('HN-QL1A-01', 'admin');
      clock += 31 * 60_000;
      const expired = await portal.handle(req('/api/devices', { body: { deviceId: other.deviceId, publicKeyJwk: other.publicJwk, enrolmentCode: late.code } }));
      assert.equal(expired.status, 403);
      // The enrolled key again (kiosk re-registration) needs no code.
      assert.equal((await portal.handle(req('/api/devices', { body: body({}) }))).status, 200);
    });

    it('refuses passages naming another checkpoint, outside the time window, and every batch of a revoked device', async () => {
      const portal = await freshPortal(engine);
      const device = await enrolledDevice(portal);
      const records = [
        device.record({ checkpointId: 'BN-QL18-02' }),
        device.record({ at: '2021-08-01T08:00:00.000Z' }),
        device.record({ at: '2099-01-01T00:00:00.000Z' }),
        device.record({}),
      ];
      const answer = (await (await portal.handle(await batchRequest(device, records))).json()) as Answer;
      assert.deepEqual(answer.rejected.map((r) => r.code), ['checkpoint-mismatch', 'at-before-enrolment', 'at-in-future']);
      assert.deepEqual(answer.accepted, [records[3]?.id], 'the chain links through refused records');
      assert.deepEqual(answer.missing, []);
      const admin = await signIn(portal, 'admin1', 'admin', null);
      const revoke = await portal.handle(req(`/api/admin/devices/${device.deviceId}/revoke`, { body: { reason: 'kiosk stolen' }, cookie: admin }));
      assert.equal(revoke.status, 200);
      const after = await portal.handle(await batchRequest(device, [device.record({})]));
      assert.equal(after.status, 403);
      assert.equal(await codeOf(after), 'device-revoked');
    });

    it('reports sequence gaps in every answer and holds a record whose predecessor is absent until it arrives', async () => {
      const portal = await freshPortal(engine);
      const device = await enrolledDevice(portal);
      const r1 = device.record({});
      const r2 = device.record({});
      const r3 = device.record({});
      const r4 = device.record({});
      let a = (await (await portal.handle(await batchRequest(device, [r1, r2, r4]))).json()) as Answer;
      assert.deepEqual(a.accepted, [r1.id, r2.id]);
      assert.deepEqual(a.held, [{ id: r4.id, code: 'pending-link' }]);
      assert.deepEqual(a.missing, [{ from: 3, to: 3 }]);
      // A forged predecessor (wrong prevHash) does not link anything.
      const forged = { ...r3, prevHash: '0'.repeat(64) };
      const { computePassageHash } = await import('../../src/core/passage-record');
      const { hash: _h, ...unhashed } = forged;
      const forgedRecord = { ...forged, hash: computePassageHash(unhashed) };
      a = (await (await portal.handle(await batchRequest(device, [forgedRecord]))).json()) as Answer;
      assert.deepEqual(a.rejected.map((r) => r.code), ['chain-broken']);
      assert.deepEqual(a.missing, [{ from: 3, to: 3 }]);
      a = (await (await portal.handle(await batchRequest(device, [r3, r4]))).json()) as Answer;
      assert.deepEqual(a.accepted, [r3.id]);
      assert.deepEqual(a.duplicate, [r4.id], 'r4 was linked when r3 arrived');
      assert.deepEqual(a.missing, []);
      const admin = await signIn(portal, 'admin1', 'admin', null);
      const route = await portal.handle(req(`/api/passes/${r4.passId}/route`, { cookie: admin, headers: { 'X-Lookup-Reason': 'contact tracing case 12' } }));
      assert.equal(((await route.json()) as { passages: unknown[] }).passages.length, 4);
    });

    it('replays a batch answer for the same key and body, 409 for another body; stores kiosk alarms for administrators', async () => {
      const portal = await freshPortal(engine);
      const device = await enrolledDevice(portal);
      const records = [device.record({})];
      const first = await batchRequest(device, records);
      const again = first.clone();
      const kept = first.clone();
      const one = await portal.handle(first);
      const two = await portal.handle(again);
      assert.equal(two.headers.get('Idempotent-Replayed'), 'true');
      assert.equal(await two.text(), await one.text());
      const batchId = ((await kept.json().catch(() => null)) as { batchId?: string } | null)?.batchId;
      assert.ok(batchId);
      const other = await portal.handle(await batchRequest(device, [device.record({})], { batchId }));
      assert.equal(await codeOf(other), 'idempotency-key-reused');
      const body = JSON.stringify({ alarms: [{ code: 'record-missing', detectedAt: new Date().toISOString(), fromSeq: 3, toSeq: 4 }], batchId: '01936b1e-5f00-7000-8000-0000000000aa', deviceId: device.deviceId, records: [device.record({})] });
      const withAlarm = await portal.handle(await batchRequest(device, [], { batchId: '01936b1e-5f00-7000-8000-0000000000aa', body }));
      assert.equal(withAlarm.status, 200);
      const admin = await signIn(portal, 'admin1', 'admin', null);
      const devices = (await (await portal.handle(req('/api/admin/devices', { cookie: admin }))).json()) as { devices: { alarms: { code: string; fromSeq: number }[] }[] };
      assert.deepEqual(devices.devices[0]?.alarms.map((x) => [x.code, x.fromSeq]), [['record-missing', 3]]);
      const page = await portal.handle(req('/admin', { cookie: admin }));
      assert.match(await page.text(), /record-missing 3–4/);
    });

    it('refuses declared places that are not in the unit catalogue in force (the form is not trusted)', async () => {
      const portal = await freshPortal(engine);
      const decl = referenceDeclaration();
      const post = (body: unknown) => portal.handle(req('/api/declarations', { body }));
      // A real ward, but of another province (Phường Phúc Xá, 00001, is Hà Nội's).
      const elsewhere = await post({ ...decl, origin: { ...decl.origin, provinceCode: '27', unitCode: '00001' } });
      assert.equal(elsewhere.status, 400);
      assert.deepEqual((await elsewhere.json() as { errors: { field: string; code: string }[] }).errors.map((e) => [e.field, e.code]), [['origin.unitCode', 'unit-not-in-province']]);
      // A province code of the right shape that the catalogue does not have.
      const noProvince = await post({ ...decl, destination: { ...decl.destination, provinceCode: '99' } });
      assert.equal(noProvince.status, 400);
      const codes = (await noProvince.json() as { errors: { code: string }[] }).errors.map((e) => e.code);
      assert.ok(codes.includes('unknown-province') || codes.includes('unknown-value'), codes.join());
      // The reference declaration's wards are real wards of their provinces.
      assert.equal((await post(decl)).status, 201);
    });

    it('lets ward staff read only their ward, routes only to tracers and admins with a reason, and audits each lookup', async () => {
      const portal = await freshPortal(engine);
      const declared = (await (await portal.handle(req('/api/declarations', { body: referenceDeclaration() }))).json()) as { passId: string };
      const device = await enrolledDevice(portal);
      const decl = referenceDeclaration();
      await portal.handle(await batchRequest(device, [device.record({ passId: declared.passId, originUnit: decl.origin.unitCode, destinationUnit: decl.destination.unitCode })]));
      const date = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
      const feed = (unit: string, cookie?: string) => portal.handle(req(`/api/wards/${unit}/movements?date=${date}`, cookie ? { cookie } : {}));
      assert.equal(await codeOf(await feed(decl.origin.unitCode)), 'login-required');
      const ward = await signIn(portal, 'ward1', 'ward', decl.origin.unitCode);
      const own = await feed(decl.origin.unitCode, ward);
      assert.equal(own.status, 200);
      const items = ((await own.json()) as { items: { person: unknown }[] }).items;
      assert.equal(items.length, 1);
      assert.equal((await feed(decl.destination.unitCode, ward)).status, 403);
      assert.equal((await portal.handle(req(`/api/passes/${declared.passId}/route`, { cookie: ward, headers: { 'X-Lookup-Reason': 'curious' } }))).status, 403);
      const tracer = await signIn(portal, 'tracer1', 'tracer', '01');
      assert.equal(await codeOf(await portal.handle(req(`/api/passes/${declared.passId}/route`, { cookie: tracer }))), 'reason-required');
      const route = await portal.handle(req(`/api/passes/${declared.passId}/route?reason=${encodeURIComponent('F1 contact of case 4471')}`, { cookie: tracer }));
      assert.equal(route.status, 200);
      // The header form, as fetchPassRoute sends it: UTF-8 percent-encoded; a broken escape is refused.
      const vi = 'Truy vết F1 ca bệnh 4471';
      assert.equal((await portal.handle(req(`/api/passes/${declared.passId}/route`, { cookie: tracer, headers: { 'X-Lookup-Reason': encodeURIComponent(vi) } }))).status, 200);
      assert.equal(await codeOf(await portal.handle(req(`/api/passes/${declared.passId}/route`, { cookie: tracer, headers: { 'X-Lookup-Reason': 'F1%E0%A4%A' } }))), 'reason-required');
      const admin = await signIn(portal, 'admin1', 'admin', null);
      const log = (await (await portal.handle(req('/api/admin/audit', { cookie: admin }))).json()) as { entries: { actor: string; action: string; subject: string; reason: string | null }[] };
      assert.ok(log.entries.some((e) => e.actor === 'tracer1' && e.action === 'route' && e.subject === declared.passId && e.reason === 'F1 contact of case 4471'));
      assert.ok(log.entries.some((e) => e.actor === 'tracer1' && e.action === 'route' && e.reason === vi));
      assert.ok(log.entries.some((e) => e.actor === 'ward1' && e.action === 'ward-feed'));
      // Cookies: HttpOnly, SameSite=Strict.
      const login = await portal.handle(req('/auth/login', { body: { username: 'ward1', password: 'correct horse battery' } }));
      assert.match(login.headers.get('Set-Cookie') ?? '', /HttpOnly; SameSite=Strict/);
    });

    it('locks an account after repeated failures, even for the right password', async () => {
      const portal = await freshPortal(engine);
      await portal.createAccount('officer1', 'correct horse battery', 'officer', 'HN-QL1A-01');
      const attempt = (password: string) => portal.handle(req('/auth/login', { body: { username: 'officer1', password } }));
      for (let i = 0; i < 4; i++) assert.equal((await attempt('wrong password!')).status, 401);
      assert.equal((await attempt('wrong password!')).status, 423);
      assert.equal((await attempt('correct horse battery')).status, 423);
      const form = await portal.handle(req('/auth/login', { body: 'username=officer1&password=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }));
      assert.match(await form.text(), /role="alert"/);
    });

    it('answers malformed paths and queries with 400 and floods with 429 + Retry-After', async () => {
      const portal = await freshPortal(engine, { limits: { device: { rate: 1, burst: 2 } } });
      const ward = await signIn(portal, 'ward1', 'ward', '00070');
      const bad = await portal.handle(req('/api/wards/%E0%A4%A/movements?date=2025-09-21', { cookie: ward }));
      assert.equal(bad.status, 400);
      assert.equal(await codeOf(bad), 'invalid-path');
      assert.equal(await codeOf(await portal.handle(req('/api/wards/00070/movements?date=2025-09-21&date=2025-09-22', { cookie: ward }))), 'invalid-query');
      assert.equal(await codeOf(await portal.handle(req('/api/wards/00070/movements?date=2025-09-21&x=%ZZ', { cookie: ward }))), 'unexpected-parameter');
      assert.equal((await portal.handle(req('/api/passes/%ZZ/route'))).status, 400);
      const device = await enrolledDevice(portal);
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 4; i++) {
        const r = await portal.handle(await batchRequest(device, [device.record({})]));
        statuses.push(r.status);
        if (r.status === 429) retryAfter = r.headers.get('Retry-After');
      }
      assert.ok(statuses.includes(429), statuses.join(','));
      assert.match(retryAfter ?? '', /^\d+$/);
    });

    it('purges in chunks what is past retention and nothing younger', async () => {
      let clock = Date.parse('2025-09-01T00:00:00Z');
      const portal = await freshPortal(engine, { now: () => clock, retentionDays: 30 });
      const device = await enrolledDevice(portal);
      const old: string[] = [];
      for (let i = 0; i < 5; i++) old.push((await (await portal.handle(req('/api/declarations', { body: { ...referenceDeclaration(), departureDate: '2025-09-01', returnDate: '2025-09-02' } }))).json() as { passId: string }).passId);
      const decl = referenceDeclaration();
      const unit = { originUnit: decl.origin.unitCode, destinationUnit: decl.destination.unitCode };
      await portal.handle(await batchRequest(device, old.map((passId) => device.record({ passId, at: new Date(clock).toISOString(), ...unit }))));
      clock = Date.parse('2025-10-06T00:00:00Z'); // over 30 days after those passes expired (72 h validity)
      const young = (await (await portal.handle(req('/api/declarations', { body: { ...referenceDeclaration(), departureDate: '2025-10-06', returnDate: '2025-10-07' } }))).json()) as { passId: string };
      await portal.handle(await batchRequest(device, [device.record({ passId: young.passId, at: new Date(clock).toISOString(), ...unit })]));
      const removed = await portal.purge({ chunk: 2 });
      assert.equal(removed.passages, 5);
      assert.equal(removed.passes, 5);
      assert.equal(removed.declarations, 5);
      const db = engine.db();
      const [left] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM passages');
      assert.equal(left?.n, 1);
      const [pass] = await db.query<{ pass_id: string }>('SELECT pass_id FROM passes');
      assert.equal(pass?.pass_id, young.passId);
    });

    it('reports health and readiness, and refuses new work while draining', async () => {
      const portal = await freshPortal(engine);
      assert.equal((await portal.handle(req('/healthz'))).status, 200);
      assert.equal(((await (await portal.handle(req('/readyz'))).json()) as { engine: string }).engine, engine.name);
      await portal.drain();
      assert.equal((await portal.handle(req('/readyz'))).status, 503);
    });
  });
}

describe('reference server persistence (PGlite on disk)', () => {
  it('keeps acknowledged passages across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ck-pglite-'));
    try {
      let db = await openDatabase({ dataDir: dir });
      await migrate(db);
      let portal = await createPortal({ db });
      const device = await enrolledDevice(portal);
      const r = device.record({});
      const answer = (await (await portal.handle(await batchRequest(device, [r]))).json()) as Answer;
      assert.deepEqual(answer.accepted, [r.id]);
      await db.close();
      db = await openDatabase({ dataDir: dir });
      assert.deepEqual(await migrate(db), []);
      portal = await createPortal({ db });
      const again = (await (await portal.handle(await batchRequest(device, [r]))).json()) as Answer;
      assert.deepEqual(again.duplicate, [r.id]);
      await db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
