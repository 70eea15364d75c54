/**
 * The adaptive schedule for camera frames (worker side): a cheap pass on the scan region every
 * frame, plus every `heavyEvery`-th frame — starting with the very first — one whole-frame or
 * expensive pass. A frame whose region read nothing gets the next expensive pass in rotation
 * (whole frame with inversion first, then region inversion, enlargement, downscale); a frame
 * whose region read a code gets a cheap whole-frame pass, so other codes held up beside it are
 * read too. A code anywhere in the frame is thus looked for on the first frame.
 */
import { runPass, runPasses, uniqueReads, type FrameRead } from './engine';
import type { Gray, FrameSource } from './image';
import { DEFAULT_SCAN_REGION, MAX_CODES_PER_FRAME, passes, stillLadder, type DecodePass } from './strategy';

export interface PassResult {
  /** Texts read, left to right (at most the per-frame bound, one per text). */
  texts: string[];
  /** Id of the pass(es) that read the codes, or null. */
  pass: string | null;
}

export interface FrameScheduleOptions {
  /** Scan region (fraction of the short side, centred). */
  region?: number;
  /** Run one heavy pass every this many frames (the first frame is always one). */
  heavyEvery?: number;
}

export function decodeStill(pixels: FrameSource): PassResult {
  const { texts, pass } = runPasses(pixels, stillLadder());
  return { texts, pass };
}

export class FrameScheduler {
  readonly cheap: DecodePass;
  /** Tried in rotation on heavy frames where the region read nothing. */
  readonly heavy: readonly DecodePass[];
  /** Run on heavy frames where the region read something: the rest of the frame, cheaply. */
  readonly wide: DecodePass;
  readonly heavyEvery: number;
  #frame = 0;
  #turn = 0;

  constructor({ region = DEFAULT_SCAN_REGION, heavyEvery = 3 }: FrameScheduleOptions = {}) {
    const p = passes(region);
    this.cheap = p.regionFast;
    this.heavy = [p.thorough, p.regionThorough, p.regionEnlarged, p.downscaled];
    this.wide = p.fast;
    this.heavyEvery = Math.max(1, heavyEvery);
  }

  /** Frames needed for a still code to meet every pass once. */
  get cycle(): number {
    return this.heavy.length * this.heavyEvery;
  }

  next(pixels: FrameSource): PassResult {
    const frame = this.#frame++;
    const cache = new Map<string, Gray>();
    const cheap = runPass(pixels, this.cheap, cache);
    if (frame % this.heavyEvery !== 0 || cheap.length >= MAX_CODES_PER_FRAME) return result(cheap, [this.cheap.id]);
    if (cheap.length > 0) {
      const wide = runPass(pixels, this.wide, cache);
      return result([...cheap, ...wide], wide.some((w) => !cheap.some((c) => c.text === w.text)) ? [this.cheap.id, this.wide.id] : [this.cheap.id]);
    }
    const heavy = this.heavy[this.#turn++ % this.heavy.length];
    return result(runPass(pixels, heavy, cache), [heavy.id]);
  }
}

function result(reads: FrameRead[], ids: string[]): PassResult {
  const unique = uniqueReads(reads).slice(0, MAX_CODES_PER_FRAME);
  return { texts: unique.map((r) => r.text), pass: unique.length > 0 ? ids.join('+') : null };
}
