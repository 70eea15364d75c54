import { must } from '../../fixtures/must';
/**
 * Bench page (main thread): turns corpus images into ImageData and hands them to the bench
 * worker; qr-scanner runs here because it brings its own worker. Driven by test/bench/scanner-bench.ts.
 */
import * as Comlink from 'comlink';
import QrScanner from 'qr-scanner';
import { defaultWasmUrl } from '../../../src/scanner/engine';
import type { AnchorName, BenchWorkerApi, Timed } from './bench.worker';
import type { DecodePass } from '../../../src/scanner/strategy';
import { issuePass } from '../../../src/core/issue';
import { referenceDeclaration } from '../../fixtures/reference';
import { testIssuer } from '../../fixtures/test-issuer';
import { qrPng } from '../../fixtures/qr-images';
import { makeCardFrames, makeMultiFrames, type CardFrame, type MultiFrame } from './field-frames';

export interface KitFrame {
  label: string;
  expected: string;
  degradation: string;
  modulePx: number;
}

/** Degradations applied to the kit's own passes, each on a 1280×720 frame. */
const DEGRADATIONS = ['clean', 'blur', 'noise', 'dark', 'low-contrast', 'rotated', 'glare'] as const;

function renderKitFrame(code: ImageBitmap, modulePx: number, degradation: (typeof DEGRADATIONS)[number], seed: number): ImageData {
  const canvas = new OffscreenCanvas(1280, 720);
  const ctx = must(canvas.getContext('2d', { willReadFrequently: true }));
  const dark = degradation === 'dark';
  ctx.fillStyle = dark ? '#111' : '#c8c8c8';
  ctx.fillRect(0, 0, 1280, 720);
  const side = code.width * (modulePx / 4);
  ctx.save();
  ctx.translate(640 + ((seed * 37) % 200) - 100, 360 + ((seed * 53) % 120) - 60);
  if (degradation === 'rotated') ctx.rotate((17 * Math.PI) / 180);
  const filters = [dark ? 'invert(1)' : '', degradation === 'blur' ? `blur(${(modulePx * 0.35).toFixed(2)}px)` : '', degradation === 'low-contrast' ? 'contrast(0.25) brightness(1.1)' : ''];
  ctx.filter = filters.filter(Boolean).join(' ') || 'none';
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(code, -side / 2, -side / 2, side, side);
  ctx.restore();
  if (degradation === 'glare') {
    const g = ctx.createRadialGradient(640, 330, 10, 640, 330, side * 0.35);
    g.addColorStop(0, 'rgba(255,255,255,0.85)');
    g.addColorStop(1, 'rgba(255,255,255,0)');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, 1280, 720);
  }
  const image = ctx.getImageData(0, 0, 1280, 720);
  if (degradation === 'noise') {
    let s = seed + 1;
    for (let i = 0; i < image.data.length; i += 4) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      const n = ((s % 61) - 30) * 1.2;
      image.data[i] += n;
      image.data[i + 1] += n;
      image.data[i + 2] += n;
    }
  }
  return image;
}

let kitFrames: { meta: KitFrame[]; images: ImageData[] } | undefined;
let cardFrames: { meta: CardFrame[]; images: ImageData[] } | undefined;
let multiFrames: { meta: MultiFrame[]; images: ImageData[] } | undefined;

/** Passes issued here with a throw-away key, rendered at several module sizes and degraded. */
async function makeKitFrames(): Promise<KitFrame[]> {
  if (kitFrames) return kitFrames.meta;
  const issuer = await testIssuer();
  const meta: KitFrame[] = [];
  const images: ImageData[] = [];
  for (let p = 0; p < 3; p++) {
    const text = await issuePass(referenceDeclaration(), issuer.signer);
    const code = await createImageBitmap(await qrPng(text, 4));
    for (const modulePx of [1.8, 2.5, 4]) {
      for (const degradation of DEGRADATIONS) {
        meta.push({ label: `pass${p}/${modulePx}px/${degradation}`, expected: text, degradation, modulePx });
        images.push(renderKitFrame(code, modulePx, degradation, p * 31 + modulePx * 7));
      }
    }
    code.close();
  }
  kitFrames = { meta, images };
  return meta;
}

