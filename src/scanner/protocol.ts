/** The messages between the main thread and the decode / verify workers (comlink-exposed APIs). */
import type { PassVerdict } from '../core/verdict-types';
import type { TrustStoreInit } from '../core/trust-store';
import type { VerifyOptions } from '../core/verify';
import type { EngineInfo } from './engine';
import type { CompiledWasm } from './wasm';

export interface FrameDecodeResult {
  /** Texts read, left to right, one per text, at most MAX_CODES_PER_FRAME. */
  texts: string[];
  /** The decode pass that read it, or null. */
  pass: string | null;
  /** Time in the worker: pixels out of the frame + decode passes. */
  decodeMs: number;
}

export interface DecodeWorkerApi {
  /** Loads the engine: from a module an earlier worker of the page compiled when given, else by fetching `wasmUrl`. */
  init(wasmUrl?: string, compiled?: CompiledWasm): Promise<EngineInfo>;
  /** The compiled module the loaded engine runs, for the page's later workers (undefined before loading). */
  compiled(): CompiledWasm | undefined;
  /** A still image through the whole ladder. */
  decode(image: ImageData | ImageBitmap): Promise<string[]>;
  /** A photo file (PNG/JPEG/WebP…) decoded by the worker's own image decoder. */
  decodeBlob(blob: Blob): Promise<string[]>;
  /** One camera frame through the adaptive schedule (a VideoFrame is read and closed in the worker). */
  decodeFrame(frame: ImageData | ImageBitmap | VideoFrame): Promise<FrameDecodeResult>;
  /** Restarts the frame schedule (new camera, new scan region). */
  resetFrames(region: number): void;
}

export interface VerifyResult {
  verdict: PassVerdict;
  verifyMs: number;
}

export interface VerifyWorkerApi {
  /** Replaces the trust store (issuer JWKS, revoked pass ids, freshness). */
  setTrust(init: TrustStoreInit): Promise<{ issuers: number; rejectedKeys: number }>;
  verify(text: string, options?: VerifyOptions): Promise<VerifyResult>;
}
