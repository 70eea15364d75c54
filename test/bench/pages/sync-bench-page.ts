/**
 * P6 bench page: fills a fresh kiosk outbox with synthetic passages, then drives one SyncEngine
 * over real HTTP to the demo backend at /api. Driven by test/bench/sync-bench.ts.
 */
import { DEMO_TRUST_ANCHOR_PUBLIC_JWKS } from '../../../demo/backend/demo-keys';
import { KioskStore } from '../../../src/store/kiosk/kiosk-store';
import type { PassageInput } from '../../../src/store/kiosk/outbox';
import { SyncEngine, type SyncOutcome } from '../../../src/sync/sync-engine';

export interface SyncBenchPage {
  setup(dbName: string): Promise<string>;
  enqueue(count: number, chunk: number): Promise<{ ms: number; pending: number }>;
  sync(batchSize: number): Promise<{ ms: number; outcome: SyncOutcome; runs: number; pending: number; synced: number; quarantined: number }>;
  verify(): Promise<{ ms: number; ok: boolean; checked: number }>;
  cleanup(): Promise<void>;
}

declare global {
  interface Window {
    ckSyncBench?: SyncBenchPage;
  }
}

const WARDS = ['00070', '00001', '00157', '09289', '09163', '00091', '00115'];
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A strict base64url pass id of 16 bytes: 22 chars, the last one carries 2 bits (+ 4 zero bits). */
function passIdFor(i: number): string {
  let id = '';
  let x = (i * 2654435761) >>> 0;
  for (let k = 0; k < 21; k++) {
    id += ALPHABET[x % 64];
    x = (x * 1103515245 + 12345) >>> 0;
  }
  return `${id}${ALPHABET[(x % 4) * 16]}`;
}

function input(i: number): PassageInput {
  const origin = WARDS[i % WARDS.length] as string;
  const destination = WARDS[(i + 3) % WARDS.length] as string;
  return {
    checkpointId: 'BENCH-QL1A-01',
    direction: i % 2 ? 'out' : 'in',
    passId: passIdFor(i),
    originUnit: origin,
    destinationUnit: destination,
    verdictStatus: 'valid',
    decision: i % 50 === 0 ? 'refer' : 'allow',
    officerId: 'CA-BENCH-01',
  };
}

let store: KioskStore | undefined;

function need(): KioskStore {
  if (!store) throw new Error('call setup() first');
  return store;
}

window.ckSyncBench = {
  async setup(dbName) {
    store = new KioskStore(dbName);
    return (await store.device()).deviceId;
  },
  async enqueue(count, chunk) {
    const s = need();
    const t0 = performance.now();
    for (let done = 0; done < count; done += chunk) {
      const size = Math.min(chunk, count - done);
      await s.recordPassages(Array.from({ length: size }, (_, k) => input(done + k)));
    }
    return { ms: performance.now() - t0, pending: (await s.counts()).pending };
  },
  async sync(batchSize) {
    const s = need();
    const engine = new SyncEngine({
      store: s, apiBase: '/api', checkpointId: 'BENCH-QL1A-01', trustAnchor: DEMO_TRUST_ANCHOR_PUBLIC_JWKS,
      batchSize, intervalMs: 3_600_000, backoff: { baseMs: 100, maxMs: 1000 },
    });
    const t0 = performance.now();
    let outcome = await engine.syncNow();
    let runs = 1;
    // A failed run (should not happen without faults) is retried a few times, and counted.
    while (outcome.status !== 'ok' && runs < 5) {
      await new Promise((r) => setTimeout(r, 200));
      outcome = await engine.syncNow();
      runs++;
    }
    const ms = performance.now() - t0;
    engine.stop();
    return { ms, outcome, runs, ...(await s.counts()) };
  },
  async verify() {
    const t0 = performance.now();
    const result = await need().verifyChain();
    return { ms: performance.now() - t0, ok: result.ok, checked: result.checked };
  },
  async cleanup() {
    await store?.destroy();
    store = undefined;
  },
};

const status = document.getElementById('status');
if (status) status.textContent = 'ready';
