/// <reference types="node" />
// P9: offline reload of the kiosk page → camera ready. The kiosk needs its production build
// (service worker + precache) and a fake camera, so this measure starts its own build + preview
// server and its own Chromium (the camera is a launch flag); the shared bench browser and dev
// server cannot provide either. Time is the reloaded page's own clock: navigation start (0) to
// the first moment the <video> inside <ck-scanner> is playing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { writeQrClip } from '../fixtures/camera-clips';
import { launchChromium } from '../tools/browser';
import { startKioskServer, waitForCamera, waitForKiosk } from '../node/kiosk-support';

/** The shape run.ts expects (declared here: importing run.ts would start a bench run). */
interface BenchSection {
  id: string;
  title: string;
  goal?: string;
  rows: Record<string, string | number | boolean | null>[];
  notes?: string[];
}

const RUNS = 7;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** P9. `baseUrl` and `browser` of the shared bench are not used (see the file comment). */
export async function p9KioskOfflineReload(_context: { baseUrl: string; browser: Browser }): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'ck-p9-'));
  const clip = join(dir, 'scene.y4m');
  await writeQrClip(clip, null, { frames: 15, fps: 15 });
  const server = await startKioskServer();
  const browser = await launchChromium({ fakeVideoFile: clip });
  const times: number[] = [];
  const coldOnline: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      // A fresh profile each run: first visit online (install, precache, trust), then offline.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/kiosk/?checkpoint=HN-BENCH-01&officer=CA-BENCH-1`);
      coldOnline.push(await waitForCamera(page, 30_000));
      await waitForKiosk(page, { offlineReady: true, trust: true });
      await context.setOffline(true);
      await page.reload();
      times.push(await waitForCamera(page, 30_000));
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = percentile(sorted, 50);
  const round = (ms: number) => Math.round(ms);
  return {
    id: 'P9',
    title: 'Kiosk: offline reload → camera ready',
    goal: '≤ 1000 ms',
    rows: [
      {
        runs: RUNS,
        'median ms': round(median),
        'p90 ms': round(percentile(sorted, 90)),
        'min ms': round(sorted[0] ?? Number.NaN),
        'max ms': round(sorted.at(-1) ?? Number.NaN),
        'first online visit, median ms': round(percentile([...coldOnline].sort((a, b) => a - b), 50)),
        'goal met': median <= 1000,
      },
    ],
    notes: [
      'Production build served by `vite preview`; the kiosk service worker precaches HTML, JS, workers, .wasm, CSS, icons.',
      'Chromium fake camera (640×480 y4m); time from navigation start of the offline reload to the <video> playing.',
      `Each run uses a new browser context (empty cache and IndexedDB); raw: ${times.map(round).join(', ')} ms.`,
    ],
  };
}
