import { looksLikeIdCard } from '../../core/id-card';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { parseManualCode, type ManualCodeError } from '../../core/manual-code';
import type { TrustStoreInit } from '../../core/trust-store';
import type { PassVerdict } from '../../core/verdict-types';
import type { VerifyOptions } from '../../core/verify';
import { createDecoder, type Decoder } from '../../scanner/decoder';
import { ScannerError, toScannerError } from '../../scanner/errors';
import { DEFAULT_SCAN_REGION } from '../../scanner/strategy';
import { createVerifier, type Verifier } from '../../scanner/verifier';
import { CameraController, type CameraErrorCode, type FrameTiming } from '../shared/controllers/camera-controller';
import { WorkerController } from '../shared/controllers/worker-controller';
import { LocalizeController } from '../shared/localize';
import { FeedbackController } from './feedback-controller';
import { cameraControls } from './camera-controls';
import { CameraScans } from './camera-scans';
import { messages } from './ck-scanner.messages';
import styles from './ck-scanner.styles';

/** Error codes the element reports (and explains) to a person. */
export type ScannerErrorCodeForUser = CameraErrorCode | 'decoder-load-failed';

export interface ScanTimings {
  /** Time spent in the decode worker for the frame or image that gave the text. */
  decodeMs: number;
  /** Time spent in verifyPass in the verify worker. */
  verifyMs: number;
  /** From frame capture (or upload) to the verdict on the main thread. */
  totalMs: number;
}

export interface ScanDetail {
  text: string;
  verdict: PassVerdict;
  timings: ScanTimings;
  /** Where the code came from. */
  source: 'camera' | 'image';
}
export interface ScannerErrorDetail {
  code: ScannerErrorCodeForUser;
  message: string;
}
export interface ManualCodeDetail {
  /** Canonical form XXXXX-XXXXX (validated by core.parseManualCode). */
  code: string;
}

export type CkScanEvent = CustomEvent<ScanDetail>;
export type CkScannerErrorEvent = CustomEvent<ScannerErrorDetail>;
export type CkManualCodeEvent = CustomEvent<ManualCodeDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ck-scan': CkScanEvent;
    'ck-scanner-error': CkScannerErrorEvent;
    'ck-manual-code': CkManualCodeEvent;
  }
}

/**
 * Camera QR scanner for checkpoint passes. Frames are decoded in a worker (zxing-cpp wasm,
 * self-hosted) and verified in a second worker (core.verifyPass with the trust store set in
 * `trust`). Up to four codes held up together are read per frame, each reported once, left to
 * right. It opens the main rear camera (not an ultra-wide) and remembers the officer's choice
 * on the device; zoom, focus and torch controls appear where the camera supports them. Typing
 * the manual code and uploading a photo are always available.
 *
 * @fires ck-scan - A pass code was read (camera or upload): `{ text, verdict, timings, source }`. The same text within `debounce` ms is not repeated. Several codes in one frame give one event each, left to right.
 * @fires ck-scanner-error - The camera or decoder failed: `{ code, message }` (code: permission-denied, no-camera, camera-busy, camera-unavailable, decoder-load-failed).
 * @fires ck-manual-code - A manual code was typed and passed its check character: `{ code }`.
 *
 * @slot - Extra content under the viewfinder (e.g. instructions).
 *
 * @csspart viewport - The box holding the camera preview and the scan frame.
 * @csspart video - The camera preview.
 * @csspart region - The scan frame drawn over the preview.
 * @csspart status - The status line (also the live region).
 * @csspart error - The error message.
 * @csspart controls - Camera on/off, camera choice, and torch, focus and zoom where the camera supports them.
 * @csspart fallback - The manual-code and upload section.
 *
 * @cssprop --ck-scanner-region-color - Colour of the scan frame (default: the accent colour).
 * @cssprop --ck-scanner-aspect-ratio - Aspect ratio of the viewport (default 4 / 3).
 */
export class CkScanner extends LitElement {
  static override styles = styles;

