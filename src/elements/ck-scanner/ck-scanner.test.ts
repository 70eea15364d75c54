import { must } from '../../../test/fixtures/must';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { issuePass } from '../../core/issue';
import { manualCode } from '../../core/manual-code';
import { referenceDeclaration } from '../../../test/fixtures/reference';
import { testIssuer, type TestIssuer } from '../../../test/fixtures/test-issuer';
import { multiQrScene, noCodeScene, qrPng } from '../../../test/fixtures/qr-images';
import './ck-scanner';
import type { CkScanner } from './ck-scanner.component';

const realGetUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
let issuer: TestIssuer;
let passText: string;
const passId = 'dGVzdC1wYXNzLWlkLTAwMDAwMQ';

function mockGetUserMedia(impl: () => Promise<MediaStream>): void {
  navigator.mediaDevices.getUserMedia = impl;
}

function reject(name: string): () => Promise<MediaStream> {
  return () => Promise.reject(new DOMException('mocked', name));
}

/** A live "camera": a canvas showing `image`, captured as a MediaStream. */
async function canvasCamera(image: Blob | null): Promise<{ stream: MediaStream; canvas: HTMLCanvasElement }> {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const ctx = must(canvas.getContext('2d'));
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 640, 480);
  if (image) {
    const bitmap = await createImageBitmap(image);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(bitmap, (640 - bitmap.width) / 2, (480 - bitmap.height) / 2);
  }
  const stream = canvas.captureStream(30);
  // captureStream only emits frames when the canvas changes: keep touching one pixel.
  const tick = setInterval(() => {
    ctx.fillStyle = Math.random() > 0.5 ? '#fff' : '#fefefe';
    ctx.fillRect(0, 0, 1, 1);
  }, 33);
  stream.getVideoTracks()[0].addEventListener('ended', () => clearInterval(tick));
  return { stream, canvas };
}

