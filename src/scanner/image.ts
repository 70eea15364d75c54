/**
 * Pixel work for the decode worker. zxing-cpp reads 8-bit luma, so RGBA is reduced to grey
 * once, fused with the crop and downscale (its cost grows with the pixel count).
 */

/** An RGBA buffer: ImageData, or anything shaped like it. */
export interface Pixels {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/** An 8-bit luma buffer, one byte per pixel, rows packed. */
export interface Gray {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/**
 * Where a function writes its output: a fresh array by default, or a buffer the caller owns
 * (the decoder's block in the wasm heap, so the last step writes where zxing-cpp reads).
 * Every output byte is written, so the buffer need not be cleared.
 */
export type Alloc = (size: number) => Uint8Array;

function alloc(size: number, into: Alloc | undefined): Uint8Array {
  return into ? into(size) : new Uint8Array(size);
}

/** Images larger than this (in pixels) are refused: a 40 MP photo would stall the worker. */
export const MAX_PIXELS = 24_000_000;

let canvas: OffscreenCanvas | undefined;

function canvas2d(width: number, height: number): OffscreenCanvasRenderingContext2D {
  canvas ??= new OffscreenCanvas(width, height);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('2D canvas unavailable');
  return ctx;
}

/** Reads an ImageBitmap's pixels and closes it (bitmaps hold memory until closed). */
export function bitmapToPixels(bitmap: ImageBitmap): Pixels {
  const { width, height } = bitmap;
  try {
    if (width * height > MAX_PIXELS) throw new RangeError(`image of ${width}×${height} is too large`);
    const ctx = canvas2d(width, height);
    ctx.drawImage(bitmap, 0, 0);
    return ctx.getImageData(0, 0, width, height);
  } finally {
    bitmap.close();
  }
}

/** The centred square `crop` × the short side, or the whole image for crop ≥ 1 / omitted. */
export function cropRect(width: number, height: number, crop = 1): { x: number; y: number; w: number; h: number } {
  if (!(crop > 0 && crop < 1)) return { x: 0, y: 0, w: width, h: height };
  const side = Math.floor(Math.min(width, height) * crop);
  return { x: (width - side) >> 1, y: (height - side) >> 1, w: side, h: side };
}

/** A frame the passes can read: RGBA pixels, or luma already (a camera's Y plane). */
export type FrameSource = Pixels | Gray;

/** Luma sources carry one byte per pixel; RGBA four. */
export function isGray(src: FrameSource): src is Gray {
  return src.data.length === src.width * src.height;
}

/** Crop and box-downscale a luma image (the Y-plane path: no colour conversion at all). */
function grayCrop(src: Gray, crop: number, f: number, into?: Alloc): Gray {
  const r = cropRect(src.width, src.height, crop);
  const ow = Math.floor(r.w / f);
  const oh = Math.floor(r.h / f);
  if (f === 1 && r.x === 0 && r.y === 0 && ow === src.width && oh === src.height && !into) return src;
  const out = alloc(ow * oh, into);
  if (f === 1 && r.x === 0 && ow === src.width) {
    out.set(src.data.subarray(r.y * ow, (r.y + oh) * ow));
    return { data: out, width: ow, height: oh };
  }
  if (f === 1) {
    for (let y = 0; y < oh; y++) {
      const start = (r.y + y) * src.width + r.x;
      out.set(src.data.subarray(start, start + ow), y * ow);
    }
    return { data: out, width: ow, height: oh };
  }
  const area = f * f;
  for (let oy = 0; oy < oh; oy++) {
    for (let ox = 0; ox < ow; ox++) {
      let sum = 0;
      for (let dy = 0; dy < f; dy++) {
        let i = (r.y + oy * f + dy) * src.width + r.x + ox * f;
        for (let dx = 0; dx < f; dx++, i++) sum += src.data[i];
      }
      out[oy * ow + ox] = (sum + (area >> 1)) / area;
    }
  }
  return { data: out, width: ow, height: oh };
}

/**
 * RGBA → luma (same weights as zxing-wasm: 306/601/117 ≫ 10), cropped and box-downscaled by
 * an integer factor in the same sweep. A luma source is only cropped and scaled.
 */
export function toGray(src: FrameSource, crop = 1, factor = 1, into?: Alloc): Gray {
  const f = Math.max(1, Math.floor(factor));
  if (isGray(src)) return grayCrop(src, crop, f, into);
  const r = cropRect(src.width, src.height, crop);
  const ow = Math.floor(r.w / f);
  const oh = Math.floor(r.h / f);
  const out = alloc(ow * oh, into);
  // One 32-bit read per pixel (little-endian RGBA) is markedly faster than four byte reads.
  const px = new Uint32Array(src.data.buffer, src.data.byteOffset, src.width * src.height);
  if (f === 1) {
    for (let y = 0; y < oh; y++) {
      let i = (r.y + y) * src.width + r.x;
      let o = y * ow;
      for (const end = o + ow; o < end; o++, i++) {
        const v = px[i];
        out[o] = (306 * (v & 255) + 601 * ((v >>> 8) & 255) + 117 * ((v >>> 16) & 255) + 512) >>> 10;
      }
    }
    return { data: out, width: ow, height: oh };
  }
  const shift = 10;
  const area = f * f;
  for (let oy = 0; oy < oh; oy++) {
    for (let ox = 0; ox < ow; ox++) {
      let sum = 0;
      for (let dy = 0; dy < f; dy++) {
        let i = (r.y + oy * f + dy) * src.width + r.x + ox * f;
        for (let dx = 0; dx < f; dx++, i++) {
          const v = px[i];
          sum += 306 * (v & 255) + 601 * ((v >>> 8) & 255) + 117 * ((v >>> 16) & 255);
        }
      }
      out[oy * ow + ox] = (sum / area + 512) >> shift;
    }
  }
  return { data: out, width: ow, height: oh };
}

/**
 * Doubles the resolution (bilinear): zxing-cpp's finder-pattern scan needs about 2 px per
 * module, so tiny or blurred codes read better enlarged.
 */
export function upscale2(src: Gray, into?: Alloc): Gray {
  const { width: w, height: h, data: g } = src;
  const ow = w * 2;
  const oh = h * 2;
  const out = alloc(ow * oh, into);
  for (let y = 0; y < h; y++) {
    const y1 = Math.min(h - 1, y + 1);
    for (let x = 0; x < w; x++) {
      const x1 = Math.min(w - 1, x + 1);
      const a = g[y * w + x];
      const b = g[y * w + x1];
      const c = g[y1 * w + x];
      const d = g[y1 * w + x1];
      const o = 2 * y * ow + 2 * x;
      out[o] = a;
      out[o + 1] = (a + b + 1) >> 1;
      out[o + ow] = (a + c + 1) >> 1;
      out[o + ow + 1] = (a + b + c + d + 2) >> 2;
    }
  }
  return { data: out, width: ow, height: oh };
}

/**
 * Unsharp mask with a 5-point (cross) blur: v + amount × (v − mean of v and its 4 neighbours).
 * Restores the edges of blurred, low-contrast modules that zxing-cpp's local binarizer merges;
 * border pixels are copied.
 */
export function sharpen(src: Gray, amount: number, into?: Alloc): Gray {
  const { width: w, height: h, data: d } = src;
  const out = alloc(w * h, into);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    if (y === 0 || y === h - 1) {
      out.set(d.subarray(row, row + w), row);
      continue;
    }
    out[row] = d[row];
    out[row + w - 1] = d[row + w - 1];
    for (let i = row + 1, end = row + w - 1; i < end; i++) {
      const v = d[i];
      const v2 = Math.round(v + amount * (v - (d[i - 1] + d[i + 1] + d[i - w] + d[i + w] + v) / 5));
      out[i] = v2 < 0 ? 0 : v2 > 255 ? 255 : v2;
    }
  }
  return { data: out, width: w, height: h };
}
