/// <reference types="node" />
// Scanner measures for `npm run bench` (P1–P4 and the entry size). Each takes the running Vite
// server URL and a playwright Browser and returns rows; nothing here asserts speed.
// Corpora are read from ../shared/corpus at bench time and served to the page by request
// routing (never copied into the repo).
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import type { BenchContext, BenchSection } from './types';
import { must } from '../fixtures/must';
import { chromium } from 'playwright-core';
import { assertChromium, chromiumFlags } from '../tools/chromium.mjs';
import { repoRoot } from '../tools/vite-server';
import { issuePass } from '../../src/core/issue';
import { referenceDeclaration } from '../fixtures/reference';
import { testIssuer } from '../fixtures/test-issuer';
import { writeQrClip } from '../fixtures/camera-clips';
import { serveBuiltPage } from './page-build';


// Beside the repository (../shared/corpus); CK_CORPUS points elsewhere (e.g. from a worktree).
const CORPUS = process.env.CK_CORPUS ?? join(repoRoot, '..', 'shared', 'corpus');
const ANCHORS = ['kit', 'barcode-detector', 'zxing-direct', 'jsqr', 'qr-scanner'] as const;

interface Timed {
  texts: string[];
  ms: number;
}

interface PhotoEntry {
  file: string;
  expected: string | null;
  expected_status?: string;
  source?: string;
  capture?: string;
  difficulty?: string;
  module_px?: number;
  scenario?: { dark_mode?: boolean; glare?: unknown; degradations?: string[] };
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

async function openBench(context: BenchContext): Promise<Page> {
  const page = await context.browser.newPage();
  await page.route('**/corpus/**', async (route) => {
    const rel = decodeURIComponent(new URL(route.request().url()).pathname.replace(/^\/corpus\//, ''));
    await route.fulfill({ body: readFileSync(join(CORPUS, rel)), contentType: 'image/png' });
  });
  await page.goto(`${context.baseUrl}/test/bench/pages/scanner-bench.html`);
  await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'ready', null, { timeout: 60_000 });
  await page.evaluate(() => window.scannerBench.ready());
  // Warm-up: the first use of each anchor may make Vite optimise a dependency and reload the
  // page mid-run; do that before measuring, then start from a fresh page.
  await page.evaluate(() => window.scannerBench.makeKitFrames().then(() => window.scannerBench.decodeKitFrame(0, ['kit', 'barcode-detector', 'jsqr', 'qr-scanner'])));
  await page.reload();
  await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'ready', null, { timeout: 60_000 });
  await page.evaluate(() => window.scannerBench.ready());
  return page;
}

function manifest(set: string): PhotoEntry[] | null {
  const file = join(CORPUS, set, 'manifest.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PhotoEntry[]) : null;
}

interface Tally {
  read: number;
  scored: number;
  wrong: number;
  ms: number[];
}

/** Per group × decoder: correct reads / scored images, wrong texts, median and p95 time. */
function tabulate(results: { groups: string[]; expected: string | null; scored: boolean; negative: boolean; out: Record<string, Timed> }[]) {
  const tallies = new Map<string, Tally>();
  for (const r of results) {
    for (const name of ANCHORS) {
      const t = r.out[name];
      if (!t) continue;
      for (const group of r.groups) {
        const key = `${group}\u0000${name}`;
        const tally = tallies.get(key) ?? { read: 0, scored: 0, wrong: 0, ms: [] };
        tally.ms.push(t.ms);
        const hit = r.expected !== null && t.texts.includes(r.expected);
        if (r.scored) {
          tally.scored++;
          if (hit) tally.read++;
        }
        // A false result: any text on a true negative, or a text that is not the expected one.
        if ((r.negative && t.texts.length > 0) || (r.expected !== null && t.texts.length > 0 && !hit)) tally.wrong++;
        tallies.set(key, tally);
      }
    }
  }
  return [...tallies].map(([key, t]) => {
    const [group, decoder] = key.split('\u0000');
    return {
      group: must(group),
      decoder: must(decoder),
      read: `${t.read}/${t.scored}`,
      rate: t.scored ? r1((100 * t.read) / t.scored) : null,
      false_results: t.wrong,
      median_ms: r1(quantile(t.ms, 0.5)),
      p95_ms: r1(quantile(t.ms, 0.95)),
    };
  });
}

/** "kit − best anchor" in points for one group of a tabulated table (P2's +5 goal). */
function marginNote(rows: ReturnType<typeof tabulate>, group: string): string {
  const inGroup = rows.filter((r) => r.group === group && r.rate !== null);
  const kit = inGroup.find((r) => r.decoder === 'kit');
  const best = inGroup.filter((r) => r.decoder !== 'kit').sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0))[0];
  if (!kit || !best) return `${group}: no comparison`;
  const kitMs = kit.median_ms;
  const bdMs = inGroup.find((r) => r.decoder === 'barcode-detector')?.median_ms;
  return `${group}: kit ${kit.rate} % vs best anchor ${best.decoder} ${best.rate} % → ${r1((kit.rate ?? 0) - (best.rate ?? 0))} points; kit false results ${kit.false_results}; kit/barcode-detector median time ${bdMs ? r3(kitMs / bdMs) : 'n/a'}×`;
}

