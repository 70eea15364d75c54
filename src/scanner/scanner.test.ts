import { expect } from '@open-wc/testing';
import { createDecoder, type Decoder } from './index';
import { multiQrScene, noCodeScene, passLikeText, qrPng, qrScene, utf8QrPng } from '../../test/fixtures/qr-images';
import { ScannerError } from './errors';
import { videoFramePixels } from './video-frame';
import { defaultWasmUrl, keptWasm } from './wasm';

async function rejection(promise: Promise<unknown>): Promise<ScannerError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ScannerError);
    return error as ScannerError;
  }
  throw new Error('expected a rejection');
}

describe('createDecoder', () => {
  let decoder: Decoder;
  const text = passLikeText();

  before(async () => {
    decoder = createDecoder();
    const info = await decoder.ready;
    expect(info.version).to.equal('3.1.8');
  });
  after(() => decoder.close());

  it('decodes a pass-sized code from ImageData in the worker', async () => {
    const image = await qrScene(text, { scale: 3 });
    expect(await decoder.decode(image)).to.deep.equal([text]);
    // ImageData is copied, not transferred: the caller keeps its pixels.
    expect(image.data.length).to.equal(640 * 480 * 4);
  });

  it('decodes a dark-mode (inverted) code', async () => {
    expect(await decoder.decode(await qrScene(text, { dark: true }))).to.deep.equal([text]);
  });

  it('decodes an ImageBitmap and a PNG blob', async () => {
    const png = await qrPng(text, 4);
    expect(await decoder.decode(await createImageBitmap(png))).to.deep.equal([text]);
    expect(await decoder.decodeBlob(png)).to.deep.equal([text]);
  });

  it('keeps control characters and exact text (Plain text mode)', async () => {
    const raw = 'A\u0001B  C\r\n';
    expect(await decoder.decodeBlob(await qrPng(raw, 6))).to.deep.equal([raw]);
  });

  it('a later decoder of the page starts from the module the first worker compiled', async () => {
    const url = defaultWasmUrl();
    for (let i = 0; i < 100 && !keptWasm(url); i++) await new Promise((r) => setTimeout(r, 20));
    const kept = keptWasm(url);
    expect(kept?.sha256).to.match(/^[0-9a-f]{64}$/);
    const second = createDecoder();
    try {
      expect((await second.ready).sha256).to.equal(kept?.sha256);
      expect(await second.decode(await qrScene(text, { scale: 3 }))).to.deep.equal([text]);
    } finally {
      second.close();
    }
  });

  it('reads nothing from a frame without a code', async () => {
    expect(await decoder.decode(noCodeScene())).to.deep.equal([]);
  });

  it('rejects a file that is not an image with a coded error', async () => {
    const error = await rejection(decoder.decodeBlob(new Blob(['not an image'], { type: 'image/png' })));
    expect(error.code).to.equal('image-unreadable');
  });

  it('reads a centred code on the first frame (whole frame) and on the next by the region pass', async () => {
    await decoder.resetFrames(0.8);
    const first = await decoder.decodeFrame(await qrScene(text, { scale: 2 }));
    expect(first).to.include({ pass: 'thorough' });
    expect(first.texts).to.deep.equal([text]);
    const next = await decoder.decodeFrame(await qrScene(text, { scale: 2 }));
    expect(next).to.include({ pass: 'region-fast' });
    expect(next.texts).to.deep.equal([text]);
  });

  it('reads a code outside the scan region on the first frame (whole frame first)', async () => {
    await decoder.resetFrames(0.5);
    const corner = await qrScene(text, { scale: 2, at: [0.85, 0.3], width: 1280, height: 720 });
    const first = await decoder.decodeFrame(corner);
    expect(first.texts).to.deep.equal([text]);
    expect(first.pass).to.equal('thorough');
    // The next frames run the region pass only, which cannot see it: nothing is invented.
    expect((await decoder.decodeFrame(await qrScene(text, { scale: 2, at: [0.85, 0.3], width: 1280, height: 720 }))).texts).to.deep.equal([]);
  });

  it('reads up to four codes in one frame, left to right, one per text', async () => {
    await decoder.resetFrames(0.8);
    const texts = ['CK1:LEFT-0001', 'CK1:MIDDLE-0002', 'CK1:RIGHT-0003'];
    // Drawn right to left on purpose: the order comes from the positions, not the drawing.
    const scene = await multiQrScene([...texts].reverse(), { scale: 5, xs: [0.8, 0.5, 0.2] });
    const first = await decoder.decodeFrame(scene);
    expect(first.texts).to.deep.equal(texts);
    const five = await multiQrScene(['A-1', 'A-2', 'A-3', 'A-4', 'A-5'], { scale: 4, width: 1600 });
    expect((await decoder.decode(five)).length).to.equal(4);
  });

  it('takes a VideoFrame (RGB or YUV) and reads it without a main-thread copy', async function () {
    if (typeof VideoFrame !== 'function') this.skip();
    await decoder.resetFrames(0.8);
    const scene = await qrScene(text, { scale: 2 });
    const rgba = new VideoFrame(scene.data, { format: 'RGBA', codedWidth: scene.width, codedHeight: scene.height, timestamp: 0 });
    expect((await decoder.decodeFrame(rgba)).texts).to.deep.equal([text]);
    // I420 from the same luma: what a camera delivers.
    const { width, height } = scene;
    const yuv = new Uint8Array(width * height * 1.5).fill(128);
    for (let i = 0; i < width * height; i++) yuv[i] = (306 * scene.data[4 * i] + 601 * scene.data[4 * i + 1] + 117 * scene.data[4 * i + 2] + 512) >> 10;
    const i420 = new VideoFrame(yuv, { format: 'I420', codedWidth: width, codedHeight: height, timestamp: 1 });
    const result = await decoder.decodeFrame(i420);
    expect(result.texts).to.deep.equal([text]);
    // Transferred and closed: the caller no longer holds the camera buffer.
    expect(i420.format).to.equal(null);
  });

  it('copies the luma plane of I420 and NV12 frames exactly (visible rect, odd sizes)', async function () {
    if (typeof VideoFrame !== 'function') this.skip();
    const cases: { format: 'I420' | 'NV12'; w: number; h: number; rect?: { x: number; y: number; width: number; height: number } }[] = [
      { format: 'I420', w: 8, h: 6 },
      { format: 'NV12', w: 8, h: 6 },
      // A visible rect smaller than the coded size (at the origin: WebKit drops an offset given
      // to the VideoFrame constructor, so engines disagree on that case before our code runs).
      { format: 'I420', w: 16, h: 10, rect: { x: 0, y: 0, width: 10, height: 6 } },
      { format: 'I420', w: 7, h: 5 },
    ];
    for (const c of cases) {
      const cw = Math.ceil(c.w / 2);
      const ch = Math.ceil(c.h / 2);
      const bytes = new Uint8Array(c.w * c.h + 2 * cw * ch).fill(128);
      for (let i = 0; i < c.w * c.h; i++) bytes[i] = (i * 7) % 256;
      const frame = new VideoFrame(bytes, { format: c.format, codedWidth: c.w, codedHeight: c.h, timestamp: 0, ...(c.rect && { visibleRect: c.rect }) });
      const r = c.rect ?? { x: 0, y: 0, width: c.w, height: c.h };
      const expected: number[] = [];
      for (let y = r.y; y < r.y + r.height; y++) for (let x = r.x; x < r.x + r.width; x++) expected.push(bytes[y * c.w + x]);
      const pixels = await videoFramePixels(frame);
      expect([pixels.width, pixels.height], JSON.stringify(c)).to.deep.equal([r.width, r.height]);
      expect(Array.from(pixels.data as Uint8Array), JSON.stringify(c)).to.deep.equal(expected);
      expect(frame.format, 'closed').to.equal(null);
    }
  });

  it('decodes Vietnamese UTF-8 with and without an ECI designator', async () => {
    const vi = 'CCCD|001099012345|Nguyễn Thị Hồng Nhung|Số 12, phường Hàng Trống, quận Hoàn Kiếm, Hà Nội';
    for (const eci of [true, false]) {
      const png = await utf8QrPng(vi, { eci, scale: 4 });
      expect(await decoder.decodeBlob(png), `eci=${eci}`).to.deep.equal([vi]);
    }
  });
});

