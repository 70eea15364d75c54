/// <reference types="node" />
// Reference-server measures on PGlite and on a throwaway PostgreSQL cluster:
// P6'  ingest of one kiosk's backlog (default 100,000 passages) in signed 500-record batches,
//      sent one after another as the sync engine does, over the portal handler (no browser: the
//      kiosk side is P6); then counts: 0 lost, 0 duplicated.
// P11  ward day feed first page and route latency (p50/p95) with N passages stored (default
//      1,000,000, bulk-loaded through SQL with generate_series), plus the ingest rate of 20
//      concurrent devices. Sizes: CK_BENCH_P6_RECORDS, CK_BENCH_P11_PASSAGES.
// Restart  the server as its own process (PGlite on disk) gets SIGKILL during a sync of 20,000
//      passages from 10 devices (500-record batches), is started again, the kiosks retry; stored
//      exactly once? (CK_BENCH_RESTART_PASSAGES)
import { openDatabase, type Db } from '../../server/db';
import { migrate } from '../../server/migrations';
import { createPortal, type Portal } from '../../server/portal';
import { startPgCluster } from '../tools/pg-cluster';
import { batchRequest } from '../node/backend-support';
import { restartDrill } from '../tools/restart-drill';
import { startNodeServer } from '../../server/node-server';
import { enrolledDevice, signIn } from '../node/server-support';
import type { Measure } from './types';

const fast = { device: { rate: 1e6, burst: 1e6 }, account: { rate: 1e6, burst: 1e6 }, client: { rate: 1e6, burst: 1e6 } };

async function withEngines<T>(fn: (name: string, db: Db) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  const lite = await openDatabase({});
  await migrate(lite);
  try {
    out.push(await fn('pglite', lite));
  } finally {
    await lite.close();
  }
  const cluster = await startPgCluster();
  try {
    const db = await openDatabase({ url: cluster.url, poolSize: 20 });
    await migrate(db);
    try {
      out.push(await fn('postgres', db));
    } finally {
      await db.close();
    }
  } finally {
    await cluster.stop();
  }
  return out;
}

async function ingest(portal: Portal, total: number, checkpointId: string): Promise<{ ms: number; accepted: number; duplicate: number }> {
  const device = await enrolledDevice(portal, checkpointId);
  const records = Array.from({ length: total }, () => device.record({}));
  let accepted = 0;
  let duplicate = 0;
  const t0 = performance.now();
  for (let i = 0; i < records.length; i += 500) {
    const response = await portal.handle(await batchRequest(device, records.slice(i, i + 500)));
    const answer = (await response.json()) as { accepted: string[]; duplicate: string[] };
    accepted += answer.accepted.length;
    duplicate += answer.duplicate.length;
  }
  return { ms: performance.now() - t0, accepted, duplicate };
}

const p6prime: Measure = async () => {
  const total = Number(process.env.CK_BENCH_P6_RECORDS) || 100_000;
  const rows = await withEngines(async (engine, db) => {
    const portal = await createPortal({ db, limits: fast });
    const r = await ingest(portal, total, 'BENCH-P6');
    const [stored] = await db.query<{ n: number; d: number }>('SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM passages');
    return { engine, records: total, seconds: +(r.ms / 1000).toFixed(1), perSecond: Math.round(total / (r.ms / 1000)), stored: stored?.n ?? 0,
      lost: total - (stored?.d ?? 0), duplicated: (stored?.n ?? 0) - (stored?.d ?? 0) };
  });
  return { id: "P6'", title: 'kiosk backlog into the reference server (500-record signed batches, one at a time)', goal: '≤ 30 s PGlite, ≤ 20 s PostgreSQL, 0 lost, 0 duplicated', rows };
};

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return +(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN).toFixed(2);
}