/** P1: qr-photos, every decoder on the same images in the same run. */
export async function scannerP1(context: BenchContext): Promise<BenchSection> {
  const entries = manifest('qr-photos');
  const section: BenchSection = {
    id: 'P1',
    title: 'QR photos (qr-photos): detection and decode time per image',
    goal: 'kit ≥ every anchor',
    rows: [],
  };
  if (!entries) return { ...section, notes: [`skipped: ${join(CORPUS, 'qr-photos')} is absent`] };
  const page = await openBench(context);
  const results = [];
  for (const e of entries) {
    const out = await page.evaluate(([url, names]) => window.scannerBench.decodeUrl(url, names), [`/corpus/qr-photos/${e.file}`, [...ANCHORS]] as [string, (typeof ANCHORS)[number][]]);
    const known = e.expected_status !== 'jsqr-null' && e.expected !== null;
    results.push({ groups: ['all', `source:${e.source}`, `capture:${e.capture}`], expected: e.expected, scored: known, negative: false, out });
  }
  await page.close();
  section.rows = tabulate(results);
  section.notes = [
    `${entries.length} images; ${entries.filter((e) => e.expected_status === 'jsqr-null').length} jsqr-null entries are not scored (no ground truth).`,
    'Decode call only, in a worker (qr-scanner: QrScanner.scanImage with its own worker); exact text match.',
    'kit = createDecoder().decode: the still ladder (fast → thorough → downscaled → enlarged ×2), stops at the first read.',
  ];
  return section;
}

/** P2: qr-synth per difficulty and degradation, plus frames of the kit's own passes degraded here. */
export async function scannerP2(context: BenchContext): Promise<BenchSection[]> {
  const entries = manifest('qr-synth');
  const page = await openBench(context);
  const sections: BenchSection[] = [];
  if (entries) {
    const results = [];
    for (const e of entries) {
      const out = await page.evaluate(([url, names]) => window.scannerBench.decodeUrl(url, names), [`/corpus/qr-synth/${e.file}`, [...ANCHORS]] as [string, (typeof ANCHORS)[number][]]);
      const groups = ['all', e.expected === null ? 'no-code' : `difficulty:${e.difficulty}`];
      if (e.scenario?.dark_mode) groups.push('dark-mode');
      if ((e.module_px ?? 99) < 2.5) groups.push('small-modules(<2.5px)');
      if (e.scenario?.glare) groups.push('glare');
      results.push({ groups, expected: e.expected, scored: e.expected !== null, negative: e.expected === null, out });
    }
    const rows = tabulate(results);
    sections.push({
      id: 'P2',
      title: 'Synthetic checkpoint frames (qr-synth, 1280×720): detection per difficulty, false results',
      goal: 'kit ≥ best anchor + 5 points (public set); false results 0',
      rows,
      notes: [`${entries.length} frames, ${entries.filter((e) => e.expected === null).length} without a code.`, marginNote(rows, 'all')],
    });
  } else {
    sections.push({ id: 'P2', title: 'qr-synth', rows: [], notes: [`skipped: ${join(CORPUS, 'qr-synth')} is absent`] });
  }
  const kit = await page.evaluate(() => window.scannerBench.makeKitFrames());
  const kitResults = [];
  for (let i = 0; i < kit.length; i++) {
    const out = await page.evaluate(([index, names]) => window.scannerBench.decodeKitFrame(index, names), [i, [...ANCHORS]] as [number, (typeof ANCHORS)[number][]]);
    kitResults.push({ groups: ['all', kit[i].degradation, `module ${kit[i].modulePx}px`], expected: kit[i].expected, scored: true, negative: false, out });
  }
  const kitRows = tabulate(kitResults);
  sections.push({
    id: 'P2-kit',
    title: "The kit's own passes rendered and degraded by the bench (1280×720)",
    rows: kitRows,
    notes: [`${kit.length} frames: 3 passes issued with a throw-away key × module 1.8/2.5/4 px × clean, blur, noise, dark, low contrast, rotated 17°, glare.`, marginNote(kitRows, 'all')],
  });
  await page.close();
  return sections;
}

