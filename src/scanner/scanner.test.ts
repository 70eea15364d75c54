import { expect } from '@open-wc/testing';
import { createDecoder, type Decoder } from './index';
import { noCodeScene, passLikeText, qrPng, qrScene } from '../../test/fixtures/qr-images';
import { ScannerError } from './errors';

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

  it('reads nothing from a frame without a code', async () => {
    expect(await decoder.decode(noCodeScene())).to.deep.equal([]);
  });

  it('rejects a file that is not an image with a coded error', async () => {
    const error = await rejection(decoder.decodeBlob(new Blob(['not an image'], { type: 'image/png' })));
    expect(error.code).to.equal('image-unreadable');
  });

  it('reads a centred code on the first frame and an off-centre code within one schedule cycle', async () => {
    await decoder.resetFrames(0.8);
    const centred = await decoder.decodeFrame(await qrScene(text, { scale: 2 }));
    expect(centred.texts).to.deep.equal([text]);
    expect(centred.pass).to.equal('region-fast');
    // Outside the scan region: only the periodic whole-frame passes can see it.
    const corner = await qrScene(text, { scale: 2, at: [0.8, 0.3], width: 1280, height: 720 });
    const results: string[][] = [];
    for (let i = 0; i < 12; i++) results.push((await decoder.decodeFrame(new ImageData(new Uint8ClampedArray(corner.data), corner.width, corner.height))).texts);
    expect(results[0]).to.deep.equal([]);
    expect(results.flat()).to.include(text);
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