  /** Same text seen again within this many ms emits nothing new (per text: codes read together are each emitted once). */
  @property({ type: Number }) debounce = 3000;
  /** No beep or vibration on reads. */
  @property({ type: Boolean, reflect: true }) muted = false;
  /** Scan region: centred square, as a fraction of the camera image's short side. */
  @property({ type: Number }) region = DEFAULT_SCAN_REGION;
  /** Start the camera when connected (set to false to start it with `start()` or the button). */
  @property({ type: Boolean, attribute: 'no-autostart' }) noAutostart = false;
  /** URL of zxing-wasm's reader `.wasm` (defaults to the copy shipped beside the worker). */
  @property({ attribute: 'wasm-url' }) wasmUrl: string | undefined;
  /** Trust data for verification: issuer JWKS, revoked pass ids, updatedAt, maxAgeSeconds. Camera frames are decoded only once it is set. */
  @property({ attribute: false }) trust: TrustStoreInit | undefined;
  /** Options passed to verifyPass (clock tolerance, failOnStaleTrust, now). `lang` follows the element. */
  @property({ attribute: false }) verifyOptions: Omit<VerifyOptions, 'lang'> = {};

  @state() private _error: ScannerErrorDetail | null = null;
  @state() private _manualError: ManualCodeError | null = null;
  @state() private _upload: 'idle' | 'busy' | 'none' | 'unreadable' = 'idle';
  @state() private _last: PassVerdict | 'card' | null = null;

