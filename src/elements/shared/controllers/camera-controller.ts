import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type CameraErrorCode = 'permission-denied' | 'no-camera' | 'camera-busy' | 'camera-unavailable';
export type CameraState = 'idle' | 'starting' | 'live' | 'paused' | 'error';

export interface CameraInfo {
  deviceId: string;
  label: string;
}

/** Called for each new video frame while live; the controller never calls it re-entrantly on its own. */
export type FrameHandler = (video: HTMLVideoElement, metadata: { captureTime: number }) => void;

export interface CameraOptions {
  onFrame?: FrameHandler;
  /** Called on every state change (the host is also asked to update). */
  onStateChange?: (state: CameraState) => void;
  /** Ideal capture size (the browser picks the closest). */
  width?: number;
  height?: number;
}

/** Maps getUserMedia failures to codes a person can be told about. */
export function cameraErrorCode(error: unknown): CameraErrorCode {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return 'permission-denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-camera';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'camera-busy';
    default:
      return 'camera-unavailable';
  }
}

type TorchConstraint = MediaTrackConstraintSet & { torch?: boolean };
type TorchCapabilities = MediaTrackCapabilities & { torch?: boolean };

/**
 * Owns the camera for an element: the MediaStream, its tracks and the <video> showing it.
 * - `facingMode: environment` by default, or a chosen deviceId; lists cameras; torch when the
 *   track advertises it.
 * - Every track is stopped on `stop()` and on disconnect; a getUserMedia that resolves after
 *   `stop()` (or after a newer `start()`) is stopped at once.
 * - Pauses (releases the camera) while the page is hidden or the host is scrolled out of view,
 *   and resumes when both are back, if it was running.
 * - Frames: `requestVideoFrameCallback` where present, else requestAnimationFrame.
 */
