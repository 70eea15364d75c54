import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { pickMainRearCamera, type CameraCandidate } from './camera-choice';
import {
  cameraErrorCode,
  capabilitiesOf,
  controlsOf,
  isStaleDevice,
  NO_CONTROLS,
  applyAdvanced,
  listCameras,
  type CameraControls,
  type CameraErrorCode,
  type CameraSettings,
  type CameraState,
} from './camera-capabilities';
import { CameraMemory } from './camera-memory';
import type { FrameClockStats } from './frame-clock';
import { FramePump } from './frame-pump';
import { trackProcessor, TrackFramePump } from './track-frames';

export { cameraErrorCode, controlsOf, type CameraControls, type CameraErrorCode, type CameraState } from './camera-capabilities';
export { DEFAULT_STORAGE_KEY } from './camera-memory';

export interface CameraInfo {
  deviceId: string;
  label: string;
}

/**
 * Called for each new video frame while live; the controller never calls it re-entrantly on its
 * own. `captureTime` is on the performance.now() clock. With `frame` (read from the track), the
 * handler owns the frame when it returns true (it must close or transfer it); otherwise the
 * controller closes it.
 */
export type FrameHandler = (video: HTMLVideoElement, metadata: { captureTime: number; frame?: VideoFrame }) => boolean;

/** Where frames come from: the track (MediaStreamTrackProcessor) or the <video> (rVFC / rAF). */
export interface FrameTiming {
  source: 'track' | 'video' | null;
  /** The track's timestamp → performance.now() mapping, checked against rVFC (track source only). */
  clock: FrameClockStats | null;
}

export interface CameraOptions {
  onFrame?: FrameHandler;
  /** Called on every state change (the host is also asked to update). */
  onStateChange?: (state: CameraState) => void;
  /** Ideal capture size (the browser picks the closest). */
  width?: number;
  height?: number;
  /**
   * localStorage key under which the camera choice is remembered on this device (the
   * officer's pick from the menu, or the main-rear pick). `null`: remember nothing.
   */
  storageKey?: string | null;
  /**
   * Read frames from the track where MediaStreamTrackProcessor exists (default true): each frame
   * arrives ~1 ms after capture instead of at the next display refresh. Elsewhere, and with
   * false, frames come from requestVideoFrameCallback (or requestAnimationFrame).
   */
  trackFrames?: boolean;
}