const worker = Comlink.wrap<BenchWorkerApi>(new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' }));
const ready = worker.init(defaultWasmUrl());
let qrWorker: Promise<Worker> | undefined;

async function pixelsOf(url: string): Promise<ImageData> {
  const blob = await (await fetch(url)).blob();
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = must(canvas.getContext('2d', { willReadFrequently: true }));
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return ctx.getImageData(0, 0, canvas.width, canvas.height);
}

async function qrScanner(image: ImageData): Promise<Timed> {
  qrWorker ??= QrScanner.createQrEngine() as Promise<Worker>;
  const canvas = new OffscreenCanvas(image.width, image.height);
  must(canvas.getContext('2d')).putImageData(image, 0, 0);
  const bitmap = await createImageBitmap(canvas);
  const t0 = performance.now();
  try {
    const r = await QrScanner.scanImage(bitmap, { qrEngine: await qrWorker, returnDetailedScanResult: true });
    return { texts: [r.data], ms: performance.now() - t0 };
  } catch (error) {
    // qr-scanner rejects with this exact message when it simply finds nothing.
    if (String(error) !== 'No QR code found') console.warn('qr-scanner:', error);
    return { texts: [], ms: performance.now() - t0 };
  } finally {
    bitmap.close();
  }
}

const bench = {
  ready: () => ready,
  pixelsOf,
  async decodeUrl(url: string, names: readonly (AnchorName | 'qr-scanner')[]): Promise<Record<string, Timed>> {
    await ready;
    const image = await pixelsOf(url);
    const out: Record<string, Timed> = {};
    for (const name of names) out[name] = name === 'qr-scanner' ? await qrScanner(image) : await worker.decode(image, name);
    return out;
  },
  makeKitFrames,
  async decodeKitFrame(index: number, names: readonly (AnchorName | 'qr-scanner')[]): Promise<Record<string, Timed>> {
    await ready;
    const image = must(kitFrames).images[index];
    const out: Record<string, Timed> = {};
    for (const name of names) out[name] = name === 'qr-scanner' ? await qrScanner(image) : await worker.decode(image, name);
    return out;
  },
  async streamUrl(url: string, frames: number) {
    await ready;
    const image = await pixelsOf(url);
    const kit = await worker.stream(image, frames);
    const detector = await worker.decode(image, 'barcode-detector');
    return { kit, detector };
  },
  cycle: () => worker.cycle(),
  async makeCardFrames(): Promise<CardFrame[]> {
    cardFrames ??= await makeCardFrames();
    return cardFrames.meta;
  },
  async decodeCardFrame(index: number, names: readonly (AnchorName | 'qr-scanner')[]): Promise<Record<string, Timed>> {
    await ready;
    const image = must(cardFrames).images[index];
    const out: Record<string, Timed> = {};
    for (const name of names) out[name] = name === 'qr-scanner' ? await qrScanner(image) : await worker.decode(image, name);
    return out;
  },
  async makeMultiFrames(count: number): Promise<MultiFrame[]> {
    if (!multiFrames) {
      const issuer = await testIssuer();
      const texts = [];
      for (let i = 0; i < 8; i++) texts.push(await issuePass(referenceDeclaration(), issuer.signer));
      multiFrames = await makeMultiFrames(texts, count);
    }
    return multiFrames.meta;
  },
  /** One multi-code frame: the kit held for `frames` frames (fresh schedule), anchors once each. */
  async decodeMultiFrame(index: number, frames: number, names: readonly (AnchorName | 'qr-scanner')[]) {
    await ready;
    const image = must(multiFrames).images[index];
    const kit = await worker.holdUp(image, frames);
    const anchors: Record<string, Timed> = {};
    for (const name of names) anchors[name] = name === 'qr-scanner' ? await qrScanner(image) : await worker.decode(image, name);
    return { kit, anchors };
  },
  async passesUrl(url: string, passes: DecodePass[]) {
    await ready;
    return worker.decodePasses(await pixelsOf(url), passes);
  },
  worker,
};

declare global {
  interface Window {
    scannerBench: typeof bench;
  }
}
window.scannerBench = bench;
must(document.querySelector('#status')).textContent = 'ready';