const p11: Measure = async () => {
  const n = Number(process.env.CK_BENCH_P11_PASSAGES) || 1_000_000;
  const rows = await withEngines(async (engine, db) => {
    const portal = await createPortal({ db, limits: fast });
    const day = '2025-09-21';
    const t0 = performance.now();
    // A national day: n passages over 10,000 wards and 1,000 devices, 100,000 passes.
    await db.query(`INSERT INTO checkpoints (id, name, province_code, created_at) VALUES ('BENCH', 'bench', '01', now())`);
    await db.query(`INSERT INTO passages (id, device_id, seq, pass_id, at, received_at, batch_id, hash, checkpoint_id, direction, event_id, record)
      SELECT md5('p' || g)::uuid, md5('d' || (g % 1000))::uuid, g / 1000 + 1, lpad((g % 100000)::text, 21, '0') || 'A',
             timestamptz '${day} 00:00+07' + (g % 86400000) * interval '1 ms', now(), 'bench', md5('h' || g), 'BENCH', 'in', md5('p' || g)::uuid,
             jsonb_build_object('id', md5('p' || g)::uuid, 'at', to_char((timestamptz '${day} 00:00+07' + (g % 86400000) * interval '1 ms') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'checkpointId', 'BENCH', 'direction', 'in', 'decision', 'allow', 'verdictStatus', 'valid', 'officerId', 'CA-1', 'deviceId', md5('d' || (g % 1000))::uuid,
               'originUnit', lpad((g % 10000)::text, 5, '0'), 'destinationUnit', lpad(((g * 7) % 10000)::text, 5, '0'), 'seq', g / 1000 + 1)
        FROM generate_series(1, $1) g`, [n]);
    await db.query(`INSERT INTO ward_feed (unit_code, at, passage_id, direction)
      SELECT record->>'originUnit', at, id, 'departure' FROM passages
      UNION ALL SELECT record->>'destinationUnit', at, id, 'arrival' FROM passages WHERE record->>'destinationUnit' <> record->>'originUnit'`);
    await db.query('ANALYZE');
    const loadS = (performance.now() - t0) / 1000;
    const admin = await signIn(portal, 'bench-admin', 'admin', null);
    const feedMs: number[] = [];
    const routeMs: number[] = [];
    for (let i = 0; i < 200; i++) {
      const unit = String((i * 37) % 10000).padStart(5, '0');
      let t = performance.now();
      const f = await portal.handle(new Request(`http://b/api/wards/${unit}/movements?date=${day}`, { headers: { Cookie: admin } }));
      feedMs.push(performance.now() - t);
      if (f.status !== 200) throw new Error(`feed ${f.status}`);
      const passId = `${String((i * 4999) % 100000).padStart(21, '0')}A`;
      t = performance.now();
      const r = await portal.handle(new Request(`http://b/api/passes/${passId}/route`, { headers: { Cookie: admin, 'X-Lookup-Reason': 'bench p11' } }));
      routeMs.push(performance.now() - t);
      if (r.status !== 200) throw new Error(`route ${r.status}`);
    }
    // Ingest with 20 devices at once.
    const t1 = performance.now();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => ingest(portal, 2000, `BENCH-C${i}`)));
    const ingestS = (performance.now() - t1) / 1000;
    const accepted = results.reduce((s, r) => s + r.accepted, 0);
    return { engine, passages: n, loadSeconds: +loadS.toFixed(1), feedP50: percentile(feedMs, 50), feedP95: percentile(feedMs, 95),
      routeP50: percentile(routeMs, 50), routeP95: percentile(routeMs, 95), ingest20Devices: `${accepted} in ${ingestS.toFixed(1)} s (${Math.round(accepted / ingestS)}/s)` };
  });
  return { id: 'P11', title: 'ward day feed (first page) and route latency, ms, with a national day stored; 20-device ingest', goal: 'feed p95 ≤ 50 ms, route p95 ≤ 20 ms on both engines', rows };
};

const restart: Measure = async () => {
  const passages = Number(process.env.CK_BENCH_RESTART_PASSAGES) || 20_000;
  const r = await restartDrill({ devices: 10, passages, batchSize: 500, killAt: 0.4 });
  return {
    id: 'Restart', title: 'kill -9 of the server (PGlite on disk) during a 10-device sync, restart, kiosks retry',
    goal: 'every passage stored exactly once', rows: [{ engine: 'pglite', ...r }],
  };
};

// Exposure  the exposure query (co-travellers + same-window ±15 min + each contact's route) over
//      N stored passages (default 1,000,000: 55 checkpoints, 7 days, 550 kiosks, vehicle groups of
//      3, ~333,000 passes), p50/p95 over 200 cases, on PGlite and PostgreSQL. CK_BENCH_EXPOSURE_PASSAGES.
const exposureBench: Measure = async () => {
  const n = Number(process.env.CK_BENCH_EXPOSURE_PASSAGES) || 1_000_000;
  const rows = await withEngines(async (engine, db) => {
    const portal = await createPortal({ db, limits: fast });
    const t0 = performance.now();
    await db.query(`INSERT INTO checkpoints (id, name, province_code, created_at, lat, lon)
      SELECT 'BX-' || c, 'Chốt ' || c, '01', now(), 21 + c / 100.0, 105.8 FROM generate_series(0, 54) c`);
    const week = 7 * 86_400_000;
    await db.query(`INSERT INTO passages (id, device_id, seq, pass_id, at, received_at, batch_id, hash, checkpoint_id, direction, vehicle_group_id, event_id, record)
      SELECT id, device, seq, pass, at, now(), 'bench', md5('h' || g), cp, dir, vg, id,
             jsonb_build_object('id', id, 'at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'checkpointId', cp, 'direction', dir,
               'decision', 'allow', 'verdictStatus', 'valid', 'officerId', 'CA-1', 'deviceId', device, 'passId', pass, 'vehicleGroupId', vg,
               'originUnit', lpad((g % 10000)::text, 5, '0'), 'destinationUnit', lpad(((g * 7) % 10000)::text, 5, '0'), 'seq', seq)
        FROM (SELECT g, md5('p' || g)::uuid AS id, md5('d' || (g % 550))::uuid AS device, g / 550 + 1 AS seq,
                     lpad((g % 333333)::text, 21, '0') || 'A' AS pass, 'BX-' || ((g % 550) % 55) AS cp,
                     CASE WHEN g % 2 = 0 THEN 'in' ELSE 'out' END AS dir, lpad((g / 3)::text, 21, '0') || 'A' AS vg,
                     timestamptz '2025-09-15 00:00+07' + ((g::bigint * 7919) % ${week}) * interval '1 ms' AS at
                FROM generate_series(1, $1) g) x`, [n]);
    await db.query('ANALYZE');
    const loadS = (performance.now() - t0) / 1000;
    const admin = await signIn(portal, 'bench-admin', 'admin', null);
    const ms: number[] = [];
    let contacts = 0;
    for (let i = 0; i < 200; i++) {
      const passId = `${String((i * 1663) % 333333).padStart(21, '0')}A`;
      const t = performance.now();
      const r = await portal.handle(new Request(`http://b/api/exposure?passId=${passId}`, { headers: { Cookie: admin, 'X-Lookup-Reason': 'bench exposure' } }));
      const body = (await r.json()) as { contacts: unknown[] };
      ms.push(performance.now() - t);
      if (r.status !== 200) throw new Error(`exposure ${r.status}`);
      contacts += body.contacts.length;
    }
    return { engine, passages: n, loadSeconds: +loadS.toFixed(1), cases: 200, meanContacts: Math.round(contacts / 200), p50: percentile(ms, 50), p95: percentile(ms, 95) };
  });
  return { id: 'Exposure', title: 'exposure query (co-travellers, same checkpoint ±15 min, contacts\' routes), ms, over a week of stored passages', goal: 'p95 ≤ 200 ms on PGlite and PostgreSQL', rows };
};