/** P3: per-frame decode time on 1280×720 frames, kit's adaptive schedule vs barcode-detector defaults on the whole frame. */
export async function scannerP3(context: BenchContext): Promise<BenchSection> {
  const entries = manifest('qr-synth');
  const section: BenchSection = {
    id: 'P3',
    title: 'Per-frame decode time at 1280×720: kit (adaptive schedule) vs barcode-detector defaults (whole frame)',
    goal: 'kit/detector time ≤ 0.35 at equal or better detection',
    rows: [],
  };
  if (!entries) return { ...section, notes: [`skipped: ${join(CORPUS, 'qr-synth')} is absent`] };
  const page = await openBench(context);
  const cycle = await page.evaluate(() => window.scannerBench.cycle());
  const kitMs: number[] = [];
  const bdMs: number[] = [];
  let kitRead = 0;
  let kitFirst = 0;
  let bdRead = 0;
  let kitWrong = 0;
  let bdWrong = 0;
  let codes = 0;
  for (const e of entries) {
    const r = await page.evaluate(([url, frames]) => window.scannerBench.streamUrl(url, frames), [`/corpus/qr-synth/${e.file}`, cycle] as const);
    kitMs.push(...r.kit.ms);
    bdMs.push(r.detector.ms);
    if (e.expected === null) {
      if (r.kit.texts.length) kitWrong++;
      if (r.detector.texts.length) bdWrong++;
      continue;
    }
    codes++;
    if (r.kit.texts.includes(e.expected)) {
      kitRead++;
      if (r.kit.firstRead === 0) kitFirst++;
    } else if (r.kit.texts.length) kitWrong++;
    if (r.detector.texts.includes(e.expected)) bdRead++;
    else if (r.detector.texts.length) bdWrong++;
  }
  await page.close();
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  section.rows = [
    { decoder: 'kit', frames: kitMs.length, mean_ms: r1(mean(kitMs)), median_ms: r1(quantile(kitMs, 0.5)), p95_ms: r1(quantile(kitMs, 0.95)), read: `${kitRead}/${codes}`, read_on_first_frame: `${kitFirst}/${codes}`, false_results: kitWrong },
    { decoder: 'barcode-detector', frames: bdMs.length, mean_ms: r1(mean(bdMs)), median_ms: r1(quantile(bdMs, 0.5)), p95_ms: r1(quantile(bdMs, 0.95)), read: `${bdRead}/${codes}`, read_on_first_frame: `${bdRead}/${codes}`, false_results: bdWrong },
    { decoder: 'ratio kit/detector', mean_ms: r3(mean(kitMs) / mean(bdMs)), median_ms: r3(quantile(kitMs, 0.5) / quantile(bdMs, 0.5)) },
  ];
  section.notes = [
    `Each qr-synth frame is held for ${cycle} frames (${r1((cycle / 30) * 1000)} ms at 30 fps: one full turn of the schedule); the kit is timed on every frame, barcode-detector once per image (it is deterministic, so every frame of a still code costs and reads the same).`,
    'One pass per frame (src/scanner/schedule.ts): the centred scan region (0.8 × short side) cheaply; every 6th frame from the first — and the first frame of a changed view (never two in a row) — a heavy pass instead: the whole frame cheaply while the region reads a code (other codes beside it), else in rotation the whole frame with tryHarder + inversion, then the region enlarged ×2. Up to 4 codes per frame. Until 2026-12-07 every 3rd frame ran the cheap pass and one of four heavy passes (also region + inversion and a ×2 downscale, which read nothing the other two did not on this set): mean ratio 0.485×, median 0.25×.',
  ];
  return section;
}

