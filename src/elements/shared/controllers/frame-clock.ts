/**
 * Capture times for frames read from a MediaStreamTrackProcessor, on the performance.now()
 * clock. A VideoFrame's `timestamp` (µs) is on the capturer's clock (in Chromium, the system
 * monotonic clock: it differs from performance.now() by a fixed offset, the time origin), while
 * `requestVideoFrameCallback`'s `captureTime` is on performance.now()'s clock. The offset is
 * taken from the two only when they agree on the same frames, and checked on every later frame
 * the <video> presents; without a confirmed offset a frame has no capture time (null), and the
 * caller takes frames from the <video> instead.
 * - Calibration: a presented frame's captureTime is matched with the frame read whose offset is
 *   the smallest at least the lower bound every read gives (a frame is read after its capture);
 *   two presented frames must give the same offset. This picks the right frame as long as one
 *   frame since the start was read within a frame interval of its capture (reads take 1–8 ms).
 * - A presented frame that matches no read one is a frame the processor replaced before it was
 *   read, unless it falls between two reads with no frame skipped: that contradicts the offset,
 *   and two such in a row drop it.
 */

/** Tolerance for two offsets to count as the same (timer coarsening is 0.1 ms). */
const SAME_MS = 0.5;
/** Frame reads remembered for matching (several seconds of frames at 30 fps would be more than needed). */
const RING = 16;
/** Contradicting checks in a row that drop the calibration. */
const CONTRADICTIONS_TO_DROP = 2;

export interface FrameClockStats {
  /** The offset is confirmed: frame reads have capture times. */
  calibrated: boolean;
  /** Presented frames that matched a read frame at the confirmed offset. */
  matched: number;
  /** Presented frames checked after calibration that matched no read frame. */
  missed: number;
  /**
   * Of those, the ones that fall between two reads one frame interval apart (no frame skipped
   * there): the mapping, not a dropped read, is wrong. Others are frames never read (the track
   * processor replaces a frame not read in time) or outside the frames remembered.
   */
  contradicted: number;
  /** Largest |difference| between rVFC captureTime and the mapped timestamp among matches, ms. */
  maxDeviationMs: number;
}

export class FrameClock {
  /** max of timestamp(ms) − readAt over all reads: the offset is at least this. */
  #lower = -Infinity;
  #reads: number[] = [];
  #candidate: number | null = null;
  #offset: number | null = null;
  #contradictions = 0;
  #matched = 0;
  #missed = 0;
  #contradicted = 0;
  #maxDeviation = 0;

  /** Records a frame read at `readAt` (performance.now()); returns its capture time on that clock, or null before calibration. */
  read(timestampUs: number, readAt: number): number | null {
    const ms = timestampUs / 1000;
    this.#lower = Math.max(this.#lower, ms - readAt);
    this.#reads.push(ms);
    if (this.#reads.length > RING) this.#reads.shift();
    return this.captureTime(timestampUs);
  }

  /** The capture time (performance.now() clock) of a frame with this timestamp, or null before calibration. */
  captureTime(timestampUs: number): number | null {
    return this.#offset === null ? null : timestampUs / 1000 - this.#offset;
  }

  /** A frame the <video> presented, with rVFC's captureTime (performance.now() clock). */
  presented(captureTime: number): void {
    if (this.#offset !== null) {
      const deviation = this.#nearest(captureTime, this.#offset);
      if (deviation !== null && deviation <= SAME_MS) {
        this.#matched++;
        this.#contradictions = 0;
        this.#maxDeviation = Math.max(this.#maxDeviation, deviation);
        return;
      }
      this.#missed++;
      if (!this.#contradicts(captureTime + this.#offset)) return;
      this.#contradicted++;
      if (++this.#contradictions >= CONTRADICTIONS_TO_DROP) {
        this.#offset = null;
        this.#candidate = null;
        this.#contradictions = 0;
      }
      return;
    }
    // The offset of the read frame that is this presented one: the smallest not below the lower
    // bound (other frames' offsets differ by whole frame intervals).
    let best: number | null = null;
    for (const ms of this.#reads) {
      const offset = ms - captureTime;
      if (offset < this.#lower - SAME_MS) continue;
      if (best === null || offset < best) best = offset;
    }
    if (best === null) return;
    if (this.#candidate !== null && Math.abs(best - this.#candidate) <= SAME_MS) {
      this.#offset = this.#candidate;
      this.#matched += 2;
      this.#maxDeviation = Math.max(this.#maxDeviation, Math.abs(best - this.#candidate));
    } else {
      this.#candidate = best;
    }
  }

  get stats(): FrameClockStats {
    return { calibrated: this.#offset !== null, matched: this.#matched, missed: this.#missed, contradicted: this.#contradicted, maxDeviationMs: this.#maxDeviation };
  }

  /** A frame at `ms` (timestamp clock) falls between two reads with no frame skipped between them. */
  #contradicts(ms: number): boolean {
    const reads = this.#reads;
    const gaps = reads.slice(1).map((t, i) => t - reads[i]).sort((a, b) => a - b);
    const interval = gaps[Math.floor(gaps.length / 2)];
    if (interval === undefined) return false;
    for (let i = 1; i < reads.length; i++) {
      if (reads[i - 1] < ms && ms < reads[i]) return reads[i] - reads[i - 1] < 1.5 * interval;
    }
    return false;
  }

  /** |difference| to the read frame nearest to captureTime + offset, or null without reads. */
  #nearest(captureTime: number, offset: number): number | null {
    let best: number | null = null;
    for (const ms of this.#reads) {
      const d = Math.abs(ms - offset - captureTime);
      if (best === null || d < best) best = d;
    }
    return best;
  }
}
