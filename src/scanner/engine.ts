/**
 * Worker-side decoding: loads the self-hosted zxing-cpp wasm (digest-checked against the glue)
 * and runs decode passes on grey pixels. Only workers (decode worker, bench worker) import it.
 */
import {
  binarizers,
  characterSets,
  defaultReaderOptions,
  eanAddOnSymbols,
  encodeFormats,
  prepareZXingModule,
  purgeZXingModule,
  textModes,
  ZXING_WASM_SHA256,
  ZXING_WASM_VERSION,
  type ReaderOptions,
  type ZXingReaderOptions,
} from 'zxing-wasm/reader';
import { ScannerError } from './errors';
import { cropRect, sharpen, toGray, upscale2, type Alloc, type FrameSource, type Gray } from './image';
import { BASE_READER, type DecodePass } from './strategy';
import { defaultWasmUrl, fetchWasm, type CompiledWasm } from './wasm';
import { warmUpImage } from './warm-up';

export { defaultWasmUrl } from './wasm';

export interface EngineInfo {
  /** zxing-wasm version of the glue (and, digest-checked, of the wasm). */
  readonly version: string;
  readonly sha256: string;
  readonly loadMs: number;
}

/** The parts of the Emscripten module used here (the glue's own typings leave the heap untyped). */
interface PixmapModule {
  _malloc(size: number): number;
  _free(ptr: number): void;
  readonly HEAPU8: Uint8Array;
  readBarcodesFromPixmap(
    ptr: number,
    width: number,
    height: number,
    options: ZXingReaderOptions,
  ): NativeResults;
}

interface NativeResults {
  size(): number;
  get(i: number): { isValid: boolean; text: string; bytes: Uint8Array; hasECI: boolean; position: { topLeft: Point; topRight: Point; bottomLeft: Point; bottomRight: Point } };
  delete(): void;
}

interface Point {
  x: number;
  y: number;
}

/** One code read in a pass: its text and the centre of its corners in the pass's grey image. */
export interface GrayRead {
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

let loaded: Promise<EngineInfo> | undefined;
let zxing: PixmapModule | undefined;

function checkDigest(wasmUrl: string, sha256: string): void {
  if (sha256 !== ZXING_WASM_SHA256) {
    throw new ScannerError(
      'decoder-version-mismatch',
      `${wasmUrl} is not the zxing-wasm ${ZXING_WASM_VERSION} reader (sha256 ${sha256.slice(0, 12)}…, expected ${ZXING_WASM_SHA256.slice(0, 12)}…)`,
    );
  }
}

/** Instantiates a module compiled elsewhere (the main thread, see wasm.ts) into the glue. */
async function prepareFromModule(compiled: CompiledWasm): Promise<PixmapModule> {
  let failed: (error: unknown) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => (failed = reject));
  const ready = prepareZXingModule({
    overrides: {
      instantiateWasm: (imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance) => void) => {
        WebAssembly.instantiate(compiled.module, imports).then(receive, failed);
        return {};
      },
    },
    fireImmediately: true,
  }) as unknown as Promise<PixmapModule>;
  return Promise.race([ready, failure]);
}

/** The module the engine runs, with its digest (handed to the page for its later workers). */
let running: CompiledWasm | undefined;

/**
 * Loads the engine once: from `compiled` (a module this page's earlier worker compiled), else by
 * fetching and compiling `wasmUrl` here (wasm.ts). Either way the SHA-256 of the bytes is checked
 * against the digest the glue was built for (a mismatched wasm otherwise fails every read with a
 * generic error) before the module is instantiated; no CDN is ever asked.
 */
export function loadEngine(wasmUrl: string = defaultWasmUrl(), compiled?: CompiledWasm): Promise<EngineInfo> {
  loaded ??= (async () => {
    const t0 = performance.now();
    let wasm = compiled;
    if (!wasm) {
      try {
        wasm = await fetchWasm(wasmUrl);
      } catch (error) {
        throw new ScannerError('decoder-load-failed', `cannot load ${wasmUrl} (${(error as Error).message})`);
      }
    }
    checkDigest(wasmUrl, wasm.sha256);
    try {
      zxing = await prepareFromModule(wasm);
    } catch (error) {
      purgeZXingModule();
      throw new ScannerError('decoder-load-failed', `cannot start the decoder (${(error as Error).message})`);
    }
    running = wasm;
    return finishLoad(wasm.sha256, t0);
  })();
  // A failed load may be retried (e.g. once the asset is reachable again).
  loaded.catch(() => (loaded = undefined));
  return loaded;
}

