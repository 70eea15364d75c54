import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDebouncer } from '../../src/scanner/debounce';
import { uniqueReads } from '../../src/scanner/engine';
import { toGray } from '../../src/scanner/image';

describe('TextDebouncer (per text)', () => {
  it('lets each of several texts through once, and a held code does not re-fire', () => {
    const d = new TextDebouncer();
    assert.deepEqual(d.fresh(['a', 'b', 'c'], 0, 3000), ['a', 'b', 'c']);
    assert.deepEqual(d.fresh(['a', 'b'], 1000, 3000), []);
    // 'a' stays in view (each sighting extends its window); 'c' left the view at 0.
    assert.deepEqual(d.fresh(['a'], 3500, 3000), []);
    assert.deepEqual(d.fresh(['a', 'c', 'd'], 3600, 3000), ['c', 'd']);
    assert.deepEqual(d.fresh(['a'], 6700, 3000), ['a']);
  });

  it('with a zero window every sighting is fresh', () => {
    const d = new TextDebouncer();
    assert.deepEqual(d.fresh(['a'], 0, 0), ['a']);
    assert.deepEqual(d.fresh(['a'], 0, 0), ['a']);
  });
});

describe('uniqueReads', () => {
  it('keeps one read per text and orders them left to right', () => {
    const reads = uniqueReads([
      { text: 'right', x: 900, y: 10 },
      { text: 'left', x: 100, y: 500 },
      { text: 'right', x: 880, y: 12 },
      { text: 'middle', x: 400, y: 300 },
    ]);
    assert.deepEqual(reads.map((r) => r.text), ['left', 'middle', 'right']);
    assert.equal(reads[2].x, 900);
  });
});

describe('toGray on a luma source (camera Y plane)', () => {
  const gray = { data: Uint8Array.from({ length: 16 }, (_, i) => i * 10), width: 4, height: 4 };
  it('returns the plane itself uncropped, and crops/downscales without colour weights', () => {
    assert.equal(toGray(gray), gray);
    assert.deepEqual([...toGray(gray, 0.5).data], [50, 60, 90, 100]);
    // 2×2 box means of the whole plane.
    assert.deepEqual([...toGray(gray, 1, 2).data], [25, 45, 105, 125]);
  });
  it('RGBA → the same luma weights as zxing (306/601/117)', () => {
    const rgba = { data: new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255]), width: 4, height: 1 };
    assert.deepEqual([...toGray(rgba).data], [76, 150, 29, 255]);
  });
});