export class CameraController implements ReactiveController {
  readonly video: HTMLVideoElement;
  #host: ReactiveControllerHost & HTMLElement;
  #options: CameraOptions;
  #stream: MediaStream | null = null;
  #state: CameraState = 'idle';
  #error: CameraErrorCode | null = null;
  #wanted = false;
  #deviceId: string | undefined;
  #request = 0;
  #frameHandle = 0;
  #frameKind: 'video' | 'animation' | null = null;
  #visible = true;
  #observer: IntersectionObserver | undefined;
  #cameras: CameraInfo[] = [];
  #torch = false;
  #torchSupported = false;
  #facing: 'user' | 'environment' | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: CameraOptions = {}) {
    this.#host = host;
    this.#options = options;
    this.video = document.createElement('video');
    this.video.muted = true;
    this.video.playsInline = true;
    this.video.setAttribute('playsinline', '');
    this.video.setAttribute('aria-hidden', 'true');
    this.video.setAttribute('part', 'video');
    host.addController(this);
  }

  get state(): CameraState {
    return this.#state;
  }
  get error(): CameraErrorCode | null {
    return this.#error;
  }
  get stream(): MediaStream | null {
    return this.#stream;
  }
  get cameras(): readonly CameraInfo[] {
    return this.#cameras;
  }
  get deviceId(): string | undefined {
    return this.#deviceId;
  }
  get torchSupported(): boolean {
    return this.#torchSupported;
  }
  get torch(): boolean {
    return this.#torch;
  }
  /** The live camera faces the user (selfie): the preview is then mirrored. */
  get userFacing(): boolean {
    return this.#facing === 'user';
  }

  #setState(state: CameraState): void {
    this.#state = state;
    this.#options.onStateChange?.(state);
    this.#host.requestUpdate();
  }

  /** Starts (or switches to) a camera. Resolves when live, or with the error state set. */
  async start(deviceId: string | undefined = this.#deviceId): Promise<void> {
    this.#wanted = true;
    this.#deviceId = deviceId;
    if (!this.#canRun()) {
      this.#release();
      this.#setState('paused');
      return;
    }
    const request = ++this.#request;
    this.#release();
    this.#error = null;
    this.#setState('starting');
    if (!navigator.mediaDevices?.getUserMedia) {
      this.#fail('camera-unavailable');
      return;
    }
    const { width = 1280, height = 720 } = this.#options;
    const video: MediaTrackConstraints = deviceId
      ? { deviceId: { exact: deviceId }, width: { ideal: width }, height: { ideal: height } }
      : { facingMode: { ideal: 'environment' }, width: { ideal: width }, height: { ideal: height } };
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video, audio: false });
    } catch (error) {
      if (request === this.#request) this.#fail(cameraErrorCode(error));
      return;
    }
    // Stopped, restarted or paused while the prompt was open: this stream is nobody's.
    if (request !== this.#request || !this.#wanted || !this.#canRun()) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    this.#stream = stream;
    const track = stream.getVideoTracks()[0];
    const settings = track?.getSettings();
    this.#facing = settings?.facingMode === 'user' ? 'user' : settings?.facingMode === 'environment' ? 'environment' : undefined;
    this.#torchSupported = Boolean(track && typeof track.getCapabilities === 'function' && (track.getCapabilities() as TorchCapabilities).torch);
    this.#torch = false;
    if (settings?.deviceId) this.#deviceId = deviceId === undefined ? undefined : settings.deviceId;
    this.video.srcObject = stream;
    try {
      await this.video.play();
    } catch {
      // Autoplay of a muted inline video is allowed; a rejection here means a newer start()
      // or stop() replaced the source, which that call handles.
    }
    if (request !== this.#request) return;
    this.#setState('live');
    this.#scheduleFrame();
    void this.#refreshCameras();
  }

  /** Stops every track and forgets the wish to run (no automatic resume). */
  stop(): void {
    this.#wanted = false;
    this.#request++;
    this.#release();
    if (this.#state !== 'error') this.#setState('idle');
  }

  /** Switches to another camera (by deviceId). */
  switchTo(deviceId: string): Promise<void> {
    return this.start(deviceId);
  }

  /** Turns the torch on/off where the track supports it; resolves to the new state. */
  async setTorch(on: boolean): Promise<boolean> {
    const track = this.#stream?.getVideoTracks()[0];
    if (!track || !this.#torchSupported) return false;
    try {
      await track.applyConstraints({ advanced: [{ torch: on } as TorchConstraint] });
      this.#torch = on;
    } catch {
      this.#torch = false;
    }
    this.#host.requestUpdate();
    return this.#torch;
  }

  async #refreshCameras(): Promise<void> {
    try {
      const devices = await navigator.mediaDevices.enumerateDevices();
      this.#cameras = devices
        .filter((d) => d.kind === 'videoinput')
        .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
      this.#host.requestUpdate();
    } catch {
      this.#cameras = [];
    }
  }

  #fail(code: CameraErrorCode): void {
    this.#release();
    this.#error = code;
    this.#setState('error');
  }

  #canRun(): boolean {
    return !document.hidden && this.#visible && this.#host.isConnected;
  }

  #release(): void {
    this.#cancelFrame();
    const stream = this.#stream;
    this.#stream = null;
    if (stream) for (const track of stream.getTracks()) track.stop();
    if (this.video.srcObject) {
      this.video.pause();
      this.video.srcObject = null;
    }
    this.#torch = false;
    this.#torchSupported = false;
  }

  #scheduleFrame(): void {
    if (!this.#stream || this.#frameKind) return;
    const video = this.video;
    if ('requestVideoFrameCallback' in video) {
      this.#frameKind = 'video';
      this.#frameHandle = video.requestVideoFrameCallback((_now, metadata) => {
        this.#frameKind = null;
        this.#deliver(metadata.captureTime ?? metadata.expectedDisplayTime);
      });
    } else {
      this.#frameKind = 'animation';
      this.#frameHandle = requestAnimationFrame((now) => {
        this.#frameKind = null;
        this.#deliver(now);
      });
    }
  }

  #deliver(captureTime: number): void {
    if (!this.#stream) return;
    this.#options.onFrame?.(this.video, { captureTime });
    this.#scheduleFrame();
  }

  #cancelFrame(): void {
    if (this.#frameKind === 'video') this.video.cancelVideoFrameCallback(this.#frameHandle);
    else if (this.#frameKind === 'animation') cancelAnimationFrame(this.#frameHandle);
    this.#frameKind = null;
  }

  #onVisibility = (): void => this.#reconsider();

  #reconsider(): void {
    if (!this.#wanted) return;
    if (this.#canRun()) {
      if (this.#state === 'paused') void this.start();
    } else if (this.#state === 'live' || this.#state === 'starting') {
      this.#request++;
      this.#release();
      this.#setState('paused');
    }
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisibility);
    if (typeof IntersectionObserver === 'function') {
      this.#observer = new IntersectionObserver((entries) => {
        const entry = entries[entries.length - 1];
        if (!entry) return;
        this.#visible = entry.isIntersecting;
        this.#reconsider();
      });
      this.#observer.observe(this.#host);
    }
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#visible = true;
    this.stop();
  }
}
