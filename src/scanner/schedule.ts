/**
 * The adaptive schedule for camera frames (worker side): a cheap pass on the scan region every
 * frame, plus every `heavyEvery`-th frame one expensive pass in rotation (inversion, whole frame,
 * enlargement, downscale). A code held in view for a few frames meets every pass; each frame
 * costs about the cheap pass.
 */
import { runPasses } from './engine';
import type { Pixels } from './image';
import { DEFAULT_SCAN_REGION, passes, stillLadder, type DecodePass } from './strategy';

export interface PassResult {
  texts: string[];
  /** Id of the pass that read the code, or null. */
  pass: string | null;
}

export interface FrameScheduleOptions {
  /** Scan region (fraction of the short side, centred). */
  region?: number;
  /** Run one heavy pass every this many frames. */
  heavyEvery?: number;
}

export function decodeStill(pixels: Pixels): PassResult {
  return runPasses(pixels, stillLadder());
}

export class FrameScheduler {
  readonly cheap: DecodePass;
  readonly heavy: readonly DecodePass[];
  readonly heavyEvery: number;
  #frame = 0;
  #turn = 0;

  constructor({ region = DEFAULT_SCAN_REGION, heavyEvery = 3 }: FrameScheduleOptions = {}) {
    const p = passes(region);
    this.cheap = p.regionFast;
    this.heavy = [p.regionThorough, p.thorough, p.regionEnlarged, p.downscaled];
    this.heavyEvery = Math.max(1, heavyEvery);
  }

  /** Frames needed for a still code to meet every pass once. */
  get cycle(): number {
    return this.heavy.length * this.heavyEvery;
  }

  next(pixels: Pixels): PassResult {
    const frame = this.#frame++;
    const cheap = runPasses(pixels, [this.cheap]);
    if (cheap.texts.length > 0 || frame % this.heavyEvery !== this.heavyEvery - 1) return cheap;
    const heavy = this.heavy[this.#turn++ % this.heavy.length];
    return runPasses(pixels, [heavy]);
  }
}
