/// <reference types="node" />
// Tracing on the reference server, PGlite and PostgreSQL: the whole loop — declarations, several
// kiosks with vehicle groups and a follow-up decision, the exposure query (co-travellers and
// same-window contacts), deliveries to the contacts' wards, the wards' contact lists (without
// the case's pass id), ward movements as passage events, and the ward's live stream with
// resume by Last-Event-ID — plus roles, audit and bad input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { batchRequest, type TestDevice } from './backend-support';
import { engines, freshPortal, req, signIn } from './server-support';
import { declarePerson, kiosk, sseReader, type Person } from './server-tracing-support';
import { createPortal, type Portal } from '../../server/portal';
import type { Exposure } from '../../src/api/exposure';
import type { WardContact, WardFeedItem } from '../../src/api/ward-feed';
import { wardSides } from '../../server/passage-store';

const G1 = `${'G'.repeat(21)}A`;
const G2 = `${'H'.repeat(21)}Q`;
const MIN = 60_000;
const codeOf = async (r: Response) => ((await r.json()) as { errors: { code: string }[] }).errors[0]?.code;

async function submit(portal: Portal, device: TestDevice, records: Parameters<TestDevice['record']>[0][]): Promise<string[]> {
  const built = records.map((f) => device.record(f));
  const response = await portal.handle(await batchRequest(device, built));
  const body = (await response.json()) as { accepted: string[]; rejected: unknown[] };
  assert.equal(response.status, 200);
  assert.deepEqual(body.rejected, []);
  assert.equal(body.accepted.length, built.length);
  return built.map((r) => r.id);
}

const at = (ms: number) => new Date(ms).toISOString();
const ref = (p: Person) => ({ passId: p.passId, originUnit: p.origin, destinationUnit: p.destination });

describe('relation of a passage to its wards', () => {
  it('inside the checkpoint province in = arrival, outside the reverse; unknown province: origin departs, destination arrives', () => {
    const trip = { originUnit: '09163', destinationUnit: '00001' }; // Bắc Ninh → Hà Nội
    assert.deepEqual(wardSides({ ...trip, direction: 'in' }, '01'), [['09163', 'departure'], ['00001', 'arrival']]);
    assert.deepEqual(wardSides({ ...trip, direction: 'out' }, '01'), [['09163', 'arrival'], ['00001', 'departure']]);
    assert.deepEqual(wardSides({ ...trip, direction: 'out' }, '27'), [['09163', 'departure'], ['00001', 'arrival']]);
    assert.deepEqual(wardSides({ ...trip, direction: 'in' }, null), [['09163', 'departure'], ['00001', 'arrival']]);
    assert.deepEqual(wardSides({ originUnit: '00001', destinationUnit: '00001', direction: 'in' }, '01'), [['00001', 'arrival']]);
  });
});