/** P4: fake camera (1280×720 y4m of a kit pass): getUserMedia → first ck-scan, and capture → verdict per frame over ≥ 50 scans. */
export async function scannerP4(context: BenchContext): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'ck-bench-'));
  const clip = join(dir, 'pass-720p.y4m');
  const issuer = await testIssuer();
  const text = await issuePass(referenceDeclaration(), issuer.signer);
  await writeQrClip(clip, text, { width: 1280, height: 720, frames: 20, scale: 5 });
  // A browser of its own: the fake camera file is a launch flag.
  const browser = await chromium.launch({
    executablePath: assertChromium(),
    headless: true,
    args: [...chromiumFlags, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${clip}`],
  });
  try {
    const openPage = async (baseUrl = context.baseUrl) => {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${baseUrl}/test/pages/scanner-camera.html`);
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60_000 });
      return page;
    };
    const firstScan = async (page: Page) => {
      await page.evaluate((trust) => window.ckTest.mount({ trust, debounce: 0 }), issuer.trust);
      await page.waitForFunction(() => window.ckTest.recorded.scans.length > 0, null, { timeout: 20_000 });
      return page.evaluate(() => window.ckTest.recorded.scans[0].at - window.ckTest.recorded.startedAt);
    };
    // The very first mount on a just-started dev server also waits for Vite to transform every
    // module of the element and both workers on demand: reported, but not the product's cold start.
    const devPage = await openPage();
    const devFirst = await firstScan(devPage);
    await devPage.context().close();
    // Cold: a fresh browser context (empty HTTP cache, nothing compiled) on a server that serves
    // ready modules, as a deployed kiosk's server does. Warm: the element re-mounted in that page
    // (workers re-created; the compiled wasm and the HTTP cache kept).
    const page = await openPage();
    const rounds: number[] = [];
    for (let i = 0; i < 3; i++) {
      rounds.push(await firstScan(page));
      if (i < 2) await page.evaluate(() => { window.ckTest.unmount(); window.ckTest.recorded.scans.length = 0; });
    }
    await page.waitForFunction(() => window.ckTest.recorded.scans.length >= 60, null, { timeout: 60_000 });
    const scans = await page.evaluate(() => window.ckTest.recorded.scans.slice(1, 61).map((s) => ({ ...s.timings, ok: s.verdict.status })));
    const timing = await page.evaluate(() => window.ckTest.scanner().frameTiming);
    await page.evaluate(() => window.ckTest.unmount());
    const total = scans.map((s) => s.totalMs);
    const decode = scans.map((s) => s.decodeMs);
    const verify = scans.map((s) => s.verifyMs);
    await page.context().close();
    // The same page as a production build (what a kiosk serves and precaches: bundled modules
    // and workers), on a static server of its own. Cold: five fresh browser contexts, each
    // loading the page and mounting at once; warm: the element re-mounted twice in the last one.
    const built = await serveBuiltPage('test/pages/scanner-camera.html');
    const builtCold: number[] = [];
    const builtWarm: number[] = [];
    try {
      const contexts = 5;
      for (let i = 0; i < contexts; i++) {
        const builtPage = await openPage(built.url);
        builtCold.push(await firstScan(builtPage));
        if (i === contexts - 1) {
          for (let k = 0; k < 2; k++) {
            await builtPage.evaluate(() => { window.ckTest.unmount(); window.ckTest.recorded.scans.length = 0; });
            builtWarm.push(await firstScan(builtPage));
          }
          await builtPage.evaluate(() => window.ckTest.unmount());
        }
        await builtPage.context().close();
      }
    } finally {
      await built.close();
    }
    const range = (values: number[]) => `${r1(quantile(values, 0.5))} (${r1(Math.min(...values))}–${r1(Math.max(...values))})`;
    return {
      id: 'P4',
      title: 'Fake camera 1280×720: getUserMedia → first ck-scan; capture → verdict per frame',
      goal: 'getUserMedia → first verdict ≤ 250 ms cold; capture → verdict p50 ≤ 15 ms at 720p',
      rows: [
        { measure: 'getUserMedia → first ck-scan (cold: fresh browser context, worker + wasm start)', ms: r1(rounds[0]) },
        { measure: 'getUserMedia → first ck-scan (warm, median of 2)', ms: r1(quantile(rounds.slice(1), 0.5)) },
        { measure: 'getUserMedia → first ck-scan (first mount on a just-started dev server: + Vite transforms)', ms: r1(devFirst) },
        { measure: 'production build: getUserMedia → first ck-scan (cold: 5 fresh browser contexts, median (min–max))', ms: range(builtCold) },
        { measure: 'production build: getUserMedia → first ck-scan (warm, median of 2 re-mounts (min–max))', ms: range(builtWarm) },
        { measure: `capture → verdict p50 (${scans.length} scans)`, ms: r1(quantile(total, 0.5)) },
        { measure: 'capture → verdict p95', ms: r1(quantile(total, 0.95)) },
        { measure: 'of which decode worker p50 / p95', ms: `${r1(quantile(decode, 0.5))} / ${r1(quantile(decode, 0.95))}` },
        { measure: 'of which verify worker p50 / p95', ms: `${r1(quantile(verify, 0.5))} / ${r1(quantile(verify, 0.95))}` },
        { measure: 'verdicts valid', ms: `${scans.filter((s) => s.ok === 'valid').length}/${scans.length}` },
        {
          measure: 'frames from; capture-time check (track: VideoFrame timestamp mapped to performance.now(), frames presented by the <video> matched / missed (of which contradicting the mapping), largest deviation from rVFC captureTime)',
          ms: timing.clock
            ? `${timing.source}; ${timing.clock.calibrated ? 'calibrated' : 'not calibrated (frames from rVFC)'}, ${timing.clock.matched} / ${timing.clock.missed} (${timing.clock.contradicted}), ${r1(timing.clock.maxDeviationMs)} ms`
            : `${timing.source ?? 'none'}; rVFC captureTime`,
        },
      ],
      notes: [
        'debounce 0 so every decoded frame emits ck-scan. Capture time: where frames are read from the track (MediaStreamTrackProcessor, Chromium), the VideoFrame timestamp mapped to the performance.now() clock by an offset confirmed on frames the <video> presents (rVFC metadata.captureTime of the same frames) and re-checked on every later one; before that (the first frames after start) and without a track processor, frames come from requestVideoFrameCallback with its metadata.captureTime.',
        'Cold is measured in a fresh browser context after one mount in another context has made the dev server transform the modules (before 2026-12-07 the first mount on the just-started server was reported as cold: that figure is the row after warm).',
        'Production build rows: the same test page and fake camera, built with `vite build` (bundled page, bundled module workers, the wasm as a hashed asset; test/bench/page-build.ts) and served by `vite preview` on 127.0.0.1 (no service worker: every cold context fetches everything over loopback). Each cold context loads the page and mounts the element at once; the clock starts at the getUserMedia call, as in the dev rows.',
      ],
    };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Chip ID card corpus (generated in the bench page): every decoder on the same frames. */
