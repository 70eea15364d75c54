/**
 * Camera frames as VideoFrames straight from the track (MediaStreamTrackProcessor, Chromium):
 * a frame is handed over about 1 ms after capture, where requestVideoFrameCallback waits for
 * the next display refresh (4–20 ms later). Every frame is read as it comes; one the handler
 * does not take is closed at once (an open VideoFrame holds a camera buffer and stalls capture).
 * Frames are handed over only while their capture time is known on the performance.now() clock
 * (FrameClock, confirmed against rVFC's captureTime for frames the <video> presents); until
 * then the camera controller takes frames from the <video> as without a processor.
 */
import { FrameClock, type FrameClockStats } from './frame-clock';

interface TrackProcessor {
  readonly readable: ReadableStream<VideoFrame>;
}
type TrackProcessorConstructor = new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => TrackProcessor;

/** The engine's MediaStreamTrackProcessor on this thread (with VideoFrame), if any. */
export function trackProcessor(): TrackProcessorConstructor | undefined {
  const ctor = (globalThis as { MediaStreamTrackProcessor?: TrackProcessorConstructor }).MediaStreamTrackProcessor;
  return typeof ctor === 'function' && typeof VideoFrame === 'function' ? ctor : undefined;
}

/** Returns true when it keeps the frame (then it must close or transfer it). */
export type TrackFrameHandler = (frame: VideoFrame, captureTime: number) => boolean;

export class TrackFramePump {
  readonly #clock = new FrameClock();
  readonly #onFrame: TrackFrameHandler;
  #reader: ReadableStreamDefaultReader<VideoFrame> | undefined;
  #stopped = false;

  /** Starts reading `track` at once. */
  constructor(Processor: TrackProcessorConstructor, track: MediaStreamTrack, onFrame: TrackFrameHandler) {
    this.#onFrame = onFrame;
    // One frame buffered: a newer frame replaces one not read yet (the processor closes it).
    const reader = new Processor({ track, maxBufferSize: 1 }).readable.getReader();
    this.#reader = reader;
    void this.#run(reader);
  }

  get clock(): FrameClockStats {
    return this.#clock.stats;
  }

  /** Frames are handed over (their capture times are confirmed). */
  get calibrated(): boolean {
    return this.#clock.stats.calibrated;
  }

  /** A frame the <video> showing the same track presented, with rVFC's captureTime. */
  presented(captureTime: number): void {
    this.#clock.presented(captureTime);
  }

  async #run(reader: ReadableStreamDefaultReader<VideoFrame>): Promise<void> {
    try {
      for (;;) {
        const { value: frame, done } = await reader.read();
        if (done) return;
        const captureTime = this.#clock.read(frame.timestamp, performance.now());
        let kept = false;
        try {
          kept = !this.#stopped && captureTime !== null && this.#onFrame(frame, captureTime);
        } finally {
          if (!kept) frame.close();
        }
        if (this.#stopped) return;
      }
    } catch {
      // The track ended or the reader was cancelled: nothing more to read.
    }
  }

  /** Stops reading; frames queued in the processor are closed with the stream. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    void this.#reader?.cancel().catch(() => undefined);
    this.#reader = undefined;
  }
}