for (const engine of engines()) {
  describe(`tracing on ${engine.name}`, () => {
    it('finds co-travellers and same-window contacts of a case, delivers them to their wards, streams it all live', async () => {
      const portal = await freshPortal(engine);
      const a = await kiosk(portal, 'HN-QL1A-01');
      const b = await kiosk(portal, 'HN-QL1A-01');
      const c = await kiosk(portal, 'HN-QL5-01');
      await portal.createCheckpoint({ id: 'HN-QL1A-01', name: 'Pháp Vân', provinceCode: '01', road: 'QL1A', lat: 20.9386, lon: 105.8446 });
      await portal.createCheckpoint({ id: 'HN-QL5-01', name: 'Cầu Phù Đổng', provinceCode: '01', road: 'QL5', lat: 21.0489, lon: 105.9147 });

      const kase = await declarePerson(portal, 'Trần Văn Ca', '09163', '00001', { symptoms: ['fever'], testResult: { result: 'positive', date: at(Date.now() - 86_400_000).slice(0, 10) } });
      const x = await declarePerson(portal, 'Lê Thị Xuân', '09166', '00004', { contactWithCase: true });
      const y = await declarePerson(portal, 'Phạm Văn Yên', '09169', '00006');
      const z = await declarePerson(portal, 'Đỗ Thị Zung', '00037', '09193');
      const w = await declarePerson(portal, 'Ngô Văn Wũ', '09196', '00040');
      const v = await declarePerson(portal, 'Vũ Thị Vân', '09199', '00043');

      // The ward of Y's destination watches live before anything happens.
      const wardY = await signIn(portal, 'ward.00006', 'ward', '00006');
      const stream = await portal.handle(req('/api/wards/00006/events', { cookie: wardY }));
      assert.equal(stream.status, 200);
      assert.match(stream.headers.get('Content-Type') ?? '', /^text\/event-stream/);
      const live = sseReader(stream);

      const t = Date.parse(`${vnDate(Date.now() - 86_400_000)}T12:00:00+07:00`); // yesterday noon, Vietnam: every passage on one day
      await submit(portal, a, [
        { ...ref(kase), at: at(t), direction: 'in', vehicleGroupId: G1, idCheck: 'matched' },
        { ...ref(x), at: at(t + 0.5 * MIN), direction: 'in', vehicleGroupId: G1, idCheck: 'mismatch' },
        { ...ref(w), at: at(t + 40 * MIN), direction: 'in', vehicleGroupId: G2 },
      ]);
      const [, yFirst] = await submit(portal, b, [
        { ...ref(z), at: at(t - 10 * MIN), direction: 'out' },
        { ...ref(y), at: at(t + 5 * MIN), direction: 'in', decision: 'refer', verdictStatus: 'unverified-manual' },
      ]);
      await submit(portal, c, [{ ...ref(v), at: at(t), direction: 'in' }]);
      const e1 = await live.next();
      assert.equal(e1.event, 'movement');
      const m1 = JSON.parse(e1.data) as WardFeedItem;
      assert.equal(m1.passageId, yFirst);
      assert.equal(m1.relation, 'arrival');
      assert.equal(m1.passed, false);
      // The follow-up decision amends Y's passage: the same item again (same id ⇒ replace), not a new arrival.
      await submit(portal, b, [{ ...ref(y), at: at(t + 7 * MIN), direction: 'in', decision: 'allow', amends: yFirst }]);
      const e2 = await live.next();
      const m2 = JSON.parse(e2.data) as WardFeedItem;
      assert.equal(m2.id, m1.id);
      assert.equal(m2.passed, true);
      assert.deepEqual(m2.decisions.map((d) => d.decision), ['refer', 'allow']);
      assert.ok(Number(e2.id) > Number(e1.id));

      // Ward movements: one item per passage event and side, history inside, relation by direction of travel.
      const feed = await portal.handle(req('/api/wards/00006/movements?date=' + vnDate(t + 5 * MIN) + '&limit=2000', { cookie: wardY }));
      assert.equal(feed.status, 200);
      const page = (await feed.json()) as { items: WardFeedItem[]; lastEventId: string };
      assert.equal(page.items.length, 1);
      assert.deepEqual(page.items[0], m2);
      assert.equal(page.items[0]?.checkpoint?.name, 'Pháp Vân');
      assert.ok(Number(page.lastEventId) >= Number(e2.id)); // the newest event of any stream
      const admin = await signIn(portal, 'admin', 'admin', null);
      const zSide = (unit: string) => portal.handle(req(`/api/wards/${unit}/movements?date=${vnDate(t)}`, { cookie: admin })).then(async (r) => ((await r.json()) as { items: WardFeedItem[] }).items);
      assert.deepEqual((await zSide('00037')).map((i) => i.relation), ['departure']); // a Hà Nội ward, leaving through a Hà Nội gateway
      assert.deepEqual((await zSide('09193')).map((i) => i.relation), ['arrival']); // a Bắc Ninh ward, the traveller coming towards it
      const xItem = (await zSide('00004'))[0];
      assert.deepEqual(xItem?.flags, { riskArea: false, symptoms: false, contact: true, positiveTest: false, idMismatch: true });
      assert.equal(xItem?.idCheck, 'mismatch');
      const caseItem = (await zSide('00001'))[0];
      assert.equal(caseItem?.flags.positiveTest, true);
      assert.equal(caseItem?.flags.symptoms, true);
      // Polling: only what changed after an event.
      const since = await portal.handle(req(`/api/wards/00006/movements?date=${vnDate(t)}&since=${e1.id}`, { cookie: wardY }));
      assert.deepEqual(((await since.json()) as { items: WardFeedItem[] }).items.map((i) => i.decisions.length), [2]);

      // Exposure: tracer of the province, with a reason.
      const tracer = await signIn(portal, 'tracer.01', 'tracer', '01');
      const reason = { 'X-Lookup-Reason': encodeURIComponent('ca dương tính F0 — truy vết') };
      const response = await portal.handle(req(`/api/exposure?passId=${kase.passId}`, { cookie: tracer, headers: reason }));
      assert.equal(response.status, 200);
      const found = (await response.json()) as Exposure;
      assert.equal(found.windowMinutes, 15);
      assert.equal(found.truncated, false);
      assert.deepEqual(found.contacts.map((k) => k.key), [x.passId, y.passId, z.passId]);
      assert.deepEqual(found.contacts.map((k) => k.links[0]?.kind), ['co-traveller', 'same-window', 'same-window']);
      assert.deepEqual(found.contacts.map((k) => k.links[0]?.sameDirection), [true, true, false]);
      assert.deepEqual(found.contacts.map((k) => k.links[0]?.minutesApart), [0.5, 5, 10]);
      assert.deepEqual(found.contacts.map((k) => [k.originUnit, k.destinationUnit]), [[x.origin, x.destination], [y.origin, y.destination], [z.origin, z.destination]]);
      assert.equal(found.contacts[1]?.route.length, 2); // Y's passage and its follow-up
      assert.equal(found.contacts[0]?.person?.fullName, x.fullName);
      assert.equal(found.case.passages[0]?.vehicleGroupId, G1);
      const wider = (await (await portal.handle(req(`/api/exposure?passId=${kase.passId}&windowMinutes=45`, { cookie: tracer, headers: reason }))).json()) as Exposure;
      assert.deepEqual(wider.contacts.map((k) => k.key).sort(), [x.passId, y.passId, z.passId, w.passId].sort());

      // Deliveries, idempotent per (case, contact, ward).
      const delivery = { casePassId: kase.passId, windowMinutes: 15, keys: [x.passId, y.passId, z.passId] };
      const delivered = await portal.handle(req('/api/exposure/deliveries', { body: delivery, cookie: tracer, headers: reason }));
      assert.equal(delivered.status, 200);
      assert.deepEqual(((await delivered.json()) as { delivered: { key: string; unitCodes: string[] }[] }).delivered,
        [x, y, z].map((p) => ({ key: p.passId, unitCodes: [p.origin, p.destination] })));
      const e3 = await live.next();
      assert.equal(e3.event, 'contact');
      assert.equal((JSON.parse(e3.data) as WardContact).key, y.passId);
      assert.equal((await portal.handle(req('/api/exposure/deliveries', { body: delivery, cookie: tracer, headers: reason }))).status, 200);
      const [count] = await portal.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ward_contacts');
      assert.equal(count?.n, 6);

      for (const p of [x, y, z]) {
        for (const unit of [p.origin, p.destination]) {
          const cookie = await signIn(portal, `ward.${unit}`, 'ward', unit);
          const answer = await portal.handle(req(`/api/wards/${unit}/contacts`, { cookie }));
          assert.equal(answer.status, 200);
          const text = await answer.text();
          assert.ok(!text.includes(kase.passId), 'the case pass id is never shown to a ward');
          const items = (JSON.parse(text) as { items: WardContact[] }).items;
          assert.deepEqual(items.map((i) => i.key), [p.passId]);
          assert.equal(items[0]?.link.checkpointName, 'Pháp Vân');
        }
      }
      const contactEvents = await portal.db.query<{ data: string }>("SELECT data::text FROM tracing_events WHERE kind = 'contact'");
      assert.equal(contactEvents.length, 6);
      assert.ok(contactEvents.every((e) => !e.data.includes(kase.passId)));

      // Resume after e1: exactly e2 and e3, then the next live event without a gap.
      await live.cancel();
      const again = sseReader(await portal.handle(req('/api/wards/00006/events', { cookie: wardY, headers: { 'Last-Event-ID': e1.id ?? '' } })));
      assert.deepEqual([(await again.next()).id, (await again.next()).id], [e2.id, e3.id]);
      await submit(portal, a, [{ ...ref(y), at: at(t + 60 * MIN), direction: 'out' }]);
      const e4 = await again.next();
      const [expected] = await portal.db.query<{ id: number }>(`SELECT min(id)::int AS id FROM tracing_events WHERE unit_code = '00006' AND id > $1`, [Number(e3.id)]);
      assert.equal(Number(e4.id), expected?.id);
      assert.equal((JSON.parse(e4.data) as WardFeedItem).relation, 'departure');
      // The server stops: the stream ends.
      await portal.drain();
      assert.equal(await again.ends(), true);

      // Every exposure lookup and delivery is in the audit log, with its reason.
      const audits = await portal.db.query<{ action: string; subject: string; reason: string }>(
        "SELECT action, subject, reason FROM audit_log WHERE action LIKE 'exposure%' ORDER BY id");
      assert.deepEqual(audits.map((r) => r.action), ['exposure', 'exposure', 'exposure-delivery', 'exposure-delivery']);
      assert.ok(audits.every((r) => r.subject === kase.passId && r.reason === 'ca dương tính F0 — truy vết'));
    });

    it('keeps exposure to tracers of the case province and admins, with a reason; bad input is a coded 4xx', async () => {
      const portal = await freshPortal(engine);
      const a = await kiosk(portal, 'HN-QL1A-01');
      const kase = await declarePerson(portal, 'Trần Văn Ca', '09163', '00001');
      await submit(portal, a, [{ ...ref(kase), at: at(Date.now() - 30 * MIN), direction: 'in', vehicleGroupId: G1 }]);
      const ward = await signIn(portal, 'ward.00001', 'ward', '00001');
      const far = await signIn(portal, 'tracer.79', 'tracer', '79');
      const tracer = await signIn(portal, 'tracer.01', 'tracer', '01');
      const reason = { 'X-Lookup-Reason': 'case follow-up' };
      const ask = (cookie: string, query: string, headers: Record<string, string> = reason) => portal.handle(req(`/api/exposure?${query}`, { cookie, headers }));
      assert.equal((await ask(ward, `passId=${kase.passId}`)).status, 403);
      const other = await ask(far, `passId=${kase.passId}`);
      assert.equal(other.status, 403);
      assert.equal(await codeOf(other), 'forbidden');
      assert.equal(await codeOf(await ask(tracer, `passId=${kase.passId}`, {})), 'reason-required');
      assert.equal(await codeOf(await ask(tracer, `passId=${'Q'.repeat(22)}`)), 'pass-not-found');
      for (const [query, code] of [
        ['passId=short', 'invalid-format'], [`passId=${kase.passId}&windowMinutes=0`, 'invalid-window'], [`passId=${kase.passId}&windowMinutes=121`, 'invalid-window'],
        [`passId=${kase.passId}&windowMinutes=1e2`, 'invalid-window'], [`passId=${kase.passId}&x=1`, 'unexpected-parameter'], ['', 'invalid-format'],
      ] as const) {
        const r = await ask(tracer, query);
        assert.ok(r.status >= 400 && r.status < 500, query);
        assert.equal(await codeOf(r), code, query);
      }
      const audits = await portal.db.query<{ actor: string }>("SELECT actor FROM audit_log WHERE action = 'exposure' ORDER BY id");
      assert.deepEqual(audits.map((r) => r.actor), ['tracer.79', 'tracer.01']); // every answered lookup, the refused one too
      const post = (body: unknown, headers: Record<string, string> = reason) => portal.handle(req('/api/exposure/deliveries', { body, cookie: tracer, headers }));
      for (const [body, code] of [
        [{ casePassId: kase.passId, keys: [] }, 'invalid-body'], [{ casePassId: kase.passId, keys: ['nope'] }, 'invalid-body'],
        [{ casePassId: 'x', keys: [kase.passId] }, 'invalid-format'], [{ casePassId: kase.passId, keys: [`${'Z'.repeat(21)}A`] }, 'not-a-contact'],
        [{ casePassId: kase.passId, keys: [kase.passId], extra: 1 }, 'unexpected-field'], [[1], 'invalid-body'], ['{', 'invalid-json'],
        [{ casePassId: kase.passId, windowMinutes: 'x', keys: [kase.passId] }, 'invalid-window'],
      ] as const) {
        const r = await post(body);
        assert.ok(r.status >= 400 && r.status < 500, JSON.stringify(body));
        assert.equal(await codeOf(r), code, JSON.stringify(body));
      }
      assert.equal(await codeOf(await post({ casePassId: kase.passId, keys: [kase.passId] }, {})), 'reason-required');
      assert.equal((await portal.handle(req('/api/exposure/deliveries', { body: { casePassId: kase.passId, keys: [kase.passId] }, cookie: ward, headers: reason }))).status, 403);
      // Other tracing endpoints.
      const admin = await signIn(portal, 'admin', 'admin', null);
      for (const [path, code, cookie] of [
        ['/api/wards/00001/movements?date=2021-02-30', 'invalid-date', ward], ['/api/wards/00001/movements?date=2021-09-01&limit=2001', 'invalid-limit', ward],
        ['/api/wards/00001/movements?date=2021-09-01&since=abc', 'invalid-event-id', ward], ['/api/wards/00001/movements?date=2021-09-01&since=99999', 'events-expired', ward],
        ['/api/wards/00002/contacts', 'forbidden', ward], ['/api/wards/00001/contacts?date=x', 'invalid-date', ward], ['/api/wards/1/contacts', 'invalid-format', ward],
        ['/api/wards/00002/events', 'forbidden', ward], ['/api/checkpoints/events', 'forbidden', ward], ['/api/stats/checkpoints?date=2021-09-01', 'forbidden', ward],
        ['/api/stats/checkpoints', 'invalid-date', admin], ['/api/stats/checkpoints?date=2021-13-01', 'invalid-date', admin],
        ['/api/wards/00001/events?lastEventId=-1', 'invalid-event-id', ward], ['/api/checkpoints?x=1', 'unexpected-parameter', ward],
      ] as const) {
        const r = await portal.handle(req(path, { cookie }));
        assert.ok(r.status >= 400 && r.status < 500, `${path} ${r.status}`);
        assert.equal(await codeOf(r), code, path);
      }
      assert.equal((await portal.handle(req('/api/checkpoints'))).status, 401);
      const list = await portal.handle(req('/api/checkpoints', { cookie: ward }));
      assert.deepEqual(((await list.json()) as { items: unknown[] }).items, [{ id: 'HN-QL1A-01', name: 'Chốt HN-QL1A-01', road: 'QL1A', provinceCode: '01', location: null, lat: null, lon: null }]);
      const badCp = await portal.handle(req('/api/admin/checkpoints', { body: { id: 'HN-X-01', name: 'x', provinceCode: '01', lat: 95, lon: 105 }, cookie: admin }));
      assert.equal(await codeOf(badCp), 'invalid-format');
    });

    it('a stream on one instance gets the events another instance commits (LISTEN/NOTIFY)', { skip: engine.name !== 'postgres' && 'one process on PGlite' }, async () => {
      const writer = await freshPortal(engine);
      // The reader's safety-net poll is an hour: only a notification brings the event in time.
      const reader = await createPortal({ db: engine.db(), streams: { pollMs: 3_600_000 } });
      const person = await declarePerson(writer, 'Hoàng Văn Lắng', '09163', '00001');
      const device = await kiosk(writer, 'HN-QL1A-01');
      const ward = await signIn(reader, 'ward.00001', 'ward', '00001');
      const live = sseReader(await reader.handle(req('/api/wards/00001/events', { cookie: ward })));
      // The reader's hub LISTENs from its first stream on; wait for its connection to do so.
      for (let i = 0; i < 200; i++) {
        const [row] = await writer.db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'LISTEN ck_tracing_events'");
        if ((row?.n ?? 0) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const [id] = await submit(writer, device, [{ ...ref(person), at: at(Date.now() - 60_000), direction: 'in' }]);
      const event = await live.next(20_000);
      assert.equal(event.event, 'movement');
      assert.equal((JSON.parse(event.data) as WardFeedItem).passageId, id);
      await live.cancel();
      await reader.drain();
    });

    it('opens a stream with retry: 3000 and sends a heartbeat comment', async () => {
      const portal = await freshPortal(engine, { streams: { heartbeatMs: 40 } });
      const admin = await signIn(portal, 'admin', 'admin', null);
      const response = await portal.handle(req('/api/wards/00001/events', { cookie: admin }));
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      while (!text.includes(': heartbeat\n\n')) text += new TextDecoder().decode((await reader.read()).value);
      assert.ok(text.startsWith('retry: 3000\n\n'));
      await reader.cancel();
    });

    it('resets a stream resumed from a purged event, scopes the checkpoint stream, limits streams per account', async () => {
      let clock = Date.now();
      const portal = await freshPortal(engine, { now: () => clock, streams: { maxStreamsPerAccount: 2 }, eventRetentionHours: 1 });
      const a = await kiosk(portal, 'HN-QL1A-01');
      const bn = await kiosk(portal, 'BN-QL18-02');
      await portal.createCheckpoint({ id: 'BN-QL18-02', name: 'Quế Võ', provinceCode: '27', road: 'QL18' });
      const p = await declarePerson(portal, 'Một Người', '09163', '00001');
      const tracer = await signIn(portal, 'tracer.27', 'tracer', '27');
      const cps = sseReader(await portal.handle(req('/api/checkpoints/events', { cookie: tracer })));
      await submit(portal, a, [{ ...ref(p), at: at(clock - 10 * MIN), direction: 'in' }]);
      await submit(portal, bn, [{ ...ref(p), at: at(clock - 5 * MIN), direction: 'out' }]);
      const only = await cps.next();
      assert.equal(only.event, 'passage');
      assert.equal((JSON.parse(only.data) as { checkpointId: string }).checkpointId, 'BN-QL18-02');
      // A third stream of the same account is refused with a code.
      const second = await portal.handle(req('/api/checkpoints/events', { cookie: tracer }));
      const third = await portal.handle(req('/api/checkpoints/events', { cookie: tracer }));
      assert.equal(third.status, 429);
      assert.equal(await codeOf(third), 'too-many-streams');
      await second.body?.cancel();
      await cps.cancel();
      // Past retention, the first events are purged: a resume from them gets `event: reset`.
      clock += 2 * 3_600_000;
      await submit(portal, a, [{ ...ref(p), at: at(clock - MIN), direction: 'out' }]);
      await portal.purge();
      const ward = await signIn(portal, 'ward.00001', 'ward', '00001');
      const old = sseReader(await portal.handle(req('/api/wards/00001/events', { cookie: ward, headers: { 'Last-Event-ID': '1' } })));
      const reset = await old.next();
      assert.equal(reset.event, 'reset');
      const [max] = await portal.db.query<{ id: number }>('SELECT max(id)::int AS id FROM tracing_events');
      assert.equal(reset.id, String(max?.id));
      await old.cancel();
    });
  });
}

function vnDate(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
}
