import { must } from '../fixtures/must';
// Page for test/node/scanner-camera.test.ts and the P4 bench: mounts <ck-scanner> on demand
// and records what it emits, so the Node side can poll `window.ckTest`.
import '../../src/elements/ck-scanner/ck-scanner';
import type { TrustStoreInit } from '../../src/core/trust-store';
import type { CkScanner, ScanDetail, ScannerErrorDetail } from '../../src/elements/ck-scanner/ck-scanner';

interface Recorded {
  scans: (ScanDetail & { at: number })[];
  errors: ScannerErrorDetail[];
  tracks: MediaStreamTrack[];
  startedAt: number;
}

const recorded: Recorded = { scans: [], errors: [], tracks: [], startedAt: 0 };

// Keep every track the page hands out, to check after disconnect that none stays live.
const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getUserMedia = async (constraints) => {
  recorded.startedAt = performance.now();
  const stream = await getUserMedia(constraints);
  recorded.tracks.push(...stream.getTracks());
  return stream;
};

const api = {
  recorded,
  mount(options: { trust?: TrustStoreInit; debounce?: number; lang?: string } = {}): void {
    const el = document.createElement('ck-scanner');
    el.muted = true;
    if (options.trust) el.trust = { ...options.trust, updatedAt: new Date() };
    if (options.debounce !== undefined) el.debounce = options.debounce;
    if (options.lang) el.lang = options.lang;
    el.addEventListener('ck-scan', (e) => recorded.scans.push({ ...e.detail, at: performance.now() }));
    el.addEventListener('ck-scanner-error', (e) => recorded.errors.push(e.detail));
    must(document.querySelector('#app')).replaceChildren(el);
  },
  scanner(): CkScanner {
    return must(document.querySelector('ck-scanner'));
  },
  unmount(): void {
    document.querySelector('ck-scanner')?.remove();
  },
  liveTracks(): number {
    return recorded.tracks.filter((t) => t.readyState !== 'ended').length;
  },
  visible(selector: string): boolean {
    const node = must(api.scanner().shadowRoot).querySelector<HTMLElement>(selector);
    if (!node) return false;
    const box = node.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  },
  alertText(): string {
    return must(api.scanner().shadowRoot).querySelector('[role="alert"]')?.textContent ?? '';
  },
  async scanDataUrl(dataUrl: string) {
    const blob = await (await fetch(dataUrl)).blob();
    const result = await api.scanner().scanImage(blob);
    return result && { text: result.text, status: result.verdict.status };
  },
};

declare global {
  interface Window {
    ckTest: typeof api;
  }
}
window.ckTest = api;
document.documentElement.dataset.ready = 'true';
