import type { ReaderOptions } from 'zxing-wasm/reader';

/**
 * One decode attempt: which part of the frame, at what scale, with which zxing-cpp options.
 * Passes are plain data so the schedule, the bench and the tests can name and compare them.
 */
export interface DecodePass {
  readonly id: string;
  /** Centred square crop as a fraction of the short side; omitted or 1 = the whole frame. */
  readonly crop?: number;
  /** Integer box-downscale factor after the crop (1 = none). */
  readonly downscale?: number;
  /** Enlarge ×2 after the crop, for modules under ~2 px. */
  readonly upscale?: boolean;
  /** Unsharp-mask amount (see image.ts `sharpen`), applied before and, when enlarging, after the ×2. */
  readonly sharpen?: number;
  readonly reader: ReaderOptions;
}

/**
 * Codes read from one frame at most: passes held up together through a car window are two to
 * four; the bound keeps a frame full of code-like texture from costing without limit.
 */
export const MAX_CODES_PER_FRAME = 4;

/** Every pass reads QR codes as raw text (the default `HRI` text mode mangles control bytes). */
export const BASE_READER: ReaderOptions = {
  formats: ['QRCode'],
  maxNumberOfSymbols: MAX_CODES_PER_FRAME,
  textMode: 'Plain',
  // Bytes without an ECI designator: zxing-cpp guesses the character set (Shift_JIS, Latin-1…),
  // and engine.ts reads them as UTF-8 instead where they are valid UTF-8 (engine.ts says why).
  tryRotate: false,
  tryInvert: false,
  tryDownscale: false,
  tryDenoise: false,
  tryHarder: false,
};

/** Default scan region: the centred square of 0.8 × the short side (what the overlay shows). */
export const DEFAULT_SCAN_REGION = 0.8;

function pass(id: string, reader: ReaderOptions, geometry: Omit<DecodePass, 'id' | 'reader'> = {}): DecodePass {
  return { id, ...geometry, reader: { ...BASE_READER, ...reader } };
}

/**
 * Measured on qr-synth (1280×720, see test/bench/scanner-bench.ts): `fast` reads 193/270 in
 * ~6 ms on the whole frame; `thorough` (tryHarder + inversion) 224/270 in ~8 ms — dark-mode
 * screens need the inversion; `enlarged` (×2 bilinear + thorough) 232/270 in ~25 ms — small
 * or blurred modules; zxing's denoise and the GlobalHistogram binarizer added no reads there.
 */
export function passes(region = DEFAULT_SCAN_REGION) {
  return {
    regionFast: pass('region-fast', {}, { crop: region }),
    regionEnlarged: pass('region-enlarged', { tryHarder: true, tryInvert: true }, { crop: region, upscale: true }),
    fast: pass('fast', {}),
    thorough: pass('thorough', { tryHarder: true, tryInvert: true }),
    downscaled: pass('downscaled', { tryHarder: true, tryInvert: true, tryDownscale: true, downscaleThreshold: 500, downscaleFactor: 2 }, { downscale: 2 }),
    enlarged: pass('enlarged', { tryHarder: true, tryInvert: true }, { upscale: true }),
    sharpened: pass('sharpened', { tryHarder: true, tryInvert: true }, { sharpen: 1.5 }),
    enlargedSharpened: pass('enlarged-sharpened', { tryHarder: true, tryInvert: true }, { upscale: true, sharpen: 1 }),
  } as const;
}

/**
 * A still (uploaded photo, `createDecoder().decode`): cheapest first, stop at the first read.
 * The two sharpened passes come last (they run only on images nothing else read): on qr-synth
 * they read 5 of the 36 blurred, low-contrast frames the first four and every anchor miss,
 * with no text read from the frames without a code.
 */
export function stillLadder(): DecodePass[] {
  const p = passes();
  return [p.fast, p.thorough, p.downscaled, p.enlarged, p.sharpened, p.enlargedSharpened];
}
