/// <reference types="node" />
// The camera-frame schedule on real decodes (zxing-wasm loaded in Node): which pass each frame
// gets, that a code anywhere is looked for on the first frame and on the first frame of a new
// scene, and that camera noise is not taken for a new scene.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { loadEngine } from '../../src/scanner/engine';
import type { Gray } from '../../src/scanner/image';
import { sceneChanged, sceneSignature } from '../../src/scanner/scene';
import { DEFAULT_HEAVY_EVERY, FrameScheduler } from '../../src/scanner/schedule';
import { qrMatrix } from '../fixtures/camera-clips';

const WASM = new URL('../../node_modules/zxing-wasm/dist/reader/zxing_reader.wasm', import.meta.url);
const W = 1280;
const H = 720;

/** Codes to paste: [text, left, top] with the top-left corner of the quiet zone; 6 px per module. */
type Paste = [string, number, number];

/** A grey 720p frame with codes pasted in, or none. */
function frame(codes: Paste[], { background = 120, noise = 0, seed = 1 } = {}): Gray {
  const data = new Uint8Array(W * H).fill(background);
  let s = seed;
  if (noise) {
    for (let i = 0; i < data.length; i++) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      data[i] = Math.max(0, Math.min(255, background + ((s % (2 * noise + 1)) - noise)));
    }
  }
  for (const [text, left, top] of codes) {
    const m = qrMatrix(text);
    const side = (m.size + 8) * MODULE;
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const r = Math.floor(y / MODULE) - 4;
        const c = Math.floor(x / MODULE) - 4;
        data[(top + y) * W + left + x] = r >= 0 && c >= 0 && r < m.size && c < m.size && m.dark(r, c) ? 20 : 235;
      }
    }
  }
  return { data, width: W, height: H };
}

const MODULE = 6;
const CENTRE = 'CK1:CENTRE-0001';
const ASIDE = 'CK1:ASIDE-0002';
const centred = (): Gray => frame([[CENTRE, W / 2 - 100, H / 2 - 100]]);
const corner = (): Gray => frame([[ASIDE, 20, 20]]);
const both = (): Gray => frame([[CENTRE, W / 2 - 100, H / 2 - 100], [ASIDE, 20, 20]]);
const empty = (): Gray => frame([]);

before(async () => {
  const bytes = readFileSync(WASM);
  await loadEngine(WASM.href, { module: await WebAssembly.compile(bytes), sha256: createHash('sha256').update(bytes).digest('hex') });
});

describe('FrameScheduler', () => {
  it('reads a code outside the scan region on the first frame, then runs the region pass', () => {
    const s = new FrameScheduler();
    assert.deepEqual(s.next(corner()), { texts: [ASIDE], pass: 'thorough' });
    // The same view: cheap region passes, which cannot see the corner, until the next heavy turn.
    for (let i = 1; i < DEFAULT_HEAVY_EVERY; i++) assert.deepEqual(s.next(corner()), { texts: [], pass: null }, `frame ${i}`);
    // Second heavy turn while the region reads nothing: the enlarged region (no read: it is in the corner).
    assert.deepEqual(s.next(corner()), { texts: [], pass: null });
    assert.equal(s.cycle, 2 * DEFAULT_HEAVY_EVERY);
  });

  it('reads every code in view on the first frame, then the centred one by the region pass', () => {
    const s = new FrameScheduler();
    assert.deepEqual(s.next(both()), { texts: [ASIDE, CENTRE], pass: 'thorough' });
    assert.deepEqual(s.next(both()), { texts: [CENTRE], pass: 'region-fast' });
  });

  it('reads a centred code every frame; heavy turns then look at the whole frame cheaply', () => {
    const s = new FrameScheduler({ heavyEvery: 3 });
    const passes = Array.from({ length: 7 }, () => s.next(centred()).pass);
    assert.deepEqual(passes, ['thorough', 'region-fast', 'region-fast', 'fast', 'region-fast', 'region-fast', 'fast']);
  });

  it('a new scene gets a heavy pass at once (never two heavy frames in a row)', () => {
    const s = new FrameScheduler({ heavyEvery: 6 });
    s.next(empty());
    assert.deepEqual(s.next(empty()), { texts: [], pass: null });
    // A code appears in the corner on frame 2: read on that very frame by the whole-frame pass.
    assert.deepEqual(s.next(corner()), { texts: [ASIDE], pass: 'thorough' });
    // It goes away on the next frame: a change too, but right after a heavy frame → region pass.
    assert.deepEqual(s.next(empty()), { texts: [], pass: null });
    assert.deepEqual(s.next(corner()), { texts: [ASIDE], pass: 'thorough' });
  });
});

describe('scene signature', () => {
  it('does not take sensor noise or a small exposure drift for a new scene', () => {
    const a = sceneSignature(frame([], { noise: 20, seed: 3 }));
    assert.equal(sceneChanged(a, sceneSignature(frame([], { noise: 20, seed: 99 }))), false);
    assert.equal(sceneChanged(a, sceneSignature(frame([], { background: 135, noise: 20, seed: 5 }))), false);
  });

  it('sees a code held up, and reads RGBA by its green byte', () => {
    assert.equal(sceneChanged(sceneSignature(empty()), sceneSignature(corner())), true);
    const gray = corner();
    const rgba = new Uint8ClampedArray(W * H * 4);
    for (let i = 0; i < gray.data.length; i++) rgba.fill(gray.data[i], 4 * i, 4 * i + 4);
    assert.deepEqual(sceneSignature({ data: rgba, width: W, height: H }), sceneSignature(gray));
  });
});