function shadow(el: CkScanner): ShadowRoot {
  return must(el.shadowRoot);
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A canvas stream posing as camera `deviceId`: its track reports `caps` and records applyConstraints. */
function fakeCamera(deviceId: string, caps: Record<string, unknown> = {}): { stream: MediaStream; applied: MediaTrackConstraints[] } {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 240;
  const ctx = must(canvas.getContext('2d'));
  ctx.fillRect(0, 0, 320, 240);
  const stream = canvas.captureStream(10);
  const track = stream.getVideoTracks()[0];
  // A canvas stream emits frames only when the canvas changes (WebKit's video plays only then).
  const tick = setInterval(() => {
    if (track.readyState === 'ended') clearInterval(tick);
    ctx.fillStyle = Math.random() > 0.5 ? '#000' : '#010101';
    ctx.fillRect(0, 0, 1, 1);
  }, 50);
  const applied: MediaTrackConstraints[] = [];
  const settings = track.getSettings();
  track.getSettings = () => ({ ...settings, deviceId, facingMode: 'environment' });
  track.getCapabilities = () => ({ ...caps, deviceId }) as MediaTrackCapabilities;
  track.applyConstraints = async (c?: MediaTrackConstraints) => {
    applied.push(c ?? {});
  };
  return { stream, applied };
}

const realEnumerate = navigator.mediaDevices.enumerateDevices.bind(navigator.mediaDevices);

function mockDevices(devices: { deviceId: string; label: string; caps?: Record<string, unknown> }[]): void {
  navigator.mediaDevices.enumerateDevices = async () =>
    devices.map((d) => ({ kind: 'videoinput', deviceId: d.deviceId, groupId: '', label: d.label, getCapabilities: () => d.caps ?? {}, toJSON: () => d }) as unknown as MediaDeviceInfo);
}

function ended(stream: MediaStream): boolean {
  return stream.getTracks().every((t) => t.readyState === 'ended');
}

describe('<ck-scanner>', () => {
  before(async () => {
    issuer = await testIssuer();
    passText = await issuePass(referenceDeclaration(), issuer.signer, { passId });
  });
  afterEach(() => {
    navigator.mediaDevices.getUserMedia = realGetUserMedia;
    navigator.mediaDevices.enumerateDevices = realEnumerate;
    localStorage.removeItem('ck-scanner.camera');
  });

  for (const [name, code, phrase] of [
    ['NotAllowedError', 'permission-denied', 'Chưa được phép dùng camera'],
    ['NotFoundError', 'no-camera', 'Không tìm thấy camera'],
    ['NotReadableError', 'camera-busy', 'ứng dụng khác'],
  ] as const) {
    it(`${name} → ck-scanner-error ${code}, a Vietnamese message and both fallbacks`, async () => {
      mockGetUserMedia(reject(name));
      const el = document.createElement('ck-scanner');
      const event = oneEvent(el, 'ck-scanner-error');
      document.body.append(el);
      try {
        const { detail } = await event;
        expect(detail.code).to.equal(code);
        await el.updateComplete;
        const alert = must(shadow(el).querySelector('[role="alert"]'));
        expect(alert.textContent).to.contain(phrase);
        expect(detail.message).to.contain(phrase);
        expect(shadow(el).querySelector('#manual')).to.not.equal(null);
        expect(shadow(el).querySelector('input[type="file"]')).to.not.equal(null);
        await expect(el).to.be.accessible();
      } finally {
        el.remove();
      }
    });
  }

  it('speaks English with lang="en", and follows a lang change at runtime', async () => {
    mockGetUserMedia(reject('NotAllowedError'));
    const el = await fixture<CkScanner>(html`<ck-scanner lang="en"></ck-scanner>`);
    await until(() => shadow(el).querySelector('[role="alert"]') !== null && el.stream === null);
    await el.updateComplete;
    expect(must(shadow(el).querySelector('[role="alert"]')).textContent).to.contain('Camera access was not allowed');
    el.setAttribute('lang', 'vi');
    // The language follows through a MutationObserver, i.e. after a task.
    await until(() => (must(shadow(el).querySelector('[role="alert"]')).textContent ?? '').includes('Chưa được phép'));
  });

  it('validates the manual code inline and fires ck-manual-code only for a valid one', async () => {
    mockGetUserMedia(reject('NotFoundError'));
    const el = await fixture<CkScanner>(html`<ck-scanner no-autostart lang="en"></ck-scanner>`);
    const input = must(shadow(el).querySelector<HTMLInputElement>('#manual'));
    const submit = must(shadow(el).querySelector<HTMLButtonElement>('form button[type="submit"]'));
    let fired = 0;
    el.addEventListener('ck-manual-code', () => fired++);
    input.value = 'ABC';
    submit.click();
    await el.updateComplete;
    expect(must(shadow(el).querySelector('#manual-error')).textContent).to.contain('exactly 10 characters');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const good = manualCode(passId);
    // One wrong character: the check character catches it.
    const typo = (good[0] === '7' ? '8' : '7') + good.slice(1);
    input.value = typo;
    submit.click();
    await el.updateComplete;
    expect(must(shadow(el).querySelector('#manual-error')).textContent).to.contain('check character');
    expect(fired).to.equal(0);
    input.value = good.toLowerCase().replace('-', ' ');
    const event = oneEvent(el, 'ck-manual-code');
    submit.click();
    expect((await event).detail.code).to.equal(good);
    await el.updateComplete;
    expect(shadow(el).querySelector('#manual-error')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('scanImage decodes an uploaded photo in the worker and verifies it', async () => {
    const el = await fixture<CkScanner>(html`<ck-scanner no-autostart></ck-scanner>`);
    el.trust = issuer.trust;
    const result = await el.scanImage(await qrPng(passText, 3));
    expect(result?.text).to.equal(passText);
    expect(result?.verdict.status).to.equal('valid');
    expect(result?.verdict.pass?.declaration.fullName).to.equal(referenceDeclaration().fullName);
    expect(await el.scanImage(noCodeScene())).to.equal(null);
  });

  it('the upload fallback fires ck-scan, and says so when a photo has no code', async () => {
    const el = await fixture<CkScanner>(html`<ck-scanner no-autostart lang="en"></ck-scanner>`);
    el.trust = issuer.trust;
    const input = must(shadow(el).querySelector<HTMLInputElement>('input[type="file"]'));
    const upload = (blob: Blob) => {
      const files = new DataTransfer();
      files.items.add(new File([blob], 'pass.png', { type: blob.type }));
      input.files = files.files;
      input.dispatchEvent(new Event('change'));
    };
    const event = oneEvent(el, 'ck-scan');
    upload(await qrPng(passText, 3));
    const { detail } = await event;
    expect(detail.source).to.equal('image');
    expect(detail.verdict.status).to.equal('valid');
    expect(detail.timings.totalMs).to.be.at.least(detail.timings.decodeMs);
    const blank = new OffscreenCanvas(64, 64);
    must(blank.getContext('2d')).fillRect(0, 0, 64, 64);
    upload(await blank.convertToBlob({ type: 'image/png' }));
    await until(() => shadow(el).querySelector('.upload [role="alert"]') !== null);
    expect(must(shadow(el).querySelector('.upload [role="alert"]')).textContent).to.contain('No QR code found');
  });

  it('reads a code from the camera once, debounces repeats, and frees camera and workers on disconnect', async () => {
    const camera = await canvasCamera(await qrPng(passText, 3));
    mockGetUserMedia(async () => camera.stream);
    const el = document.createElement('ck-scanner');
    el.muted = true;
    el.trust = issuer.trust;
    let scans = 0;
    el.addEventListener('ck-scan', () => scans++);
    const event = oneEvent(el, 'ck-scan');
    document.body.append(el);
    const { detail } = await event;
    expect(detail.text).to.equal(passText);
    expect(detail.source).to.equal('camera');
    expect(detail.verdict.status).to.equal('valid');
    expect(detail.timings.decodeMs).to.be.greaterThan(0);
    // The code stays in view for longer than a frame; within the debounce window nothing new.
    await new Promise((r) => setTimeout(r, 600));
    expect(scans).to.equal(1);
    expect(el.workersActive).to.deep.equal({ decode: true, verify: true });
    el.remove();
    expect(camera.stream.getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
    expect(el.workersActive).to.deep.equal({ decode: false, verify: false });
  });

  it('camera frames wait for the trust data: no verdict against an empty store', async () => {
    const camera = await canvasCamera(await qrPng(passText, 3));
    mockGetUserMedia(async () => camera.stream);
    const el = document.createElement('ck-scanner');
    el.muted = true;
    let scans = 0;
    el.addEventListener('ck-scan', () => scans++);
    document.body.append(el);
    try {
      await until(() => el.stream !== null);
      await new Promise((r) => setTimeout(r, 700));
      expect(scans).to.equal(0);
      const event = oneEvent(el, 'ck-scan');
      el.trust = issuer.trust;
      expect((await event).detail.verdict.status).to.equal('valid');
    } finally {
      el.remove();
    }
  });

  it('several passes in one frame: one ck-scan each, left to right, each once', async function () {
    // WebKitGTK here runs the wasm decoder ~15× slower than Chromium: allow it the time.
    this.timeout(60_000);
    const texts = await Promise.all([0, 1, 2].map(() => issuePass(referenceDeclaration(), issuer.signer)));
    const scene = await multiQrScene(texts, { scale: 3, xs: [0.18, 0.5, 0.82] });
    const canvas = document.createElement('canvas');
    canvas.width = scene.width;
    canvas.height = scene.height;
    const ctx = must(canvas.getContext('2d'));
    ctx.putImageData(scene, 0, 0);
    const stream = canvas.captureStream(30);
    const tick = setInterval(() => ctx.putImageData(scene, 0, 0), 33);
    mockGetUserMedia(async () => stream);
    const el = document.createElement('ck-scanner');
    el.muted = true;
    el.trust = issuer.trust;
    const seen: string[] = [];
    el.addEventListener('ck-scan', (e) => seen.push(e.detail.text));
    document.body.append(el);
    try {
      await until(() => seen.length >= 3, 45_000);
      // Several more frames with all three in view: nothing repeats.
      await new Promise((r) => setTimeout(r, 600));
      expect(seen).to.deep.equal(texts);
    } finally {
      clearInterval(tick);
      el.remove();
    }
    expect(stream.getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
  });

  it('zoom, focus and torch appear only where the track supports them, and go through applyConstraints', async () => {
    const plain = fakeCamera('plain');
    mockGetUserMedia(async () => plain.stream);
    const el = await fixture<CkScanner>(html`<ck-scanner lang="en"></ck-scanner>`);
    await until(() => el.stream !== null && shadow(el).querySelector('[part="status"]')?.textContent?.includes('Hold the QR code') === true);
    expect(shadow(el).querySelector('.torch, .focus, .zoom')).to.equal(null);
    el.remove();
    const rich = fakeCamera('rich', { torch: true, zoom: { min: 1, max: 8, step: 0.5 }, focusMode: ['continuous', 'single-shot'] });
    mockGetUserMedia(async () => rich.stream);
    const el2 = await fixture<CkScanner>(html`<ck-scanner lang="en"></ck-scanner>`);
    try {
      await until(() => el2.stream !== null);
      await el2.updateComplete;
      // Continuous focus is switched on by itself where offered.
      expect(rich.applied).to.deep.include({ advanced: [{ focusMode: 'continuous' }] });
      // The controls render once the camera is live (after the video starts playing).
      await until(() => shadow(el2).querySelector('button.torch') !== null);
      must(shadow(el2).querySelector<HTMLButtonElement>('button.torch')).click();
      await until(() => rich.applied.some((c) => JSON.stringify(c) === '{"advanced":[{"torch":true}]}'));
      // The button says so once the track has taken it (applyConstraints resolved).
      await until(() => shadow(el2).querySelector('button.torch')?.getAttribute('aria-pressed') === 'true');
      must(shadow(el2).querySelector<HTMLButtonElement>('button.focus')).click();
      const zoom = must(shadow(el2).querySelector<HTMLInputElement>('.zoom input[type="range"]'));
      expect([zoom.min, zoom.max, zoom.step]).to.deep.equal(['1', '8', '0.5']);
      zoom.value = '3';
      zoom.dispatchEvent(new Event('input'));
      await until(() => rich.applied.some((c) => JSON.stringify(c) === '{"advanced":[{"zoom":3}]}'));
      expect(rich.applied).to.deep.include({ advanced: [{ focusMode: 'single-shot' }] });
      await expect(el2).to.be.accessible();
    } finally {
      el2.remove();
    }
    expect(ended(plain.stream) && ended(rich.stream)).to.equal(true);
  });

  it('opens the main rear camera, not the ultra-wide the browser picked, and remembers the officer\'s choice', async () => {
    mockDevices([
      { deviceId: 'front', label: 'Front Camera', caps: { facingMode: ['user'] } },
      { deviceId: 'uw', label: 'Back Ultra Wide Camera', caps: { facingMode: ['environment'], focusMode: ['none'] } },
      { deviceId: 'main', label: 'Back Camera', caps: { facingMode: ['environment'], focusMode: ['continuous'], torch: true } },
    ]);
    const asked: MediaStreamConstraints[] = [];
    const streams: MediaStream[] = [];
    navigator.mediaDevices.getUserMedia = async (c?: MediaStreamConstraints) => {
      asked.push(must(c));
      const video = c?.video as MediaTrackConstraints;
      const exact = (video.deviceId as ConstrainDOMStringParameters | undefined)?.exact;
      const camera = fakeCamera(typeof exact === 'string' ? exact : 'uw');
      streams.push(camera.stream);
      return camera.stream;
    };
    const el = await fixture<CkScanner>(html`<ck-scanner></ck-scanner>`);
    await until(() => streams.length === 2 && el.stream === streams[1]);
    expect((asked[0].video as MediaTrackConstraints).facingMode).to.deep.equal({ ideal: 'environment' });
    expect((asked[1].video as MediaTrackConstraints).deviceId).to.deep.equal({ exact: 'main' });
    expect(ended(streams[0])).to.equal(true);
    expect(JSON.parse(must(localStorage.getItem('ck-scanner.camera')))).to.deep.equal({ deviceId: 'main', by: 'auto' });
    // The officer picks another camera in the menu: it is used and remembered on this device.
    await el.updateComplete;
    const select = must(shadow(el).querySelector('select'));
    select.value = 'uw';
    select.dispatchEvent(new Event('change'));
    await until(() => streams.length === 3 && el.stream === streams[2]);
    expect(ended(streams[1])).to.equal(true);
    el.remove();
    expect(ended(streams[2])).to.equal(true);
    const again = await fixture<CkScanner>(html`<ck-scanner></ck-scanner>`);
    await until(() => streams.length === 4 && again.stream === streams[3]);
    expect((asked[3].video as MediaTrackConstraints).deviceId).to.deep.equal({ exact: 'uw' });
    // No automatic switch away from the officer's choice.
    await new Promise((r) => setTimeout(r, 200));
    expect(streams.length).to.equal(4);
    again.remove();
    expect(streams.every(ended)).to.equal(true);
  });

  it('a remembered camera that is gone: forgotten, and the browser\'s pick is used', async () => {
    localStorage.setItem('ck-scanner.camera', JSON.stringify({ deviceId: 'gone', by: 'officer' }));
    const asked: MediaStreamConstraints[] = [];
    const camera = fakeCamera('other');
    navigator.mediaDevices.getUserMedia = async (c?: MediaStreamConstraints) => {
      asked.push(must(c));
      if ((c?.video as MediaTrackConstraints).deviceId) throw new DOMException('gone', 'OverconstrainedError');
      return camera.stream;
    };
    const el = await fixture<CkScanner>(html`<ck-scanner></ck-scanner>`);
    await until(() => el.stream === camera.stream);
    expect(asked.length).to.equal(2);
    expect(localStorage.getItem('ck-scanner.camera')).to.equal(null);
    el.remove();
    expect(ended(camera.stream)).to.equal(true);
  });

  it('releases the camera on every path: stop, restart, hidden page, a track ending by itself, disconnect', async () => {
    const streams: MediaStream[] = [];
    mockGetUserMedia(async () => {
      const { stream } = fakeCamera(`cam${streams.length}`);
      streams.push(stream);
      return stream;
    });
    const el = await fixture<CkScanner>(html`<ck-scanner></ck-scanner>`);
    await until(() => el.stream === streams[0]);
    el.stop();
    expect(ended(streams[0])).to.equal(true);
    // Two starts in a row: the first stream is released, the second is live.
    void el.start();
    await el.start();
    await until(() => el.stream !== null);
    expect(streams.slice(1, -1).every(ended)).to.equal(true);
    // The page is hidden: the camera is released, and taken again when it is back.
    const hidden = Object.getOwnPropertyDescriptor(Document.prototype, 'hidden');
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(el.stream).to.equal(null);
    expect(streams.every(ended)).to.equal(true);
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    document.dispatchEvent(new Event('visibilitychange'));
    await until(() => el.stream !== null);
    delete (document as { hidden?: boolean }).hidden;
    if (hidden) expect(document.hidden).to.equal(hidden.get?.call(document));
    // A track that ends by itself (unplugged, taken by another app): everything released, error shown.
    const live = must(el.stream);
    const error = oneEvent(el, 'ck-scanner-error');
    live.getVideoTracks()[0].dispatchEvent(new Event('ended'));
    expect((await error).detail.code).to.equal('camera-busy');
    expect(el.stream).to.equal(null);
    live.getTracks().forEach((t) => expect(t.readyState).to.equal('ended'));
    // Restart from the button, then disconnect.
    await el.start();
    await until(() => el.stream !== null);
    el.remove();
    expect(streams.every(ended)).to.equal(true);
  });

  it('stops at once a camera that arrives after stop()', async () => {
    const camera = await canvasCamera(null);
    let resolve!: (s: MediaStream) => void;
    mockGetUserMedia(() => new Promise<MediaStream>((r) => (resolve = r)));
    const el = await fixture<CkScanner>(html`<ck-scanner></ck-scanner>`);
    await until(() => resolve !== undefined);
    el.stop();
    resolve(camera.stream);
    await until(() => camera.stream.getTracks().every((t) => t.readyState === 'ended'));
    expect(el.stream).to.equal(null);
  });

  it('a decoder that cannot load → ck-scanner-error decoder-load-failed, fallbacks stay', async () => {
    mockGetUserMedia(async () => (await canvasCamera(null)).stream);
    const el = document.createElement('ck-scanner');
    el.wasmUrl = new URL('/missing/zxing_reader.wasm', location.href).href;
    const event = oneEvent(el, 'ck-scanner-error');
    document.body.append(el);
    try {
      expect((await event).detail.code).to.equal('decoder-load-failed');
      await el.updateComplete;
      expect(must(shadow(el).querySelector('[role="alert"]')).textContent).to.contain('bộ giải mã');
      expect(shadow(el).querySelector('#manual')).to.not.equal(null);
    } finally {
      el.remove();
    }
  });

  it('controls are at least 44 px and keyboard-reachable', async () => {
    mockGetUserMedia(reject('NotFoundError'));
    const el = await fixture<CkScanner>(html`<ck-scanner no-autostart></ck-scanner>`);
    for (const control of shadow(el).querySelectorAll<HTMLElement>('button, .button, input#manual')) {
      const box = control.getBoundingClientRect();
      expect(box.height, control.outerHTML).to.be.at.least(44);
      expect(box.width, control.outerHTML).to.be.at.least(44);
    }
    const file = must(shadow(el).querySelector<HTMLInputElement>('input[type="file"]'));
    expect(file.tabIndex).to.equal(0);
    file.focus();
    expect(shadow(el).activeElement).to.equal(file);
  });
});
