/// <reference types="node" />
// The restart drill: kiosks sync a backlog into the reference server (its own process, PGlite on
// disk); when a given share is acknowledged the server gets SIGKILL (no drain, no close), is
// started again on the same data directory and port, and the kiosks retry as the sync engine
// does — the same batch under the same Idempotency-Key, or (a kiosk that restarted too) the
// unacknowledged records in a new batch. Then the database must hold every passage exactly once.
// Used by test/node/server-restart.test.ts (small) and the bench (20,000 passages, 10 devices).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { passageBatchBody } from '../../src/api/passages';
import type { PassageRecord } from '../../src/core/passage-record';
import { openDatabase } from '../../server/db';
import { migrate } from '../../server/migrations';
import { createPortal } from '../../server/portal';
import { newDevice, type TestDevice } from '../node/backend-support';
import { spawnReferenceServer, type ChildServer } from './reference-server';

export interface DrillOptions {
  devices: number;
  passages: number;
  batchSize: number;
  /** Kill when this share of all passages is acknowledged (0–1). */
  killAt: number;
}

export interface DrillResult {
  passages: number;
  devices: number;
  acknowledgedBeforeKill: number;
  /** Requests that got no answer because the server died under them. */
  cutRequests: number;
  retries: number;
  stored: number;
  distinct: number;
  lost: number;
  duplicated: number;
  /** Devices whose stored sequence has holes or whose server-side gap list is not empty. */
  devicesWithGaps: number;
  held: number;
  seconds: number;
  restartSeconds: number;
}

interface Kiosk {
  device: TestDevice;
  records: PassageRecord[];
  /** Index of the first record not yet acknowledged. */
  next: number;
  /** Kiosks with an odd index rebuild the batch under a new key after a cut (as after their own restart). */
  rebatches: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function restartDrill(options: DrillOptions): Promise<DrillResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ck-restart-data-'));
  let server: ChildServer | undefined;
  try {
    // Enrolment happens first, in this process, on the same data directory (closed again before
    // the server opens it: PGlite has one owner).
    const kiosks: Kiosk[] = [];
    {
      const db = await openDatabase({ dataDir });
      await migrate(db);
      const portal = await createPortal({ db });
      for (let i = 0; i < options.devices; i++) {
        const checkpointId = `DRILL-${String(i).padStart(2, '0')}`;
        await portal.createCheckpoint({ id: checkpointId, name: checkpointId, provinceCode: '01', road: 'QL1A' });
        const { code } = await portal.issueEnrolmentCode(checkpointId, 'drill');
        const device = await newDevice(checkpointId);
        const response = await portal.handle(new Request('http://drill/api/devices', {
          method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ deviceId: device.deviceId, publicKeyJwk: device.publicJwk, checkpointId, enrolmentCode: code }),
        }));
        if (response.status !== 201) throw new Error(`enrol ${response.status} ${await response.text()}`);
        const per = Math.floor(options.passages / options.devices) + (i < options.passages % options.devices ? 1 : 0);
        kiosks.push({ device, records: Array.from({ length: per }, () => device.record({})), next: 0, rebatches: i % 2 === 1 });
      }
      await db.close();
    }

    server = await spawnReferenceServer({ command: 'serve', dataDir });
    const port = Number(new URL(server.url).port);
    const base = server.url;
    const total = kiosks.reduce((s, k) => s + k.records.length, 0);
    let acknowledged = 0;
    let acknowledgedBeforeKill = -1;
    let cutRequests = 0;
    let retries = 0;
    let restartMs = 0;
    let restarting: Promise<void> | undefined;

    const killAndRestart = async () => {
      acknowledgedBeforeKill = acknowledged;
      await server?.kill9();
      const t = performance.now();
      server = await spawnReferenceServer({ command: 'serve', dataDir, port });
      restartMs = performance.now() - t;
    };

    const t0 = performance.now();
    const sync = async (kiosk: Kiosk) => {
      let batch: { id: string; records: PassageRecord[]; body: string; signature: string } | undefined;
      while (kiosk.next < kiosk.records.length) {
        if (!batch) {
          const records = kiosk.records.slice(kiosk.next, kiosk.next + options.batchSize);
          const id = uuidv7();
          const body = passageBatchBody({ deviceId: kiosk.device.deviceId, batchId: id, records });
          batch = { id, records, body, signature: await kiosk.device.sign(body) };
        }
        let response: Response;
        try {
          response = await fetch(`${base}/api/passages`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': batch.id, 'X-Device-Id': kiosk.device.deviceId, 'X-Signature': batch.signature },
            body: batch.body,
          });
        } catch {
          // No answer: the batch may or may not have committed. Resend (same key), or rebuild.
          cutRequests++;
          retries++;
          if (kiosk.rebatches) batch = undefined;
          await sleep(100);
          continue;
        }
        if (response.status === 429 || response.status === 503) {
          retries++;
          await response.body?.cancel();
          await sleep(Number(response.headers.get('Retry-After') ?? '1') * 1000);
          continue;
        }
        const answer = (await response.json()) as { accepted?: string[]; duplicate?: string[]; rejected?: unknown[]; held?: unknown[] };
        if (response.status !== 200) throw new Error(`batch answered ${response.status} ${JSON.stringify(answer)}`);
        const settled = (answer.accepted?.length ?? 0) + (answer.duplicate?.length ?? 0);
        if (settled !== batch.records.length) throw new Error(`batch not settled: ${JSON.stringify({ ...answer, accepted: answer.accepted?.length, duplicate: answer.duplicate?.length })}`);
        kiosk.next += batch.records.length;
        acknowledged += batch.records.length;
        batch = undefined;
        if (acknowledgedBeforeKill < 0 && acknowledged >= options.killAt * total) restarting ??= killAndRestart();
      }
    };
    await Promise.all(kiosks.map(sync));
    await restarting;
    const seconds = (performance.now() - t0) / 1000;
    await server.stop();
    server = undefined;

    const db = await openDatabase({ dataDir });
    try {
      const [counts] = await db.query<{ n: number; d: number }>('SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM passages');
      const [held] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM held_records');
      const ids = new Set((await db.query<{ id: string }>('SELECT id::text AS id FROM passages')).map((r) => r.id));
      const lost = kiosks.reduce((s, k) => s + k.records.filter((r) => !ids.has(r.id)).length, 0);
      const perDevice = await db.query<{ n: number; max: number; gaps: unknown[] }>(
        `SELECT count(p.id)::int AS n, d.max_seq::int AS max, d.gaps FROM devices d LEFT JOIN passages p ON p.device_id = d.device_id GROUP BY d.device_id, d.max_seq, d.gaps`);
      return {
        passages: total, devices: options.devices, acknowledgedBeforeKill, cutRequests, retries,
        stored: counts?.n ?? 0, distinct: counts?.d ?? 0, lost, duplicated: (counts?.n ?? 0) - (counts?.d ?? 0),
        devicesWithGaps: perDevice.filter((d) => d.n !== d.max || d.gaps.length > 0).length,
        held: held?.n ?? 0, seconds: +seconds.toFixed(1), restartSeconds: +(restartMs / 1000).toFixed(1),
      };
    } finally {
      await db.close();
    }
  } finally {
    await server?.kill9();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