export async function scannerCard(context: BenchContext): Promise<BenchSection> {
  const page = await openBench(context);
  const meta = await page.evaluate(() => window.scannerBench.makeCardFrames());
  const results = [];
  for (let i = 0; i < meta.length; i++) {
    const out = await page.evaluate(([index, names]) => window.scannerBench.decodeCardFrame(index, names), [i, [...ANCHORS]] as [number, (typeof ANCHORS)[number][]]);
    const m = meta[i];
    results.push({ groups: ['all', m.resolution, `${m.modulePx} px/module`, m.degradation, m.eci ? 'ECI' : 'no ECI', m.background], expected: m.expected, scored: true, negative: false, out });
  }
  await page.close();
  const rows = tabulate(results);
  // Where reading stops: the smallest module size at which a decoder still reads ≥ half the frames.
  const sizes = [...new Set(meta.map((m) => m.modulePx))].sort((a, b) => a - b);
  const stops = ANCHORS.map((name) => {
    const ok = sizes.filter((px) => (rows.find((r) => r.group === `${px} px/module` && r.decoder === name)?.rate ?? 0) >= 50);
    return `${name} ${ok.length ? `${ok[0]} px/module` : `none ≥ ${sizes[0]}`}`;
  });
  return {
    id: 'P-card',
    title: 'Chip ID card (CCCD) QR at arm’s length: Vietnamese UTF-8, with/without ECI, 720p/1080p, desk/hand, blur/glare/low light',
    goal: 'kit ≥ best anchor; report px/module where reading stops',
    rows,
    notes: [
      `${meta.length} frames generated in the page (public set, synthetic names): 2 resolutions × module ${sizes.join('/')} px × clean, blur, glare, low light × ECI 26 / no ECI; card 85.6 × 54 mm with a 17 mm QR, tilted ±8°.`,
      marginNote(rows, 'all'),
      `Smallest module size read in ≥ 50 % of frames: ${stops.join('; ')}.`,
      'Exact text match, so a Latin-1 misreading of UTF-8 counts as a miss.',
    ],
  };
}