  readonly #l10n = new LocalizeController(this, messages);
  readonly #feedback = new FeedbackController(this);
  readonly #decoder = new WorkerController<Decoder>(this, () => {
    const decoder = createDecoder(this.wasmUrl ? { wasmUrl: this.wasmUrl } : {});
    decoder.ready.catch((error: unknown) => this.#decoderFailed(error));
    void decoder.resetFrames(this.region).catch(() => undefined);
    return decoder;
  });
  readonly #verifier = new WorkerController<Verifier>(this, () => {
    const verifier = createVerifier();
    if (this.trust) void verifier.setTrust(this.trust).catch((error: unknown) => console.error('ck-scanner: trust data rejected', error));
    return verifier;
  });
  readonly #scans = new CameraScans({
    decoder: () => (this.#decoder.active ? this.#decoder.value : undefined),
    verifier: () => this.#verifier.value,
    hasTrust: () => this.trust !== undefined,
    debounceMs: () => this.debounce,
    verifyOptions: () => ({ ...this.verifyOptions, lang: this.#l10n.lang }),
    emit: (detail) => this.#emitScan(detail),
    decoderFailed: (error) => this.#decoderFailed(error),
  });
  readonly #camera = new CameraController(this, {
    onFrame: (video, meta) => this.#scans.offer(video, meta.captureTime, meta.frame),
    onStateChange: (state) => {
      if (state === 'error' && this.#camera.error) this.#report(this.#camera.error);
      if (state === 'live' && this._error && this._error.code !== 'decoder-load-failed') this._error = null;
    },
  });

  /** The live camera stream (null when stopped), e.g. for tests and diagnostics. */
  get stream(): MediaStream | null {
    return this.#camera.stream;
  }

  /** Where camera frames come from and how their capture times are checked (diagnostics). */
  get frameTiming(): FrameTiming {
    return this.#camera.frameTiming;
  }

  /** Workers currently alive (decode, verify). */
  get workersActive(): { decode: boolean; verify: boolean } {
    return { decode: this.#decoder.active, verify: this.#verifier.active };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.noAutostart) void this.start();
  }

  override disconnectedCallback(): void {
    this.#scans.invalidate();
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('trust') && this.trust && this.#verifier.active) {
      void this.#verifier.value.setTrust(this.trust).catch((error: unknown) => console.error('ck-scanner: trust data rejected', error));
    }
    if (changed.has('region') && this.#decoder.active) void this.#decoder.value.resetFrames(this.region).catch(() => undefined);
    if (changed.has('wasmUrl') && changed.get('wasmUrl') !== undefined) this.#decoder.reset();
  }

  /** Starts the camera (and the decode worker). */
  async start(): Promise<void> {
    this.#scans.invalidate();
    // getUserMedia is asked for first (camera.start() calls it synchronously): creating the
    // workers and fetching the wasm before it delayed the camera by 40–250 ms. Both workers then
    // start while the camera opens, so the first code meets a loaded decoder and imported trust
    // keys (the first verdict otherwise waits for a cold verify worker).
    const camera = this.#camera.start();
    void this.#decoder.value;
    void this.#verifier.value;
    await camera;
  }

  /** Stops the camera; decodes in flight are dropped. Workers stay for uploads until disconnect. */
  stop(): void {
    this.#scans.invalidate();
    this.#camera.stop();
  }

  /**
   * Decodes a photo, bitmap or pixels with the same worker as the camera, then verifies the
   * first code found. Resolves null when no code is found; rejects with a ScannerError when
   * the decoder cannot load or the file is not an image.
   */
  async scanImage(source: Blob | ImageBitmap | ImageData): Promise<{ text: string; verdict: PassVerdict } | null> {
    const result = await this.#scanStill(source);
    return result && { text: result.text, verdict: result.verdict };
  }

  async #scanStill(source: Blob | ImageBitmap | ImageData): Promise<ScanDetail | null> {
    const t0 = performance.now();
    const decoder = this.#decoder.value;
    const texts = source instanceof Blob ? await decoder.decodeBlob(source) : await decoder.decode(source);
    const decodeMs = performance.now() - t0;
    const text = texts[0];
    if (text === undefined) return null;
    const { verdict, verifyMs } = await this.#verifier.value.verify(text, { ...this.verifyOptions, lang: this.#l10n.lang });
    return { text, verdict, source: 'image', timings: { decodeMs, verifyMs, totalMs: performance.now() - t0 } };
  }

  /**
   * Forgets the last code read, the manual-code field and its error, and the upload message (the
   * next vehicle starts clean). The camera keeps running.
   */
  reset(): void {
    this._last = null;
    this._manualError = null;
    this._upload = 'idle';
    const input = this.renderRoot.querySelector<HTMLInputElement>('#manual');
    if (input) input.value = '';
  }

  #emitScan(detail: ScanDetail): void {
    // A chip ID card's QR is not a pass: no "not a valid pass" line or error tone for it.
    const card = looksLikeIdCard(detail.text);
    this._last = card ? 'card' : detail.verdict;
    if (!this.muted) this.#feedback.signal(card || detail.verdict.status === 'valid');
    this.dispatchEvent(new CustomEvent('ck-scan', { detail, bubbles: true, composed: true }));
  }

  #decoderFailed(error: unknown): void {
    const scannerError = error instanceof ScannerError ? error : toScannerError(error, 'decoder-load-failed');
    if (scannerError.code === 'decoder-closed') return;
    if (scannerError.code === 'decoder-load-failed' || scannerError.code === 'decoder-version-mismatch') {
      if (this._error?.code !== 'decoder-load-failed') console.error('ck-scanner:', scannerError.message);
      this.#report('decoder-load-failed');
    }
  }

  #report(code: ScannerErrorCodeForUser): void {
    if (this._error?.code === code) return;
    const detail = { code, message: this.#l10n.msg.errors[code] };
    this._error = detail;
    this.dispatchEvent(new CustomEvent('ck-scanner-error', { detail, bubbles: true, composed: true }));
  }

  #onManualSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#manual');
    const parsed = parseManualCode(input?.value ?? '');
    if (!parsed.ok) {
      this._manualError = parsed.error;
      input?.focus();
      return;
    }
    this._manualError = null;
    if (input) input.value = parsed.code;
    this.dispatchEvent(new CustomEvent('ck-manual-code', { detail: { code: parsed.code }, bubbles: true, composed: true }));
  }

  async #onUpload(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.#feedback.prime();
    this._upload = 'busy';
    try {
      const result = await this.#scanStill(file);
      if (!this.isConnected) return;
      this._upload = result ? 'idle' : 'none';
      if (result) this.#emitScan(result);
    } catch (error) {
      const code = toScannerError(error, 'image-unreadable').code;
      this._upload = code === 'image-unreadable' ? 'unreadable' : 'idle';
      this.#decoderFailed(error);
    } finally {
      input.value = '';
    }
  }

  #statusText(): string {
    const m = this.#l10n.msg;
    switch (this.#camera.state) {
      case 'starting':
        return m.starting;
      case 'live':
        return m.aim;
      case 'paused':
        return m.paused;
      case 'error':
        return '';
      default:
        return m.stopped;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The frame size goes through the CSSOM: a strict CSP (style-src 'self') blocks a bound
    // style="…" attribute, and Lit's styleMap also writes one on the first render.
    const size = `${Math.round(Math.min(1, Math.max(0.2, this.region)) * 100)}%`;
    this.renderRoot.querySelector<HTMLElement>('.region')?.style.setProperty('--_region', size);
  }

  protected override render() {
    const m = this.#l10n.msg;
    const camera = this.#camera;
    const running = camera.state === 'live' || camera.state === 'starting' || camera.state === 'paused';
    return html`
      <section class="scanner" aria-label=${m.label}>
        <div part="viewport" class="viewport ${camera.userFacing ? 'mirrored' : ''}" data-state=${camera.state}>
          ${camera.video}
          <div part="region" class="region" role="img" aria-label=${m.regionLabel}></div>
        </div>
        <p part="status" class="status" role="status" aria-live="polite">
          ${this.#statusText()} ${this._last ? html`<span class="last">${this._last === 'card' ? m.lastCard : m.lastRead(this._last.reasons[this.#l10n.lang])}</span>` : nothing}
        </p>
        ${this._error
          ? html`<p part="error" class="error" role="alert"><span class="icon" aria-hidden="true">⚠</span><strong>${m.errorPrefix}:</strong> ${m.errors[this._error.code]}</p>`
          : nothing}
        <div part="controls" class="controls">
          ${running
            ? html`<button type="button" @click=${() => this.stop()}>${m.stop}</button>`
            : html`<button type="button" @click=${() => { this.#feedback.prime(); void this.start(); }}>${m.start}</button>`}
          ${cameraControls(camera, m)}
        </div>
        <slot></slot>
        <div part="fallback" class="fallback" role="group" aria-labelledby="fallback-title">
          <h2 id="fallback-title">${m.fallbackTitle}</h2>
          <form @submit=${this.#onManualSubmit} novalidate>
            <label for="manual">${m.manualLabel}</label>
            <span id="manual-hint" class="hint">${m.manualHint}</span>
            <div class="row">
              <input
                id="manual"
                name="manual"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck="false"
                maxlength="24"
                aria-describedby=${this._manualError ? 'manual-hint manual-error' : 'manual-hint'}
                aria-invalid=${this._manualError ? 'true' : 'false'}
                @input=${() => (this._manualError = null)}
              />
              <button type="submit">${m.manualSubmit}</button>
            </div>
            ${this._manualError
              ? html`<p id="manual-error" class="field-error"><span aria-hidden="true">✗ </span>${m.manualErrors[this._manualError]}</p>`
              : nothing}
          </form>
          <div class="upload">
            <label class="button" for="upload">${m.uploadLabel}</label>
            <input id="upload" class="visually-hidden" type="file" accept="image/*" @change=${this.#onUpload} />
            ${this._upload === 'busy' ? html`<p class="hint" role="status">${m.uploading}</p>` : nothing}
            ${this._upload === 'none' ? html`<p class="field-error" role="alert"><span aria-hidden="true">✗ </span>${m.uploadNone}</p>` : nothing}
            ${this._upload === 'unreadable' ? html`<p class="field-error" role="alert"><span aria-hidden="true">✗ </span>${m.uploadUnreadable}</p>` : nothing}
          </div>
        </div>
      </section>
    `;
  }
}
