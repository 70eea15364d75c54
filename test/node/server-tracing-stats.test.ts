/// <reference types="node" />
// The command view's numbers on PGlite and PostgreSQL: a seeded day of passages at two
// checkpoints (directions, decisions, follow-ups, ID-card mismatches, arrivals from risk areas)
// counted per checkpoint and Vietnam hour by GET /stats/checkpoints, checked against counts this
// test computes on its own from what it sent; kiosk state (offline, stale trust, lost records).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PassageRecord } from '../../src/core/passage-record';
import { batchRequest, type TestDevice } from './backend-support';
import { engines, freshPortal, req, signIn } from './server-support';
import { kiosk } from './server-tracing-support';
import type { HourCounts } from '../../src/api/stats';
import { prng } from '../fixtures/prng';

const HOUR = 3_600_000;
const ORIGINS = ['09163', '09166', '00001', '00004', '26734'];
const RISK = new Set(['09163', '26734']); // a listed ward, and a ward of a listed province (79)
const DECISIONS = ['allow', 'deny', 'refer'] as const;
const ID_CHECKS = ['matched', 'mismatch', 'manual', 'none'] as const;

const passIdOf = (i: number) => `${String(i).padStart(21, '0')}A`;

for (const engine of engines()) {
  describe(`checkpoint statistics on ${engine.name}`, () => {
    it('counts a seeded day per checkpoint and hour exactly as computed independently, and reports kiosk state', async () => {
      let clock = Date.now();
      const portal = await freshPortal(engine, { now: () => clock });
      const devices: TestDevice[] = [await kiosk(portal, 'HN-QL1A-01'), await kiosk(portal, 'HN-QL1A-01'), await kiosk(portal, 'HN-QL5-01')];
      await portal.createCheckpoint({ id: 'HN-QL5-01', name: 'Cầu Phù Đổng', provinceCode: '01', road: 'QL5', lat: 21.0489, lon: 105.9147 });
      await portal.publishTrust({ riskAreas: [{ unitCode: '09163', since: '2021-09-01' }, { unitCode: '79', since: '2021-09-01', level: 'high' }] });
      // Yesterday in Vietnam.
      const day = new Date(clock + 7 * HOUR - 86_400_000).toISOString().slice(0, 10);
      const dayStart = Date.parse(`${day}T00:00:00+07:00`);
      const rand = prng(1409);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
      const expected = new Map<string, HourCounts[]>();
      const batches = new Map<TestDevice, PassageRecord[]>(devices.map((d) => [d, []]));
      for (let i = 0; i < 240; i++) {
        const device = pick(devices);
        // Some passages the day before and after: outside the day, not counted.
        const atMs = Math.min(dayStart - 2 * HOUR + Math.floor(rand() * 28 * HOUR), clock - 30 * 60_000);
        const direction = rand() < 0.6 ? 'in' as const : 'out' as const;
        const origin = pick(ORIGINS);
        const first = device.record({ passId: passIdOf(i), at: new Date(atMs).toISOString(), direction, originUnit: origin, destinationUnit: '00070', decision: pick(DECISIONS), idCheck: pick(ID_CHECKS) });
        batches.get(device)?.push(first);
        let latest = first.decision;
        let mismatch = first.idCheck === 'mismatch';
        if (rand() < 0.25) {
          // A follow-up decision a few minutes later: it changes the counts, never adds a passage.
          const follow = device.record({ passId: passIdOf(i), at: new Date(atMs + 3 * 60_000).toISOString(), direction, originUnit: origin, destinationUnit: '00070', decision: pick(DECISIONS), amends: first.id, ...(rand() < 0.5 && { idCheck: pick(ID_CHECKS) }) });
          batches.get(device)?.push(follow);
          latest = follow.decision;
          mismatch ||= follow.idCheck === 'mismatch';
        }
        if (atMs < dayStart || atMs >= dayStart + 86_400_000) continue;
        const hours = expected.get(device.checkpointId) ?? Array.from({ length: 24 }, () => ({ in: 0, out: 0, allow: 0, deny: 0, refer: 0, fromRiskAreas: 0, idMismatch: 0 }));
        expected.set(device.checkpointId, hours);
        const h = hours[Math.floor((atMs - dayStart) / HOUR)] as HourCounts;
        h[direction]++;
        h[latest]++;
        if (direction === 'in' && RISK.has(origin)) h.fromRiskAreas++;
        if (mismatch) h.idMismatch++;
      }
      const [d0, d1, d2] = devices as [TestDevice, TestDevice, TestDevice];
      // d2 loses a record: its seq 3 never arrives (the chain holds seq 4+ as pending-link until it does).
      const lostBatch = batches.get(d2) ?? [];
      const post = async (device: TestDevice, records: PassageRecord[]) => {
        for (let i = 0; i < records.length; i += 100) {
          const r = await portal.handle(await batchRequest(device, records.slice(i, i + 100)));
          assert.equal(r.status, 200);
        }
      };
      await post(d0, batches.get(d0) ?? []);
      // d1 fetched trust sequence 2 and then a newer bundle came out.
      const fetched = await portal.handle(req('/api/trust-bundle', { headers: { 'X-Device-Id': d1.deviceId } }));
      assert.equal(fetched.status, 200);
      await portal.publishTrust({});
      clock += 61 * 60_000;
      await post(d1, batches.get(d1) ?? []);
      await post(d2, lostBatch);
      // A record of d2 is missing from the portal: d2 reports a gap, its held successors are not counted.
      const extra = d2.record({ passId: passIdOf(999), at: new Date(clock - 60_000).toISOString(), seq: d2.seq + 2 });
      await post(d2, [extra]);

      const admin = await signIn(portal, 'admin', 'admin', null);
      const response = await portal.handle(req(`/api/stats/checkpoints?date=${day}`, { cookie: admin }));
      assert.equal(response.status, 200);
      const stats = (await response.json()) as {
        date: string; checkpoints: { id: string; name: string; lat: number | null; hours: HourCounts[] }[];
        devices: { deviceId: string; offline: boolean; staleTrust: boolean; lostRecords: number; lastSyncAt: string | null }[];
      };
      assert.equal(stats.date, day);
      assert.deepEqual(stats.checkpoints.map((c) => c.id), ['HN-QL1A-01', 'HN-QL5-01']);
      for (const c of stats.checkpoints) {
        assert.equal(c.hours.length, 24);
        assert.deepEqual(c.hours, expected.get(c.id), c.id);
      }
      assert.equal(stats.checkpoints[1]?.lat, 21.0489);
      const byId = new Map(stats.devices.map((d) => [d.deviceId, d]));
      assert.deepEqual([d0, d1, d2].map((d) => byId.get(d.deviceId)?.offline), [true, false, false]);
      assert.deepEqual([d0, d1, d2].map((d) => byId.get(d.deviceId)?.staleTrust), [false, true, false]);
      assert.deepEqual([d0, d1, d2].map((d) => byId.get(d.deviceId)?.lostRecords), [0, 0, 1]);
      // Tracers see their province only.
      const far = await signIn(portal, 'tracer.27', 'tracer', '27');
      const theirs = (await (await portal.handle(req(`/api/stats/checkpoints?date=${day}`, { cookie: far }))).json()) as { checkpoints: unknown[]; devices: unknown[] };
      assert.deepEqual([theirs.checkpoints.length, theirs.devices.length], [0, 0]);
    });
  });
}
