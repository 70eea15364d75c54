/**
 * Calls back once per new video frame while running: `requestVideoFrameCallback` where the
 * engine has it (the callback carries the capture time), else requestAnimationFrame. One
 * callback is pending at a time; the handler runs before the next one is asked for. `captured`
 * says the time is the frame's capture time (rVFC metadata.captureTime), not a stand-in.
 */
export class FramePump {
  readonly #video: HTMLVideoElement;
  readonly #onFrame: (captureTime: number, captured: boolean) => void;
  #handle = 0;
  #kind: 'video' | 'animation' | null = null;

  constructor(video: HTMLVideoElement, onFrame: (captureTime: number, captured: boolean) => void) {
    this.#video = video;
    this.#onFrame = onFrame;
  }

  get running(): boolean {
    return this.#kind !== null;
  }

  /** Asks for the next frame (nothing when one is already asked for). */
  request(): void {
    if (this.#kind) return;
    const video = this.#video;
    if ('requestVideoFrameCallback' in video) {
      this.#kind = 'video';
      this.#handle = video.requestVideoFrameCallback((_now, metadata) => {
        this.#kind = null;
        this.#onFrame(metadata.captureTime ?? metadata.expectedDisplayTime, metadata.captureTime !== undefined);
      });
    } else {
      this.#kind = 'animation';
      this.#handle = requestAnimationFrame((now) => {
        this.#kind = null;
        this.#onFrame(now, false);
      });
    }
  }

  cancel(): void {
    if (this.#kind === 'video') this.#video.cancelVideoFrameCallback(this.#handle);
    else if (this.#kind === 'animation') cancelAnimationFrame(this.#handle);
    this.#kind = null;
  }
}