// SSE  200 open ward streams over HTTP (node:http, real sockets); kiosks post passages whose
//      origin and destination are watched wards; time from the POST to the event on both wards'
//      streams, p50/p95 over N passages (default 200, 10 kiosks posting at once). CK_BENCH_SSE_PASSAGES.
const sseBench: Measure = async () => {
  const total = Number(process.env.CK_BENCH_SSE_PASSAGES) || 200;
  const rows = await withEngines(async (engine, db) => {
    const portal = await createPortal({ db, limits: fast, streams: { maxStreamsPerAccount: 1000 } });
    const server = await startNodeServer({ portal, port: 0 });
    try {
      const admin = await signIn(portal, 'bench-sse', 'admin', null);
      const wards = Array.from({ length: 200 }, (_, i) => String(100 + i * 3).padStart(5, '0'));
      const waiting = new Map<string, () => void>();
      const decoder = new TextDecoder();
      const readers = await Promise.all(wards.map(async (ward) => {
        const response = await fetch(`${server.url}/api/wards/${ward}/events`, { headers: { Cookie: admin } });
        if (response.status !== 200 || !response.body) throw new Error(`stream ${response.status}`);
        const reader = response.body.getReader();
        void (async () => {
          let buffer = '';
          for (;;) {
            const { done, value } = await reader.read().catch(() => ({ done: true as const, value: undefined }));
            if (done) return;
            buffer += decoder.decode(value, { stream: true });
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const data = /\ndata: (.*)/.exec(block)?.[1];
              if (!block.includes('event: movement') || !data) continue;
              const item = JSON.parse(data) as { passageId: string };
              waiting.get(`${item.passageId}/${ward}`)?.();
            }
          }
        })();
        return reader;
      }));
      const devices = await Promise.all(Array.from({ length: Number(process.env.CK_BENCH_SSE_KIOSKS) || 10 }, (_, i) => enrolledDevice(portal, `BENCH-SSE-${i}`)));
      const ms: number[] = [];
      let next = 0;
      await Promise.all(devices.map(async (device) => {
        while (next < total) {
          const k = next++;
          const origin = wards[(k * 7) % 200] as string;
          const destination = wards[(k * 7 + 101) % 200] as string;
          const record = device.record({ originUnit: origin, destinationUnit: destination, passId: `${String(k).padStart(21, '0')}A` });
          const arrived = [origin, destination].map((w) => new Promise<void>((resolve) => waiting.set(`${record.id}/${w}`, resolve)));
          const t = performance.now();
          const request = await batchRequest(device, [record]);
          const response = await fetch(`${server.url}/api/passages`, { method: 'POST', headers: request.headers, body: await request.text() });
          if (response.status !== 200) throw new Error(`batch ${response.status}`);
          await response.arrayBuffer();
          await Promise.all(arrived);
          ms.push(performance.now() - t);
        }
      }));
      for (const r of readers) await r.cancel().catch(() => undefined);
      return { engine, streams: wards.length, passages: total, concurrentKiosks: devices.length, p50: percentile(ms, 50), p95: percentile(ms, 95), max: percentile(ms, 100) };
    } finally {
      await server.close();
    }
  });
  return { id: 'SSE', title: 'live ward streams: POST of a passage → its movement event on both wards\' streams (200 open streams), ms', goal: 'p95 ≤ 1000 ms', rows };
};

export const serverMeasures: Record<string, Measure> = { "P6'": p6prime, P11: p11, Restart: restart, Exposure: exposureBench, SSE: sseBench };
