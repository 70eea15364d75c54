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
import { WARM_UP_TEXT, warmUpImage } from '../../src/scanner/warm-up';

const WASM = new URL('../../node_modules/zxing-wasm/dist/reader/zxing_reader.wasm', import.meta.url);
const W = 1280;
const H = 720;

/** A grey 720p frame with the warm-up code pasted with its top-left corner at (x, y), or none. */
function frame(at: [number, number] | null, { background = 120, noise = 0, seed = 1 } = {}): Gray {
  const data = new Uint8Array(W * H).fill(background);
  let s = seed;
  if (noise) {
    for (let i = 0; i < data.length; i++) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      data[i] = Math.max(0, Math.min(255, background + ((s % (2 * noise + 1)) - noise)));
    }
  }
  if (at) {
    const code = warmUpImage(8);
    for (let y = 0; y < code.height; y++) data.set(code.data.subarray(y * code.width, (y + 1) * code.width), (at[1] + y) * W + at[0]);
  }
  return { data, width: W, height: H };
}

const centred = () => frame([W / 2 - 132, H / 2 - 132]);
const corner = () => frame([40, 40]);

before(async () => {
  const bytes = readFileSync(WASM);
  await loadEngine(WASM.href, { module: await WebAssembly.compile(bytes), sha256: createHash('sha256').update(bytes).digest('hex') });
});

describe('FrameScheduler', () => {
  it('reads a code outside the scan region on the first frame, then runs the region pass', () => {
    const s = new FrameScheduler();
    assert.deepEqual(s.next(corner()), { texts: [WARM_UP_TEXT], pass: 'thorough' });
    // The same view: cheap region passes, which cannot see the corner, until the next heavy turn.
    for (let i = 1; i < DEFAULT_HEAVY_EVERY; i++) assert.deepEqual(s.next(corner()), { texts: [], pass: null }, `frame ${i}`);
    // Second heavy turn while the region reads nothing: the enlarged region (no read: it is in the corner).
    assert.deepEqual(s.next(corner()), { texts: [], pass: null });
    assert.equal(s.cycle, 2 * DEFAULT_HEAVY_EVERY);
  });

  it('reads a centred code every frame; heavy turns then look at the whole frame cheaply', () => {
    const s = new FrameScheduler({ heavyEvery: 3 });
    const passes = Array.from({ length: 7 }, () => s.next(centred()).pass);
    assert.deepEqual(passes, ['thorough', 'region-fast', 'region-fast', 'fast', 'region-fast', 'region-fast', 'fast']);
  });

  it('a new scene gets a heavy pass at once (not two heavy frames in a row)', () => {
    const s = new FrameScheduler({ heavyEvery: 6 });
    s.next(frame(null));
    assert.deepEqual(s.next(frame(null)), { texts: [], pass: null });
    // A code appears in the corner on frame 2: read on that very frame by the whole-frame pass.
    assert.deepEqual(s.next(corner()), { texts: [WARM_UP_TEXT], pass: 'thorough' });
    // It goes away on the next frame: a change too, but right after a heavy frame → region pass.
    assert.deepEqual(s.next(frame(null)), { texts: [], pass: null });
    assert.deepEqual(s.next(corner()), { texts: [WARM_UP_TEXT], pass: 'thorough' });
  });
});

describe('scene signature', () => {
  it('does not take sensor noise or a small exposure drift for a new scene', () => {
    const a = sceneSignature(frame(null, { noise: 20, seed: 3 }));
    assert.equal(sceneChanged(a, sceneSignature(frame(null, { noise: 20, seed: 99 }))), false);
    assert.equal(sceneChanged(a, sceneSignature(frame(null, { background: 135, noise: 20, seed: 5 }))), false);
  });

  it('sees a code held up, and reads RGBA by its green byte', () => {
    assert.equal(sceneChanged(sceneSignature(frame(null)), sceneSignature(corner())), true);
    const gray = corner();
    const rgba = new Uint8ClampedArray(W * H * 4);
    for (let i = 0; i < gray.data.length; i++) rgba.fill(gray.data[i], 4 * i, 4 * i + 4);
    assert.deepEqual(sceneSignature({ data: rgba, width: W, height: H }), sceneSignature(gray));
  });
});
