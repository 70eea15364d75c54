/**
 * Camera frames → verdicts for <ck-scanner>: one frame in flight (frames arriving while the
 * decode worker is busy are dropped), several texts per frame each verified and emitted once
 * (debounced per text), and results of frames from before a stop()/start() dropped.
 */
import type { VerifyOptions } from '../../core/verify';
import { TextDebouncer } from '../../scanner/debounce';
import type { Decoder } from '../../scanner/decoder';
import { toScannerError } from '../../scanner/errors';
import type { Verifier } from '../../scanner/verifier';
import type { ScanDetail } from './ck-scanner.component';
import { grabFrame } from './frames';

export interface CameraScansHost {
  /** The decode worker, when it exists (frames are not decoded before). */
  decoder(): Decoder | undefined;
  verifier(): Verifier;
  /** Trust data is set: without it a code would be judged against no issuer, so frames wait. */
  hasTrust(): boolean;
  debounceMs(): number;
  verifyOptions(): VerifyOptions;
  emit(detail: ScanDetail): void;
  decoderFailed(error: unknown): void;
}

export class CameraScans {
  readonly #host: CameraScansHost;
  readonly #debouncer = new TextDebouncer();
  #generation = 0;
  #busy = false;

  constructor(host: CameraScansHost) {
    this.#host = host;
  }

  /** Frames in flight are dropped (their results never emitted); the next frame is taken. */
  invalidate(): void {
    this.#generation++;
    this.#busy = false;
  }

  /**
   * Offers a frame captured at `captureTime` (performance.now() clock): `frame` when the camera
   * read it from the track, else the <video>'s current frame is grabbed. Returns true when it
   * took `frame` (it is then transferred to the decode worker, which closes it).
   */
  offer(video: HTMLVideoElement, captureTime: number, frame?: VideoFrame): boolean {
    const decoder = this.#host.decoder();
    if (this.#busy || !this.#host.hasTrust() || video.videoWidth === 0 || !decoder) return false;
    this.#busy = true;
    const generation = this.#generation;
    // Never later than now (a capture time ahead of the clock would shorten the measure).
    const start = Math.min(captureTime || performance.now(), performance.now());
    void this.#decode(decoder, frame ?? grabFrame(video), generation, start).finally(() => {
      if (generation === this.#generation) this.#busy = false;
    });
    return frame !== undefined;
  }

  async #decode(decoder: Decoder, source: VideoFrame | Promise<VideoFrame | ImageBitmap | null>, generation: number, start: number): Promise<void> {
    const frame = await source;
    if (!frame) return; // the video lost its frame (stopped, switched): skip it
    let result;
    try {
      result = await decoder.decodeFrame(frame);
    } catch (error) {
      // Not sent (the worker failed or was closed first): the frame still holds a camera buffer.
      // Closing a frame that was transferred does nothing.
      frame.close();
      if (generation === this.#generation) this.#host.decoderFailed(error);
      return;
    }
    if (generation !== this.#generation) return;
    // Several passes held up together: each new text is verified and emitted once, left to right.
    const fresh = this.#debouncer.fresh(result.texts, performance.now(), this.#host.debounceMs());
    if (fresh.length === 0) return;
    const verifier = this.#host.verifier();
    const options = this.#host.verifyOptions();
    let verdicts;
    try {
      verdicts = await Promise.all(fresh.map((text) => verifier.verify(text, options)));
    } catch (error) {
      // Stopped or disconnected meanwhile (the worker was closed): the frame is simply dropped.
      if (generation === this.#generation) console.error('ck-scanner: verification failed', toScannerError(error, 'decoder-closed').code);
      return;
    }
    if (generation !== this.#generation) return;
    fresh.forEach((text, i) => {
      const { verdict, verifyMs } = verdicts[i];
      this.#host.emit({ text, verdict, source: 'camera', timings: { decodeMs: result.decodeMs, verifyMs, totalMs: performance.now() - start } });
    });
  }
}
