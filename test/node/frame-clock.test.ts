import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameClock } from '../../src/elements/shared/controllers/frame-clock';

// A camera at 30 fps whose timestamps (µs) run on a clock 700 000 ms ahead of performance.now().
const OFFSET = 700_000;
const INTERVAL = 1000 / 30;
const captured = (i: number) => 200 + i * INTERVAL; // performance.now() of frame i's capture
const stamp = (i: number) => (captured(i) + OFFSET) * 1000;
const near = (a: number | null, b: number) => a !== null && Math.abs(a - b) < 1e-6;

test('no capture time before two presented frames confirm the offset; exact ones after', () => {
  const clock = new FrameClock();
  for (let i = 0; i < 3; i++) assert.equal(clock.read(stamp(i), captured(i) + 1 + i), null); // read 1–3 ms after capture
  clock.presented(captured(1));
  assert.equal(clock.stats.calibrated, false, 'one presented frame is not enough');
  assert.equal(clock.captureTime(stamp(2)), null);
  clock.presented(captured(2));
  assert.equal(clock.stats.calibrated, true);
  assert.ok(near(clock.captureTime(stamp(2)), captured(2)));
  for (let i = 3; i < 10; i++) {
    assert.ok(near(clock.read(stamp(i), captured(i) + 2), captured(i)));
    clock.presented(captured(i));
  }
  assert.equal(clock.stats.missed, 0);
  assert.ok(clock.stats.matched >= 9);
});

test('frames the processor dropped (never read) do not undo the calibration; a shifted clock does', () => {
  const clock = new FrameClock();
  for (let i = 0; i < 3; i++) clock.read(stamp(i), captured(i) + 2);
  clock.presented(captured(1));
  clock.presented(captured(2));
  assert.equal(clock.stats.calibrated, true);
  // Frames 3 and 4 were replaced before being read; the <video> still presents them.
  for (let i = 5; i < 12; i++) clock.read(stamp(i), captured(i) + 2);
  clock.presented(captured(3));
  clock.presented(captured(4));
  assert.equal(clock.stats.calibrated, true);
  assert.equal(clock.stats.missed, 2);
  assert.equal(clock.stats.contradicted, 0);
  // The <video> now reports capture times 10 ms off: they fall between adjacent reads.
  clock.presented(captured(8) + 10);
  clock.presented(captured(9) + 10);
  assert.equal(clock.stats.contradicted, 2);
  assert.equal(clock.stats.calibrated, false);
  assert.equal(clock.captureTime(stamp(11)), null);
});

test('the frame is matched by the smallest offset not below what the reads allow, not a neighbouring frame', () => {
  const clock = new FrameClock();
  // Reads 8 ms after capture: the neighbouring frame's offset (33 ms off) must not be picked.
  for (let i = 0; i < 4; i++) clock.read(stamp(i), captured(i) + 8);
  clock.presented(captured(2));
  clock.presented(captured(3));
  assert.equal(clock.stats.calibrated, true);
  assert.ok(near(clock.captureTime(stamp(3)), captured(3)));
});
