/**
 * Worker side of the camera hand-off: a `VideoFrame` transferred from the main thread is read
 * here, so the main thread never draws or reads back pixels. Cameras deliver YUV (I420/NV12):
 * the Y plane *is* the luma zxing-cpp reads, so it is copied out as is — no colour conversion.
 * RGB frames (a canvas stream, some drivers) are reduced to luma in the same copy.
 */
import { bitmapToPixels, MAX_PIXELS, type FrameSource } from './image';

const YUV = new Set(['I420', 'I420A', 'I422', 'I422A', 'I444', 'I444A', 'NV12']);
/** Byte positions of R, G, B in a 4-byte pixel of each RGB format. */
const RGB: Record<string, readonly [number, number, number]> = {
  RGBA: [0, 1, 2],
  RGBX: [0, 1, 2],
  BGRA: [2, 1, 0],
  BGRX: [2, 1, 0],
};

/**
 * Plane layout for copyTo that puts the luma plane first, tightly packed (stride = width), so
 * the Y plane is the start of the buffer itself: no second copy, row by row, out of the camera's
 * own layout. Null for formats without a packed 4:2:0 layout here (the generic path reads them).
 */
export function lumaFirstLayout(format: string, width: number, height: number): PlaneLayout[] | null {
  const y = width * height;
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  if (format === 'I420') return [{ offset: 0, stride: width }, { offset: y, stride: cw }, { offset: y + cw * ch, stride: cw }];
  if (format === 'NV12') return [{ offset: 0, stride: width }, { offset: y, stride: cw * 2 }];
  return null;
}

/** The Y plane copied straight into place (see lumaFirstLayout); null where the engine refuses the layout. */
async function packedLuma(frame: VideoFrame, format: string, width: number, height: number): Promise<FrameSource | null> {
  const layout = lumaFirstLayout(format, width, height);
  if (!layout) return null;
  try {
    const buffer = new Uint8Array(frame.allocationSize({ layout }));
    await frame.copyTo(buffer, { layout });
    return { data: buffer.subarray(0, width * height), width, height };
  } catch {
    return null;
  }
}

/** True when the frame's pixel format can be read directly (else draw it via a bitmap). */
export function readableFormat(format: string | null): boolean {
  return format !== null && (YUV.has(format) || format in RGB);
}

/**
 * The frame's luma (visible rect); a format not read directly goes through an ImageBitmap.
 * Closes the frame in every case: an open VideoFrame holds a camera buffer and stalls capture.
 */
export async function videoFramePixels(frame: VideoFrame): Promise<FrameSource> {
  try {
    const rect = frame.visibleRect;
    const width = rect?.width ?? frame.codedWidth;
    const height = rect?.height ?? frame.codedHeight;
    if (width * height > MAX_PIXELS) throw new RangeError(`frame of ${width}×${height} is too large`);
    const format = frame.format;
    if (!readableFormat(format) || format === null) return bitmapToPixels(await createImageBitmap(frame));
    const packed = await packedLuma(frame, format, width, height);
    if (packed) return packed;
    const buffer = new Uint8Array(frame.allocationSize());
    const layout = await frame.copyTo(buffer);
    const plane = layout[0];
    if (!plane) throw new RangeError('the frame has no pixel plane');
    const out = new Uint8Array(width * height);
    if (YUV.has(format)) {
      for (let y = 0; y < height; y++) out.set(buffer.subarray(plane.offset + y * plane.stride, plane.offset + y * plane.stride + width), y * width);
      return { data: out, width, height };
    }
    const [r, g, b] = RGB[format];
    for (let y = 0; y < height; y++) {
      let i = plane.offset + y * plane.stride;
      let o = y * width;
      for (const end = o + width; o < end; o++, i += 4) {
        out[o] = (306 * buffer[i + r] + 601 * buffer[i + g] + 117 * buffer[i + b] + 512) >>> 10;
      }
    }
    return { data: out, width, height };
  } finally {
    frame.close();
  }
}
