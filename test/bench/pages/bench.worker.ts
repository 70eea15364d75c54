import { must } from '../../fixtures/must';
/**
 * Bench worker: every decoder under test runs here, on the same pixels, in the same run.
 * The kit runs its real worker-side code (src/scanner); the anchors run with their defaults.
 */
import * as Comlink from 'comlink';
import jsQR from 'jsqr';
import { BarcodeDetector, prepareZXingModule as prepareDetector } from 'barcode-detector/ponyfill';
import { readBarcodes } from 'zxing-wasm/reader';
import { loadEngine, runPasses } from '../../../src/scanner/engine';
import { FrameScheduler, decodeStill } from '../../../src/scanner/schedule';
import type { DecodePass } from '../../../src/scanner/strategy';

export type AnchorName = 'kit' | 'barcode-detector' | 'zxing-direct' | 'jsqr';

export interface Timed {
  texts: string[];
  ms: number;
}

let detector: BarcodeDetector | undefined;
const scheduler = new FrameScheduler();

const api = {
  async init(wasmUrl: string): Promise<void> {
    await loadEngine(wasmUrl);
    // barcode-detector bundles its own (nested, older) zxing-wasm glue: give it that version's
    // self-hosted wasm, never a CDN.
    const detectorWasm = new URL('../../../node_modules/barcode-detector/node_modules/zxing-wasm/dist/reader/zxing_reader.wasm', import.meta.url).href;
    await prepareDetector({ overrides: { locateFile: () => detectorWasm }, fireImmediately: true });
    detector = new BarcodeDetector({ formats: ['qr_code'] });
  },

  async decode(image: ImageData, name: AnchorName): Promise<Timed> {
    const t0 = performance.now();
    let texts: string[];
    switch (name) {
      case 'kit':
        texts = decodeStill(image).texts;
        break;
      case 'barcode-detector':
        texts = (await must(detector).detect(image)).map((b) => b.rawValue);
        break;
      case 'zxing-direct':
        texts = (await readBarcodes(image, { formats: ['QRCode'], textMode: 'Plain' })).filter((r) => r.isValid).map((r) => r.text);
        break;
      case 'jsqr': {
        const r = jsQR(image.data, image.width, image.height);
        texts = r ? [r.data] : [];
        break;
      }
    }
    return { texts, ms: performance.now() - t0 };
  },

  /** One camera frame through the kit's adaptive schedule (cheap most frames, full effort periodically). */
  async decodeFrame(image: ImageData): Promise<Timed & { pass: string | null }> {
    const t0 = performance.now();
    const r = scheduler.next(image);
    return { texts: r.texts, pass: r.pass, ms: performance.now() - t0 };
  },

  /**
   * A camera held still on one image for `frames` frames: the kit's schedule on each frame
   * (timed one by one); the scheduler carries over between images as it would in a live feed.
   */
  stream(image: ImageData, frames: number): { ms: number[]; firstRead: number; texts: string[] } {
    const ms: number[] = [];
    let firstRead = -1;
    let texts: string[] = [];
    for (let i = 0; i < frames; i++) {
      const t0 = performance.now();
      const r = scheduler.next(image);
      ms.push(performance.now() - t0);
      if (r.texts.length > 0 && firstRead < 0) {
        firstRead = i;
        texts = r.texts;
      }
    }
    return { ms, firstRead, texts };
  },

  /**
   * A fresh hold-up (new schedule) of one image for `frames` frames: every text read and the
   * frame it was first read on, and each frame's time. For several codes in one frame.
   */
  holdUp(image: ImageData, frames: number): { ms: number[]; firstFrame: Record<string, number> } {
    const fresh = new FrameScheduler();
    const ms: number[] = [];
    const firstFrame: Record<string, number> = {};
    for (let i = 0; i < frames; i++) {
      const t0 = performance.now();
      const r = fresh.next(image);
      ms.push(performance.now() - t0);
      for (const text of r.texts) firstFrame[text] ??= i;
    }
    return { ms, firstFrame };
  },

  /** Frames a still code needs to meet every pass of the schedule once. */
  cycle(): number {
    return scheduler.cycle;
  },

  /** Exploration aid: time an explicit pass list. */
  async decodePasses(image: ImageData, passes: DecodePass[]): Promise<Timed & { pass: string | null }> {
    const t0 = performance.now();
    const r = runPasses(image, passes);
    return { texts: r.texts, pass: r.pass, ms: performance.now() - t0 };
  },
};

export type BenchWorkerApi = typeof api;
Comlink.expose(api);