/**
 * Owns the camera for an element: the MediaStream, its tracks and the <video> showing it.
 * - The main rear camera by default (camera-choice.ts: capabilities, then labels), or the
 *   officer's pick; either is remembered per device. Lists cameras; zoom, one-shot focus and
 *   torch through applyConstraints where the track advertises them (continuous focus is
 *   switched on where offered).
 * - A track that ends on its own (camera unplugged, taken by another app) releases the rest
 *   and reports camera-busy.
 * - Every track is stopped on `stop()` and on disconnect; a getUserMedia that resolves after
 *   `stop()` (or after a newer `start()`) is stopped at once.
 * - Pauses (releases the camera) while the page is hidden or the host is scrolled out of view,
 *   and resumes when both are back, if it was running.
 * - Frames: `requestVideoFrameCallback`, else requestAnimationFrame; where
 *   MediaStreamTrackProcessor exists, VideoFrames read from the track instead once their
 *   capture times are confirmed against rVFC's (track-frames.ts, frame-clock.ts).
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
  readonly #frames: FramePump;
  #trackFrames: TrackFramePump | undefined;
  readonly #memory: CameraMemory;
  #visible = true;
  #observer: IntersectionObserver | undefined;
  #cameras: CameraInfo[] = [];
  #torch = false;
  #controls: CameraControls = NO_CONTROLS;
  #zoom: number | null = null;
  #activeDeviceId: string | undefined;
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
    this.#frames = new FramePump(this.video, (captureTime, captured) => this.#deliver(captureTime, captured));
    this.#memory = new CameraMemory(options.storageKey);
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
  /** The deviceId of the live camera (as the track reports it). */
  get deviceId(): string | undefined {
    return this.#activeDeviceId ?? this.#deviceId;
  }
  get torchSupported(): boolean {
    return this.#controls.torch;
  }
  /** What the live track supports (all off while not live). */
  get controls(): CameraControls {
    return this.#controls;
  }
  /** Current zoom factor, or null where zoom is unsupported. */
  get zoom(): number | null {
    return this.#zoom;
  }
  get torch(): boolean {
    return this.#torch;
  }
  /** The live camera faces the user (selfie): the preview is then mirrored. */
  get userFacing(): boolean {
    return this.#facing === 'user';
  }
  /** Where live frames come from, and how their capture times are checked. */
  get frameTiming(): FrameTiming {
    if (this.#trackFrames) return { source: this.#trackFrames.calibrated ? 'track' : 'video', clock: this.#trackFrames.clock };
    return { source: this.#frames.running ? 'video' : null, clock: null };
  }

  #setState(state: CameraState): void {
    this.#state = state;
    this.#options.onStateChange?.(state);
    this.#host.requestUpdate();
  }

  /**
   * Starts (or switches to) a camera. Without a deviceId: the remembered one, else the main
   * rear camera. Resolves when live, or with the error state set.
   */
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
    const remembered = deviceId === undefined ? this.#memory.read() : undefined;
    const target = deviceId ?? remembered?.deviceId;
    const constraints = (id: string | undefined): MediaTrackConstraints => id
      ? { deviceId: { exact: id }, width: { ideal: width }, height: { ideal: height } }
      : { facingMode: { ideal: 'environment' }, width: { ideal: width }, height: { ideal: height } };
    let stream: MediaStream;
    try {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: constraints(target), audio: false });
      } catch (error) {
        // A remembered camera that is gone (deviceIds can change): forget it, let the browser pick.
        if (!remembered || !isStaleDevice(error) || request !== this.#request) throw error;
        this.#memory.write(null);
        stream = await navigator.mediaDevices.getUserMedia({ video: constraints(undefined), audio: false });
      }
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
    const settings = track?.getSettings() as CameraSettings | undefined;
    this.#facing = settings?.facingMode === 'user' ? 'user' : settings?.facingMode === 'environment' ? 'environment' : undefined;
    const caps = capabilitiesOf(track);
    this.#controls = controlsOf(caps);
    this.#zoom = this.#controls.zoom ? (settings?.zoom ?? this.#controls.zoom.min) : null;
    this.#torch = false;
    this.#activeDeviceId = settings?.deviceId || undefined;
    if (settings?.deviceId) this.#deviceId = deviceId === undefined ? undefined : settings.deviceId;
    // Released on every path: a track that ends by itself takes the whole stream down with it.
    for (const t of stream.getTracks()) {
      t.addEventListener('ended', () => {
        if (this.#stream === stream) this.#fail('camera-busy');
      });
    }
    // Keep a close QR sharp where the camera can refocus by itself.
    if (track && caps.focusMode?.includes('continuous')) void applyAdvanced(track, { focusMode: 'continuous' });
    this.video.srcObject = stream;
    try {
      await this.video.play();
    } catch {
      // Autoplay of a muted inline video is allowed; a rejection here means a newer start()
      // or stop() replaced the source, which that call handles.
    }
    if (request !== this.#request) return;
    this.#setState('live');
    this.#startFrames(stream);
    void this.#refreshCameras().then((candidates) => {
      // The browser's `environment` pick may be an ultra-wide: move to the main rear camera once,
      // and remember it so later starts open it directly.
      if (target !== undefined || request !== this.#request || !candidates) return;
      const main = pickMainRearCamera(candidates);
      if (!main) return;
      this.#memory.write({ deviceId: main, by: 'auto' });
      if (main !== this.#activeDeviceId) void this.start();
    });
  }

  /** Stops every track and forgets the wish to run (no automatic resume). */
  stop(): void {
    this.#wanted = false;
    this.#request++;
    this.#release();
    if (this.#state !== 'error') this.#setState('idle');
  }

  /** Switches to another camera (by deviceId), remembered on this device as the officer's choice. */
  switchTo(deviceId: string): Promise<void> {
    this.#memory.write({ deviceId, by: 'officer' });
    return this.start(deviceId);
  }

  /** Turns the torch on/off where the track supports it; resolves to the new state. */
  async setTorch(on: boolean): Promise<boolean> {
    const track = this.#track();
    if (!track || !this.#controls.torch) return false;
    this.#torch = (await applyAdvanced(track, { torch: on })) && on;
    this.#host.requestUpdate();
    return this.#torch;
  }

  /** Sets the zoom factor (clamped to the track's range); resolves to the zoom in effect. */
  async setZoom(value: number): Promise<number | null> {
    const track = this.#track();
    const range = this.#controls.zoom;
    if (!track || !range) return null;
    const zoom = Math.min(range.max, Math.max(range.min, value));
    // Refused by the track: the zoom stays where it was.
    if (await applyAdvanced(track, { zoom })) this.#zoom = zoom;
    this.#host.requestUpdate();
    return this.#zoom;
  }

  /** Asks the camera to focus once now (where it offers single-shot focus); resolves whether it was accepted. */
  async focus(): Promise<boolean> {
    const track = this.#track();
    return track !== undefined && this.#controls.focus && applyAdvanced(track, { focusMode: 'single-shot' });
  }

  #track(): MediaStreamTrack | undefined {
    return this.#stream?.getVideoTracks()[0];
  }

  /** Lists cameras (labels once permission is granted) with their capabilities where offered. */
  async #refreshCameras(): Promise<CameraCandidate[] | undefined> {
    const candidates = await listCameras();
    this.#cameras = (candidates ?? []).map((c, i) => ({ deviceId: c.deviceId, label: c.label || `Camera ${i + 1}` }));
    this.#host.requestUpdate();
    return candidates;
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
    this.#controls = NO_CONTROLS;
    this.#zoom = null;
    this.#activeDeviceId = undefined;
  }

  /**
   * Frames from the <video> (rVFC) at first; where a track processor exists, frames from the
   * track as soon as their capture times are confirmed against the <video>'s (and from the
   * <video> again whenever that check fails). rVFC keeps running for the check.
   */
  #startFrames(stream: MediaStream): void {
    const Processor = this.#options.trackFrames === false ? undefined : trackProcessor();
    const track = stream.getVideoTracks()[0];
    if (Processor && track && 'requestVideoFrameCallback' in this.video) {
      try {
        this.#trackFrames = new TrackFramePump(Processor, track, (frame, captureTime) =>
          this.#stream === stream && this.#options.onFrame?.(this.video, { captureTime, frame }) === true,
        );
      } catch {
        // The engine refused a processor for this track: frames from the <video> only.
      }
    }
    this.#scheduleFrame();
  }

  #scheduleFrame(): void {
    if (this.#stream) this.#frames.request();
  }

  #deliver(captureTime: number, captured: boolean): void {
    if (!this.#stream) return;
    const track = this.#trackFrames;
    if (track && captured) track.presented(captureTime);
    if (!track?.calibrated) this.#options.onFrame?.(this.video, { captureTime });
    this.#scheduleFrame();
  }

  #cancelFrame(): void {
    this.#frames.cancel();
    this.#trackFrames?.stop();
    this.#trackFrames = undefined;
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
