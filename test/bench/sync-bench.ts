/// <reference types="node" />
// P6: enqueue a large backlog (default 100,000 passages) in a kiosk outbox in Chromium, then
// sync it over real HTTP to the demo backend middleware: time, passages/s, lost, duplicated.
// Lost and duplicated are counted on the portal side, per device and per sequence number.
import type { Page } from 'playwright-core';
import type { BenchContext, BenchSection, Measure } from './types';

export interface SyncBenchOptions {
  passages?: number;
  batchSize?: number;
  /** Records per IndexedDB transaction while enqueuing. */
  enqueueChunk?: number;
}

export interface SyncBenchResult {
  passages: number;
  batchSize: number;
  enqueueMs: number;
  syncMs: number;
  passagesPerSecond: number;
  lost: number;
  duplicated: number;
  serverHeld: number;
  requests: number;
  syncRuns: number;
  chainOk: boolean;
  chainCheckMs: number;
}

interface ServerState {
  counts: { duplicateCommits: number };
  requests: Record<string, number>;
  device?: { count: number; minSeq: number | null; maxSeq: number | null; missingSeq: number };
}

/**
 * The page's bench API. Only for use inside page.evaluate callbacks: playwright serialises the
 * callback's source, so the helper is re-declared there via `addInitScript` (see openPage).
 */
declare function bench(): NonNullable<Window['ckSyncBench']>;

async function serverState(baseUrl: string, deviceId?: string): Promise<ServerState> {
  const url = `${baseUrl}/api/__state${deviceId ? `?deviceId=${deviceId}` : ''}`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET /api/__state: ${response.status} (is the demo backend middleware installed?)`);
  return (await response.json()) as ServerState;
}

/** Opens the bench page, waiting out a Vite dependency-optimisation reload if one happens. */
async function openPage(baseUrl: string, page: Page): Promise<void> {
  await page.addInitScript(() => {
    (globalThis as unknown as { bench: () => unknown }).bench = () => {
      if (!window.ckSyncBench) throw new Error('sync bench page is not ready');
      return window.ckSyncBench;
    };
  });
  await page.goto(`${baseUrl}/test/bench/pages/sync-bench.html`);
  for (let attempt = 0; ; attempt++) {
    try {
      await page.waitForFunction(() => window.ckSyncBench !== undefined, undefined, { timeout: 60_000 });
      return;
    } catch (error) {
      if (attempt >= 2) throw error;
      await page.waitForLoadState('load');
    }
  }
}

export async function runSyncBench(baseUrl: string, page: Page, options: SyncBenchOptions = {}): Promise<SyncBenchResult> {
  const passages = options.passages ?? 100_000;
  const batchSize = options.batchSize ?? 500;
  const enqueueChunk = options.enqueueChunk ?? 5000;
  await openPage(baseUrl, page);
  const dbName = `ck-bench-p6-${Date.now()}`;
  const deviceId = await page.evaluate((name) => bench().setup(name), dbName);
  try {
    const before = await serverState(baseUrl);
    const enqueued = await page.evaluate(([n, chunk]) => bench().enqueue(n, chunk), [passages, enqueueChunk] as const);
    if (enqueued.pending !== passages) throw new Error(`enqueued ${enqueued.pending} of ${passages}`);
    const synced = await page.evaluate((size) => bench().sync(size), batchSize);
    const chain = await page.evaluate(() => bench().verify());
    const after = await serverState(baseUrl, deviceId);
    const held = after.device?.count ?? 0;
    const missing = after.device?.missingSeq ?? 0;
    const lost = Math.max(0, passages - held) + missing + synced.pending + synced.quarantined;
    const duplicated = Math.max(0, held - passages) + (after.counts.duplicateCommits - before.counts.duplicateCommits);
    return {
      passages,
      batchSize,
      enqueueMs: Math.round(enqueued.ms),
      syncMs: Math.round(synced.ms),
      passagesPerSecond: Math.round(passages / (synced.ms / 1000)),
      lost,
      duplicated,
      serverHeld: held,
      requests: (after.requests['POST passages'] ?? 0) - (before.requests['POST passages'] ?? 0),
      syncRuns: synced.runs,
      chainOk: chain.ok && chain.checked === passages,
      chainCheckMs: Math.round(chain.ms),
    };
  } finally {
    await page.evaluate(() => window.ckSyncBench?.cleanup()).catch(() => undefined);
  }
}

async function p6(context: BenchContext): Promise<BenchSection> {
  const page = await context.browser.newPage();
  try {
    const r = await runSyncBench(context.baseUrl, page);
    return {
      id: 'P6',
      title: 'sync a backlog of 100k passages over real HTTP to the demo backend',
      goal: '≤ 60 s, 0 lost, 0 duplicated',
      rows: [{
        passages: r.passages,
        'batch size': r.batchSize,
        'sync s': Math.round(r.syncMs / 100) / 10,
        'passages/s': r.passagesPerSecond,
        lost: r.lost,
        duplicated: r.duplicated,
        'held by portal': r.serverHeld,
        'POST /passages': r.requests,
        'enqueue s': Math.round(r.enqueueMs / 100) / 10,
        'chain verifies': r.chainOk,
        'chain check s': Math.round(r.chainCheckMs / 100) / 10,
      }],
      notes: [
        'enqueue: recordPassages in transactions of 5,000 with durability "strict"; sync: one SyncEngine.syncNow() (device registration, trust refresh, signed batches)',
        'lost = passages not held by the portal for this device (by count and sequence gaps) + any left pending/quarantined; duplicated = records committed more than once',
      ],
    };
  } finally {
    await page.close();
  }
}

export const syncMeasures: Record<string, Measure> = { P6: p6 };
