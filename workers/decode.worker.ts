/**
 * Decode worker: zxing-cpp (wasm) off the main thread. A thin comlink shell over
 * src/scanner — the element, `createDecoder()` and the bench all decode through this code.
 */
import * as Comlink from 'comlink';
import { loadEngine, runningWasm } from '../src/scanner/engine';
import { ScannerError } from '../src/scanner/errors';
import { bitmapToPixels, MAX_PIXELS, type FrameSource } from '../src/scanner/image';
import { videoFramePixels } from '../src/scanner/video-frame';
import { decodeStill, FrameScheduler } from '../src/scanner/schedule';
import type { DecodeWorkerApi } from '../src/scanner/protocol';

/** Uploaded files above this size are refused before decoding (a QR photo needs far less). */
const MAX_BLOB_BYTES = 25 * 1024 * 1024;

let scheduler = new FrameScheduler();

async function pixelsOf(image: ImageData | ImageBitmap | VideoFrame): Promise<FrameSource> {
  if (image instanceof ImageBitmap) return bitmapToPixels(image);
  if (image instanceof ImageData) {
    if (image.width * image.height > MAX_PIXELS) throw new ScannerError('image-unreadable', 'image too large');
    return image;
  }
  return videoFramePixels(image);
}

const api: DecodeWorkerApi = {
  async init(wasmUrl, compiled) {
    return loadEngine(wasmUrl, compiled);
  },

  compiled() {
    return runningWasm();
  },

  async decode(image) {
    await loadEngine();
    return decodeStill(await pixelsOf(image)).texts;
  },

  async decodeBlob(blob) {
    if (blob.size > MAX_BLOB_BYTES) throw new ScannerError('image-unreadable', `file of ${blob.size} bytes is too large`);
    await loadEngine();
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(blob);
    } catch (error) {
      throw new ScannerError('image-unreadable', `not an image (${(error as Error).message})`);
    }
    return decodeStill(bitmapToPixels(bitmap)).texts;
  },

  async decodeFrame(frame) {
    await loadEngine();
    const t0 = performance.now();
    const { texts, pass } = scheduler.next(await pixelsOf(frame));
    return { texts, pass, decodeMs: performance.now() - t0 };
  },

  resetFrames(region) {
    scheduler = new FrameScheduler({ region });
  },
};

Comlink.expose(api);
