/**
 * `createDecoder()`: the main-thread handle of a decode worker. The element and anyone using
 * `checkpoint-kit/scanner` decode through the same worker code.
 */
import * as Comlink from 'comlink';
import { toScannerError } from './errors';
import type { EngineInfo } from './engine';
import type { DecodeWorkerApi, FrameDecodeResult } from './protocol';
import { defaultWasmUrl, keepWasm, keptWasm } from './wasm';
import { WorkerClient } from './worker-client';

export interface DecoderOptions {
  /**
   * URL of zxing-wasm's `zxing_reader.wasm` (exactly the version the kit was built with).
   * Default: the copy emitted beside the worker by the build (or served from node_modules in dev).
   */
  wasmUrl?: string;
}

export interface Decoder {
  /** Resolves once the wasm is loaded and checked; rejects with a `ScannerError` otherwise. */
  readonly ready: Promise<EngineInfo>;
  /**
   * Decodes the QR codes in a still image (every strategy pass, cheapest first). An ImageBitmap
   * is transferred to the worker (closed for the caller); ImageData is copied.
   */
  decode(image: ImageData | ImageBitmap): Promise<string[]>;
  /** Decodes a photo file (PNG, JPEG, WebP…) in the worker. */
  decodeBlob(blob: Blob): Promise<string[]>;
  /**
   * One camera frame through the adaptive schedule (transferred). A `VideoFrame` is the
   * cheapest hand-off: no pixels are read on the main thread, the worker copies the camera's
   * luma plane. Texts come left to right, several when several codes are in view.
   */
  decodeFrame(frame: ImageData | ImageBitmap | VideoFrame): Promise<FrameDecodeResult>;
  /** Restarts the frame schedule with a scan region (fraction of the short side). */
  resetFrames(region: number): Promise<void>;
  /** Terminates the worker; pending and later calls reject with `decoder-closed`. */
  close(): void;
}

function transferable<T extends ImageData | ImageBitmap | VideoFrame>(image: T, transfer: boolean): T {
  if (!(image instanceof ImageData)) return Comlink.transfer(image, [image]);
  return transfer ? Comlink.transfer(image, [image.data.buffer]) : image;
}

function isCloneError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'DataCloneError';
}

export function createDecoder(options: DecoderOptions = {}): Decoder {
  const client = new WorkerClient<DecodeWorkerApi>(
    new Worker(new URL('../../workers/decode.worker.ts', import.meta.url), { type: 'module', name: 'ck-decode' }),
  );
  const guard = <R>(run: (remote: Comlink.Remote<DecodeWorkerApi>) => Promise<R>): Promise<R> =>
    client.call(run).catch((error: unknown) => {
      throw toScannerError(error, 'image-unreadable');
    });
  // The worker fetches and compiles the wasm itself (wasm.ts says why) and hands the module back;
  // a later worker of the page instantiates that one. Where a module cannot be sent (an engine
  // that cannot clone a WebAssembly.Module to or from a worker), each worker fetches its own.
  const wasmUrl = options.wasmUrl ?? defaultWasmUrl();
  const kept = keptWasm(wasmUrl);
  const ready = (kept ? client.call((w) => w.init(wasmUrl, kept)).catch((error: unknown) => (isCloneError(error) ? undefined : Promise.reject(error))) : Promise.resolve(undefined))
    .then((info) => info ?? client.call((w) => w.init(wasmUrl)))
    .catch((error: unknown) => {
      throw toScannerError(error, 'decoder-load-failed');
    });
  if (!kept) {
    void ready
      .then(() => client.call((w) => w.compiled()))
      .then((compiled) => compiled && keepWasm(wasmUrl, compiled))
      .catch(() => undefined);
  }
  // Callers that never await `ready` still see the failure through their decode calls.
  ready.catch(() => undefined);
  const afterReady = <R>(run: (remote: Comlink.Remote<DecodeWorkerApi>) => Promise<R>): Promise<R> => ready.then(() => guard(run));
  return {
    ready,
    decode: (image) => afterReady((w) => w.decode(transferable(image, false))),
    decodeBlob: (blob) => afterReady((w) => w.decodeBlob(blob)),
    decodeFrame: (frame) => afterReady((w) => w.decodeFrame(transferable(frame, true))),
    resetFrames: (region) => guard((w) => w.resetFrames(region)),
    close: () => client.close(),
  };
}
