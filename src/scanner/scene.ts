/**
 * A coarse signature of a frame to notice when something new enters the view: the decode
 * schedule then looks at the whole frame at once instead of waiting for its turn. Per block of
 * an 8 × 8 grid: the mean brightness and the texture (mean step to the pixel 4 to the right)
 * — a QR code is about as bright on average as a grey background but far busier. Sparse
 * samples: ~4,000 reads per 720p frame.
 */
import { isGray, type FrameSource } from './image';

const GRID = 8;
/** Sample every STEP-th pixel in both directions inside a block. */
const STEP = 8;
/**
 * Texture is the step to the pixel this far to the right: QR modules of 2–8 px change there in
 * a quarter to half of the samples (a step of ~200), sensor noise gives ~13.
 */
const REACH = 4;
/** A block has changed when its mean or texture moved by more than this (0–255 scale)… */
const BLOCK_DELTA = 24;
/** …and the scene has changed when at least this many of the 64 blocks did. */
const CHANGED_BLOCKS = 2;

/** Means in the first 64 entries, textures in the next 64. */
export type SceneSignature = Uint8Array;

/** Block means and textures of the luma (the green byte stands in for it in RGBA). */
export function sceneSignature(src: FrameSource): SceneSignature {
  const { width, height, data } = src;
  const channels = isGray(src) ? 1 : 4;
  const offset = channels === 1 ? 0 : 1;
  const out = new Uint8Array(2 * GRID * GRID);
  const bw = Math.max(REACH + 1, Math.floor(width / GRID));
  const bh = Math.max(1, Math.floor(height / GRID));
  for (let by = 0; by < GRID; by++) {
    for (let bx = 0; bx < GRID; bx++) {
      let sum = 0;
      let steps = 0;
      let count = 0;
      for (let y = by * bh; y < Math.min(height, (by + 1) * bh); y += STEP) {
        for (let x = bx * bw; x < Math.min(width - REACH, (bx + 1) * bw); x += STEP) {
          const i = channels * (y * width + x) + offset;
          const v = data[i];
          sum += v;
          steps += Math.abs(v - data[i + REACH * channels]);
          count++;
        }
      }
      out[by * GRID + bx] = count ? Math.round(sum / count) : 0;
      out[GRID * GRID + by * GRID + bx] = count ? Math.min(255, Math.round(steps / count)) : 0;
    }
  }
  return out;
}

/** True when enough blocks changed between two signatures (noise and slow exposure drift do not count). */
export function sceneChanged(before: SceneSignature, after: SceneSignature): boolean {
  const blocks = GRID * GRID;
  let changed = 0;
  for (let b = 0; b < blocks; b++) {
    const moved = Math.abs(before[b] - after[b]) > BLOCK_DELTA || Math.abs(before[blocks + b] - after[blocks + b]) > BLOCK_DELTA;
    if (moved && ++changed >= CHANGED_BLOCKS) return true;
  }
  return false;
}
