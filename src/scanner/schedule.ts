/**
 * The adaptive schedule for camera frames (worker side). Each frame gets one pass:
 * - most frames: the cheap pass on the scan region (what the overlay shows);
 * - every `heavyEvery`-th frame, starting with the very first, one pass over more: the whole
 *   frame cheaply when the region has been reading a code (other codes held up beside it), else
 *   the next expensive pass in rotation — whole frame with effort and inversion, then the region
 *   enlarged ×2 for small modules;
 * - when the view changes (something new held up: scene.ts), the next frame is such a pass at
 *   once, the rotation starting again with the whole frame. So a code anywhere in the frame is
 *   looked for on the first frame it appears in, and the cost per frame stays near the cheap
 *   pass while nothing moves.
 * A heavy pass covers the region too, with more effort, so it replaces the cheap pass on its frame.
 */
import { runPass, runPasses, uniqueReads, type FrameRead } from './engine';
import type { FrameSource } from './image';
import { sceneChanged, sceneSignature, type SceneSignature } from './scene';
import { DEFAULT_SCAN_REGION, MAX_CODES_PER_FRAME, passes, stillLadder, type DecodePass } from './strategy';

export interface PassResult {
  /** Texts read, left to right (at most the per-frame bound, one per text). */
  texts: string[];
  /** Id of the pass that read the codes, or null. */
  pass: string | null;
}

export interface FrameScheduleOptions {
  /** Scan region (fraction of the short side, centred). */
  region?: number;
  /** Run one heavy pass every this many frames (the first frame is always one). */
  heavyEvery?: number;
}

/**
 * Frames between periodic heavy passes (the view changing brings one forward). Measured on
 * qr-synth held still (`npm run bench -- P3`): the two heavy passes read every code the
 * four-pass rotation every 3rd frame did (227/270), and a still code meets both within 7 frames
 * (233 ms at 30 fps; that rotation needed 10), at about two thirds of the cost per frame.
 */
export const DEFAULT_HEAVY_EVERY = 6;

export function decodeStill(pixels: FrameSource): PassResult {
  const { texts, pass } = runPasses(pixels, stillLadder());
  return { texts, pass };
}

export class FrameScheduler {
  readonly cheap: DecodePass;
  /** Tried in rotation on heavy frames while the region reads nothing. */
  readonly heavy: readonly DecodePass[];
  /** Run on heavy frames while the region reads a code: the rest of the frame, cheaply. */
  readonly wide: DecodePass;
  readonly heavyEvery: number;
  /** Frames since the last heavy pass; -1 before the first frame. */
  #sinceHeavy = -1;
  #turn = 0;
  /** The last cheap pass read a code. */
  #regionReads = false;
  #scene: SceneSignature | undefined;

  constructor({ region = DEFAULT_SCAN_REGION, heavyEvery = DEFAULT_HEAVY_EVERY }: FrameScheduleOptions = {}) {
    const p = passes(region);
    this.cheap = p.regionFast;
    this.heavy = [p.thorough, p.regionEnlarged];
    this.wide = p.fast;
    this.heavyEvery = Math.max(1, heavyEvery);
  }

  /** Frames needed for a still code to meet every pass once. */
  get cycle(): number {
    return this.heavy.length * this.heavyEvery;
  }

  /** The pass the next frame gets (after looking at it for a change of scene). */
  #choose(pixels: FrameSource): DecodePass {
    const scene = sceneSignature(pixels);
    // Something new in view: look everywhere now, but never two heavy frames in a row (a hand
    // moving across the camera would otherwise make every frame heavy).
    const changed = this.#scene !== undefined && this.#sinceHeavy > 0 && sceneChanged(this.#scene, scene);
    this.#scene = scene;
    const due = this.#sinceHeavy < 0 || this.#sinceHeavy >= this.heavyEvery - 1;
    if (!due && !changed) {
      this.#sinceHeavy++;
      return this.cheap;
    }
    this.#sinceHeavy = 0;
    if (changed) {
      this.#turn = 0;
      this.#regionReads = false;
    }
    return this.#regionReads ? this.wide : this.heavy[this.#turn++ % this.heavy.length];
  }

  next(pixels: FrameSource): PassResult {
    const pass = this.#choose(pixels);
    const reads = runPass(pixels, pass);
    if (pass === this.cheap) this.#regionReads = reads.length > 0;
    return result(reads, pass.id);
  }
}

function result(reads: FrameRead[], id: string): PassResult {
  const unique = uniqueReads(reads).slice(0, MAX_CODES_PER_FRAME);
  return { texts: unique.map((r) => r.text), pass: unique.length > 0 ? id : null };
}