/** Several codes in one frame: codes read within 3 frames by the kit's schedule vs each anchor on the frame. */
export async function scannerMulti(context: BenchContext): Promise<BenchSection> {
  const page = await openBench(context);
  const frames = 3;
  const meta = await page.evaluate((count) => window.scannerBench.makeMultiFrames(count), 24);
  const totals = new Map<string, { codes: number; read: number; wrong: number; allRead: number; ms: number[] }>();
  const tally = (name: string) => {
    let t = totals.get(name);
    if (!t) totals.set(name, (t = { codes: 0, read: 0, wrong: 0, allRead: 0, ms: [] }));
    return t;
  };
  const firstFrames: number[] = [];
  for (let i = 0; i < meta.length; i++) {
    const r = await page.evaluate(([index, n, names]) => window.scannerBench.decodeMultiFrame(index, n, names), [i, frames, [...ANCHORS].filter((a) => a !== 'kit')] as [number, number, (typeof ANCHORS)[number][]]);
    const expected = meta[i].expected;
    const kit = tally('kit (3 frames)');
    kit.ms.push(...r.kit.ms);
    const kitTexts = Object.keys(r.kit.firstFrame);
    kit.codes += expected.length;
    kit.read += expected.filter((t) => kitTexts.includes(t)).length;
    kit.wrong += kitTexts.filter((t) => !expected.includes(t)).length;
    if (expected.every((t) => kitTexts.includes(t))) kit.allRead++;
    firstFrames.push(...expected.filter((t) => t in r.kit.firstFrame).map((t) => r.kit.firstFrame[t]));
    for (const [name, out] of Object.entries(r.anchors)) {
      const t = tally(name);
      t.ms.push(out.ms);
      t.codes += expected.length;
      t.read += expected.filter((x) => out.texts.includes(x)).length;
      t.wrong += out.texts.filter((x) => !expected.includes(x)).length;
      if (expected.every((x) => out.texts.includes(x))) t.allRead++;
    }
  }
  await page.close();
  const rows = [...totals].map(([decoder, t]) => ({
    decoder,
    codes_read: `${t.read}/${t.codes}`,
    rate: r1((100 * t.read) / t.codes),
    frames_all_read: `${t.allRead}/${meta.length}`,
    false_results: t.wrong,
    median_ms_per_frame: r1(quantile(t.ms, 0.5)),
    p95_ms_per_frame: r1(quantile(t.ms, 0.95)),
  }));
  const byFrame = [0, 1, 2].map((f) => `frame ${f + 1}: ${firstFrames.filter((x) => x === f).length}`).join(', ');
  return {
    id: 'P-multi',
    title: 'Several passes in one frame (2–4 codes, 1280×720, module 2.5–5 px, ±25°): codes read within 3 frames',
    goal: '≥ 95 % of the codes read within 3 frames',
    rows,
    notes: [
      `${meta.length} frames (8 passes issued with a throw-away key, 2, 3 or 4 per frame, each on a dark phone body).`,
      `Kit: a fresh schedule held on the frame for ${frames} frames (what a camera at 30 fps gives in 100 ms); anchors: one whole-frame decode each (jsqr and qr-scanner return one code by design).`,
      `Frame on which the kit first read each code: ${byFrame}.`,
    ],
  };
}

