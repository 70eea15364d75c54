/**
 * Camera frames as VideoFrames straight from the track (MediaStreamTrackProcessor, Chromium):
 * a frame is handed over about 1 ms after capture, where requestVideoFrameCallback waits for
 * the next display refresh (4–20 ms later). Every frame is read as it comes; one the handler
 * does not take is closed at once (an open VideoFrame holds a camera buffer and stalls capture).
 * Capture times come from a FrameClock checked against the <video>'s rVFC captureTime.
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
  readonly #clock: FrameClock;
  readonly #video: HTMLVideoElement;
  readonly #onFrame: TrackFrameHandler;
  #reader: ReadableStreamDefaultReader<VideoFrame> | undefined;
  #videoCallback = 0;
  #stopped = false;

  /**
   * Starts reading `track` at once. `floor`: performance.now() when getUserMedia was called
   * (no frame of the track is older). `video` shows the same track (for the clock check).
   */
  constructor(Processor: TrackProcessorConstructor, track: MediaStreamTrack, video: HTMLVideoElement, floor: number, onFrame: TrackFrameHandler) {
    this.#clock = new FrameClock(floor);
    this.#video = video;
    this.#onFrame = onFrame;
    // One frame buffered: a newer frame replaces one not read yet (the processor closes it).
    const reader = new Processor({ track, maxBufferSize: 1 }).readable.getReader();
    this.#reader = reader;
    void this.#run(reader);
    this.#checkClock();
  }

  get clock(): FrameClockStats {
    return this.#clock.stats;
  }

  async #run(reader: ReadableStreamDefaultReader<VideoFrame>): Promise<void> {
    try {
      for (;;) {
        const { value: frame, done } = await reader.read();
        if (done) return;
        if (this.#stopped) {
          frame.close();
          return;
        }
        const captureTime = this.#clock.read(frame.timestamp, performance.now());
        let kept = false;
        try {
          kept = this.#onFrame(frame, captureTime);
        } finally {
          if (!kept) frame.close();
        }
      }
    } catch {
      // The track ended or the reader was cancelled: nothing more to read.
    }
  }

  #checkClock(): void {
    if (this.#stopped || !('requestVideoFrameCallback' in this.#video)) return;
    this.#videoCallback = this.#video.requestVideoFrameCallback((_now, metadata) => {
      if (metadata.captureTime !== undefined) this.#clock.presented(metadata.captureTime);
      this.#checkClock();
    });
  }

  /** Stops reading; frames queued in the processor are closed with the stream. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    if ('cancelVideoFrameCallback' in this.#video) this.#video.cancelVideoFrameCallback(this.#videoCallback);
    void this.#reader?.cancel().catch(() => undefined);
    this.#reader = undefined;
  }
}
