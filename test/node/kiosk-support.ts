/// <reference types="node" />
// Shared by the kiosk's whole-page tests and the P9 bench: a production build of the demo in a
// temp dir (never the shared dist-demo), `vite preview` over it with the demo backend under
// /api, passes issued over HTTP by the backend's demo issuer, and fake-camera clips showing
// several passes one after another.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays, vietnamDate } from '../../src/core/dates';
import type { Declaration } from '../../src/core/declaration';
import { qrMatrix, type QrMatrix } from '../fixtures/camera-clips';
import { referenceDeclaration } from '../fixtures/reference';
import { previewDemo, type PreviewedDemo } from '../tools/demo-server';
import { launchChromium } from '../tools/browser';

export type KioskServer = PreviewedDemo;

/** Builds the demo (with the kiosk's service worker) into a temp dir and serves it. */
export function startKioskServer(): Promise<KioskServer> {
  return previewDemo({ tempPrefix: 'ck-kiosk-dist-' });
}

export async function api<T = unknown>(base: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const response = await fetch(`${base}/api${path}`, {
    method,
    headers: init.body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface IssuedPass {
  pass: string;
  passId: string;
  declaration: Declaration;
}

/** Three travellers; the second comes from a ward the seeded trust bundle lists as high risk. */
export function travellers(): Declaration[] {
  const base = referenceDeclaration();
  return [
    base,
    {
      ...base,
      fullName: 'Trần Văn Bình',
      idNumber: '027078004321',
      dateOfBirth: '1978-11-02',
      gender: 'male',
      phone: '0983456789',
      origin: { provinceCode: '27', unitCode: '09289', address: 'Thôn Ngọc Xá, Quế Võ, Bắc Ninh' },
      destination: { provinceCode: '01', unitCode: '00070', address: '5 Lý Quốc Sư, Hoàn Kiếm, Hà Nội' },
      health: { symptoms: [], contactWithCase: false, testResult: { result: 'negative', date: addDays(vietnamDate(new Date()), -1), kind: 'rapid' } },
    },
    {
      ...base,
      fullName: 'Lê Hoàng Nam',
      idNumber: '001201009876',
      dateOfBirth: '2001-03-09',
      gender: 'male',
      phone: '0367891234',
      origin: { provinceCode: '01', unitCode: '00001', address: '3 Phó Đức Chính, Ba Đình, Hà Nội' },
      destination: { provinceCode: '27', unitCode: '09163', address: 'Phường Vũ Ninh, TP Bắc Ninh' },
      purpose: 'family',
    },
  ];
}

export async function issuePasses(base: string, declarations: Declaration[]): Promise<IssuedPass[]> {
  const out: IssuedPass[] = [];
  for (const declaration of declarations) {
    const created = await api<{ pass: string; passId: string }>(base, '/declarations', { body: declaration });
    out.push({ pass: created.pass, passId: created.passId, declaration });
  }
  return out;
}

function luma(matrix: QrMatrix | null, width: number, height: number, frame: number): Buffer {
  const y = Buffer.alloc(width * height);
  let seed = 9001 + frame * 7919;
  for (let i = 0; i < y.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    y[i] = 196 + (seed % 9);
  }
  if (!matrix) return y;
  const scale = Math.max(2, Math.floor((Math.min(width, height) * 0.8) / (matrix.size + 8)));
  const side = (matrix.size + 8) * scale;
  const x0 = Math.floor((width - side) / 2);
  const y0 = Math.floor((height - side) / 2);
  for (let py = 0; py < side; py++) {
    for (let px = 0; px < side; px++) {
      const r = Math.floor(py / scale) - 4;
      const c = Math.floor(px / scale) - 4;
      y[(y0 + py) * width + x0 + px] = r >= 0 && c >= 0 && r < matrix.size && c < matrix.size && matrix.dark(r, c) ? 24 : 235;
    }
  }
  return y;
}

/**
 * A YUV4MPEG2 clip showing each text for `showSeconds`, with `gapSeconds` of empty scene before
 * each (Chromium loops the file, so the gap also separates the last pass from the first).
 */
export async function writeSequenceClip(file: string, texts: readonly string[], options: { showSeconds?: number; gapSeconds?: number; fps?: number } = {}): Promise<void> {
  const { showSeconds = 1.5, gapSeconds = 0.6, fps = 15 } = options;
  const width = 640;
  const height = 480;
  const out = createWriteStream(file);
  out.write(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  let frame = 0;
  const write = async (matrix: QrMatrix | null, seconds: number) => {
    for (let i = 0; i < Math.round(seconds * fps); i++, frame++) {
      out.write('FRAME\n');
      out.write(luma(matrix, width, height, frame));
      if (!out.write(chroma)) await once(out, 'drain');
    }
  };
  for (const text of texts) {
    await write(null, gapSeconds);
    await write(qrMatrix(text), showSeconds);
  }
  out.end();
  await once(out, 'finish');
}

/**
 * Holds the camera back on a page until `releaseCamera`: a first online visit then installs the
 * service worker and downloads trust data without the clip's passes being scanned yet.
 */
export async function holdCameraBack(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    if (sessionStorage.getItem('ck-test-camera') === 'on') return;
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('camera held back by the test', 'NotAllowedError'));
  });
}

export async function releaseCamera(page: Page): Promise<void> {
  await page.evaluate(() => sessionStorage.setItem('ck-test-camera', 'on'));
}

export interface KioskCounts {
  pending: number;
  synced: number;
  quarantined: number;
}

export async function kioskCounts(page: Page): Promise<KioskCounts> {
  return page.evaluate(() => window.ckKiosk.store.counts());
}

/** Waits until the page's kiosk is up: element rendered, engine started, worker registered. */
/**
 * Opens the kiosk with a set-up link and submits the set-up form it prefilled: a link only
 * prefills set-up, it never configures a kiosk by itself.
 */
export async function setUpKiosk(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('#setup button[type="submit"]').click({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector<HTMLFormElement>('#setup')?.hidden === true, null, { timeout: 30_000 });
}

export async function waitForKiosk(page: Page, options: { offlineReady?: boolean; trust?: boolean } = {}): Promise<void> {
  await page.waitForFunction(() => typeof window.ckKiosk === 'object' && window.ckKiosk.checkpoint.shadowRoot !== null, null, { timeout: 30_000 });
  if (options.offlineReady) await page.waitForFunction(() => document.documentElement.dataset.offlineReady === 'true', null, { timeout: 60_000 });
  if (options.trust) {
    await page.waitForFunction(() => !window.ckKiosk.checkpoint.shadowRoot?.querySelector('[data-problem="no-trust"]') && window.ckKiosk.engine?.status.trustSequence != null, null, { timeout: 30_000 });
  }
}

/** The camera preview inside <ck-checkpoint> → <ck-scanner> is playing. */
export async function waitForCamera(page: Page, timeout = 20_000): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const scanner = window.ckKiosk?.checkpoint.shadowRoot?.querySelector('ck-scanner');
      const video = scanner?.shadowRoot?.querySelector('video');
      return video && video.readyState >= 2 && !video.paused ? performance.now() : false;
    },
    null,
    { timeout, polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}

/** Polls `check` until it is true (every 200 ms), or throws `message` after `timeoutMs`. */
export async function until(check: () => Promise<boolean>, timeoutMs: number, message: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface KioskScene {
  server: KioskServer;
  passes: IssuedPass[];
  browser: Browser;
  close(): Promise<void>;
}

export interface KioskSceneOptions {
  /** Load the backend's sample data after the reset. */
  seed: boolean;
  /** Passes are issued for these (default: the three travellers). */
  declarations?: Declaration[];
  /** The fake camera shows the first N passes one after another; 0 (default): no camera flags. */
  onCamera?: number;
  showSeconds?: number;
  gapSeconds?: number;
}

/**
 * What the whole-page kiosk tests share: the demo built and previewed, the backend reset, passes
 * issued over HTTP, and a Chromium whose fake camera shows some of them. `close` frees all of it.
 */
export async function startKioskScene(options: KioskSceneOptions): Promise<KioskScene> {
  const server = await startKioskServer();
  let clipDir: string | undefined;
  try {
    await api(server.url, '/__reset', { body: { seed: options.seed } });
    const passes = await issuePasses(server.url, options.declarations ?? travellers());
    let fakeVideoFile: string | undefined;
    if (options.onCamera) {
      clipDir = mkdtempSync(join(tmpdir(), 'ck-kiosk-clip-'));
      fakeVideoFile = join(clipDir, 'passes.y4m');
      await writeSequenceClip(fakeVideoFile, passes.slice(0, options.onCamera).map((p) => p.pass), {
        ...(options.showSeconds !== undefined && { showSeconds: options.showSeconds }),
        ...(options.gapSeconds !== undefined && { gapSeconds: options.gapSeconds }),
      });
    }
    const browser = await launchChromium(fakeVideoFile ? { fakeVideoFile } : {});
    const dir = clipDir;
    return {
      server,
      passes,
      browser,
      async close() {
        await browser.close();
        await server.close();
        if (dir) rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server.close();
    if (clipDir) rmSync(clipDir, { recursive: true, force: true });
    throw error;
  }
}