describe('createDecoder failures', () => {
  it('a missing wasm rejects ready and decode with decoder-load-failed', async () => {
    const decoder = createDecoder({ wasmUrl: new URL('/no/such/zxing_reader.wasm', location.href).href });
    try {
      expect((await rejection(decoder.ready)).code).to.equal('decoder-load-failed');
      expect((await rejection(decoder.decode(noCodeScene(8, 8)))).code).to.equal('decoder-load-failed');
    } finally {
      decoder.close();
    }
  });

  it('a wasm of another build rejects with decoder-version-mismatch', async () => {
    const other = new URL('../../node_modules/zxing-wasm/dist/writer/zxing_writer.wasm', import.meta.url).href;
    const decoder = createDecoder({ wasmUrl: other });
    try {
      const error = await rejection(decoder.ready);
      expect(error.code).to.equal('decoder-version-mismatch');
      expect(error.message).to.contain('3.1.8');
    } finally {
      decoder.close();
    }
  });

  it('close() rejects pending and later calls with decoder-closed', async () => {
    const decoder = createDecoder();
    const pending = decoder.decode(noCodeScene());
    decoder.close();
    expect((await rejection(pending)).code).to.equal('decoder-closed');
    expect((await rejection(decoder.decode(noCodeScene()))).code).to.equal('decoder-closed');
  });
});