/** The module the loaded engine runs (undefined before it has loaded). */
export function runningWasm(): CompiledWasm | undefined {
  return running;
}

function finishLoad(sha256: string, t0: number): EngineInfo {
  if (typeof zxing?.readBarcodesFromPixmap !== 'function') {
    throw new ScannerError('decoder-version-mismatch', `zxing-wasm ${ZXING_WASM_VERSION} lacks readBarcodesFromPixmap`);
  }
  // Throw-away reads of a real code, with the camera's cheap and thorough options: the engine
  // compiles its functions on first use (~40 ms), which would otherwise land on the first frame
  // that shows a code.
  const image = warmUpImage();
  readGray(image, BASE_READER);
  readGray(image, { ...BASE_READER, tryHarder: true, tryInvert: true });
  return { version: ZXING_WASM_VERSION, sha256, loadMs: performance.now() - t0 };
}

const nativeOptions = new WeakMap<ReaderOptions, ZXingReaderOptions>();

/** Same mapping zxing-wasm applies inside `readBarcodes` (enum names → indices), cached per pass. */
function toNative(options: ReaderOptions): ZXingReaderOptions {
  let native = nativeOptions.get(options);
  if (!native) {
    const o = { ...defaultReaderOptions, ...options };
    native = {
      ...o,
      formats: encodeFormats(o.formats),
      binarizer: binarizers.indexOf(o.binarizer),
      eanAddOnSymbol: eanAddOnSymbols.indexOf(o.eanAddOnSymbol),
      textMode: textModes.indexOf(o.textMode),
      characterSet: characterSets.indexOf(o.characterSet),
      tryCode39ExtendedMode: o.tryCode39ExtendedMode ?? true,
    };
    nativeOptions.set(options, native);
  }
  return native;
}

/**
 * One block of the wasm heap, kept between frames (grown when a larger image comes): the last
 * pixel step of a camera-frame pass writes straight into it, so a frame costs no allocation
 * and no copy into the heap.
 */
let scratch = { ptr: 0, size: 0 };

const intoHeap: Alloc = (size) => {
  if (!zxing) throw new ScannerError('decoder-load-failed', 'the decoder is not loaded');
  if (size > scratch.size) {
    if (scratch.ptr) zxing._free(scratch.ptr);
    const ptr = zxing._malloc(size);
    scratch = { ptr, size: ptr ? size : 0 };
    if (!ptr) throw new ScannerError('image-unreadable', `cannot allocate ${size} bytes`);
  }
  // A fresh view each time: the heap's buffer is replaced when the wasm memory grows.
  return zxing.HEAPU8.subarray(scratch.ptr, scratch.ptr + size);
};