/** Bytes of an entry and every chunk it imports statically (min+gzip each). */
function entryClosure(dist: string, entry: string): { files: string[]; raw: number; gzip: number } {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    for (const m of code.matchAll(/(?:import|export)\s*(?:[^'"()]*?from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      visit(join(dirname(file), m[1]).replace(/\\/g, '/'));
    }
  };
  visit(entry);
  let raw = 0;
  let gzip = 0;
  for (const f of seen) {
    const bytes = readFileSync(join(dist, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: [...seen], raw, gzip };
}

/** Entry size of checkpoint-kit/scanner (min+gzip JS, statically imported chunks included); workers and wasm apart. */
export async function scannerSize(): Promise<BenchSection> {
  let dist = join(repoRoot, 'dist');
  let temp: string | undefined;
  if (!existsSync(join(dist, 'scanner.js'))) {
    temp = mkdtempSync(join(tmpdir(), 'ck-size-'));
    // @ts-expect-error — plain ESM build script without typings
    const { buildLibrary } = await import('../tools/build.mjs');
    await buildLibrary({ outDir: temp, quiet: true });
    dist = temp;
  }
  try {
    const kb = (n: number) => r1(n / 1024);
    const rows: BenchSection['rows'] = [];
    for (const entry of ['scanner.js', 'elements/ck-scanner.js']) {
      if (!existsSync(join(dist, entry))) continue;
      const c = entryClosure(dist, entry);
      rows.push({ file: entry, kind: 'entry + static chunks', files: c.files.length, raw_kb: kb(c.raw), gzip_kb: kb(c.gzip) });
    }
    for (const dirName of ['workers', 'assets']) {
      for (const f of existsSync(join(dist, dirName)) ? readdirSync(join(dist, dirName)) : []) {
        if (!/^(decode\.worker|verify\.worker|zxing_reader).*\.(js|wasm)$/.test(f)) continue;
        const bytes = readFileSync(join(dist, dirName, f));
        rows.push({ file: `${dirName}/${f}`, kind: f.endsWith('.wasm') ? 'wasm (lazy, in the worker)' : 'worker (lazy)', files: 1, raw_kb: kb(bytes.length), gzip_kb: kb(gzipSync(bytes, { level: 9 }).length) });
      }
    }
    return { id: 'size-scanner', title: 'checkpoint-kit/scanner entry size (min+gzip)', goal: 'scanner entry ≤ 15 KB (JS; wasm apart, loaded lazily)', rows };
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

/** For test/bench/measures.ts: `{ ...scannerMeasures }`. */
export const scannerMeasures = {
  P1: scannerP1,
  P2: scannerP2,
  P3: scannerP3,
  P4: scannerP4,
  'P-card': scannerCard,
  'P-multi': scannerMulti,
  'size-scanner': scannerSize,
};