function inScratch(data: Uint8Array): boolean {
  return zxing !== undefined && scratch.ptr !== 0 && data.buffer === zxing.HEAPU8.buffer && data.byteOffset === scratch.ptr;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a code without an ECI designator: its bytes as UTF-8 where they are valid UTF-8
 * with at least one multi-byte sequence, else zxing-cpp's guess. The chip ID card's QR carries
 * Vietnamese UTF-8 without ECI, which the guess takes for Latin-1 mojibake; forcing UTF-8 on
 * every code instead garbled Shift_JIS and Latin-1 codes (8 of qr-photos' Japanese photos).
 * Shift_JIS and Latin-1 text is almost never valid UTF-8, so the guess keeps those.
 */
export function utf8OrGuess(bytes: Uint8Array, guessed: string): string {
  if (!bytes.some((b) => b >= 0x80)) return guessed;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return guessed;
  }
}

/**
 * Decodes 8-bit luma with zxing-cpp's pixmap entry point. `readBarcodes(ImageData)` would redo
 * the RGBA→grey step in JS on every call; the grey here is already cropped and scaled (and, for
 * camera frames, already in the heap).
 */
export function readGray(gray: Gray, options: ReaderOptions): GrayRead[] {
  if (!zxing) throw new ScannerError('decoder-load-failed', 'the decoder is not loaded');
  const inPlace = inScratch(gray.data);
  const ptr = inPlace ? scratch.ptr : zxing._malloc(gray.data.byteLength);
  if (!ptr) throw new ScannerError('image-unreadable', `cannot allocate ${gray.data.byteLength} bytes`);
  try {
    if (!inPlace) zxing.HEAPU8.set(gray.data, ptr);
    const results = zxing.readBarcodesFromPixmap(ptr, gray.width, gray.height, toNative(options));
    const reads: GrayRead[] = [];
    try {
      for (let i = 0; i < results.size(); i++) {
        const r = results.get(i);
        if (!r.isValid || r.text.length === 0) continue;
        const { topLeft: a, topRight: b, bottomLeft: c, bottomRight: d } = r.position;
        reads.push({ text: r.hasECI ? r.text : utf8OrGuess(r.bytes, r.text), x: (a.x + b.x + c.x + d.x) / 4, y: (a.y + b.y + c.y + d.y) / 4 });
      }
    } finally {
      // The result vector lives in the wasm heap until deleted.
      results.delete();
    }
    return reads;
  } finally {
    if (!inPlace) zxing._free(ptr);
  }
}

/** The grey image a pass sees (the crop/scale of the source); `into` receives the last step's output. */
export function passInput(pixels: FrameSource, pass: DecodePass, into?: Alloc): Gray {
  const steps = (pass.sharpen ? 1 : 0) + (pass.upscale ? 1 : 0) + (pass.sharpen && pass.upscale ? 1 : 0);
  let left = steps;
  const last = () => (--left === 0 ? into : undefined);
  let gray = toGray(pixels, pass.crop, pass.downscale, steps === 0 ? into : undefined);
  if (pass.sharpen) gray = sharpen(gray, pass.sharpen, last());
  if (pass.upscale) gray = upscale2(gray, last());
  if (pass.sharpen && pass.upscale) gray = sharpen(gray, pass.sharpen, last());
  return gray;
}

/** A code read from a frame: text and centre in the frame's own pixels. */
export interface FrameRead {
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

/**
 * Reads of one pass mapped back to frame coordinates, one per text. With a `cache` (passes of
 * one still sharing grey images) the grey is kept in JS; without, it is built in the heap block.
 */
export function runPass(pixels: FrameSource, pass: DecodePass, cache?: Map<string, Gray>): FrameRead[] {
  const key = `${pass.crop ?? 1}/${pass.downscale ?? 1}/${pass.upscale ? 2 : 1}/${pass.sharpen ?? 0}`;
  let input = cache?.get(key);
  if (!input) {
    input = passInput(pixels, pass, cache ? undefined : intoHeap);
    cache?.set(key, input);
  }
  const rect = cropRect(pixels.width, pixels.height, pass.crop);
  const scale = Math.max(1, Math.floor(pass.downscale ?? 1)) / (pass.upscale ? 2 : 1);
  return uniqueReads(readGray(input, pass.reader).map((r) => ({ text: r.text, x: rect.x + r.x * scale, y: rect.y + r.y * scale })));
}

/** One read per text (the first seen), ordered left to right as the officer sees them. */
export function uniqueReads(reads: readonly FrameRead[]): FrameRead[] {
  const seen = new Set<string>();
  const out: FrameRead[] = [];
  for (const r of reads) {
    if (seen.has(r.text)) continue;
    seen.add(r.text);
    out.push(r);
  }
  return out.sort((a, b) => a.x - b.x);
}

/** Runs passes in order until one reads something; grey images are shared between passes with the same geometry. */
export function runPasses(pixels: FrameSource, passes: readonly DecodePass[]): { texts: string[]; reads: FrameRead[]; pass: string | null } {
  const cache = new Map<string, Gray>();
  for (const pass of passes) {
    const reads = runPass(pixels, pass, cache);
    if (reads.length > 0) return { texts: reads.map((r) => r.text), reads, pass: pass.id };
  }
  return { texts: [], reads: [], pass: null };
}
