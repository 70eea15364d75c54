/// <reference types="vite/client" />
// The kiosk page: settings (query string or setup form, kept in localStorage), the kiosk's
// store and sync engine (one per page), durable storage requested, the service worker that
// makes the page work offline, and <ck-checkpoint> wired to all of it.
import { Workbox } from 'workbox-window';
import type { PublicJwks } from '../../src/core/trust-bundle';
import { parseAnchorJwks } from '../../src/elements/ck-checkpoint/anchor';
import { CkCheckpoint } from '../../src/elements/ck-checkpoint/ck-checkpoint.component';
import { KioskStore } from '../../src/store/kiosk/kiosk-store';
import { SyncEngine } from '../../src/sync/sync-engine';
import { isComplete, loadConfig, normalise, saveConfig, setupValues, type KioskConfig } from './config';
import anchorJson from './trust-anchor.json';

const API_BASE = '/api';

const TEXT = {
  vi: {
    title: 'Chốt kiểm soát',
    settings: 'Cài đặt chốt',
    update: 'Có phiên bản mới của trang kiểm soát.',
    applyUpdate: 'Cập nhật ngay',
    setupTitle: 'Cài đặt chốt kiểm soát',
    setupHint: 'Chỉ nhập mã, không nhập họ tên. Cài đặt được lưu trên thiết bị này.',
    checkpointLabel: 'Mã chốt',
    idHint: 'Chữ, số và . _ : - (không dấu cách), ví dụ HN-QL1A-01',
    officerLabel: 'Mã cán bộ',
    officerHint: 'Mã số cán bộ, ví dụ CA-HN-0042',
    labelLabel: 'Tên thiết bị (không bắt buộc)',
    codeLabel: 'Mã đăng ký thiết bị',
    codeHint: 'Mã dùng một lần do quản trị viên cấp, ví dụ ABCD-EFGH (không cần khi thiết bị đã đăng ký)',
    setupError: 'Mã chốt và mã cán bộ chỉ gồm chữ, số và . _ : - (không dấu cách).',
    save: 'Lưu cài đặt',
    offlinePending: 'Đang chuẩn bị để dùng khi mất mạng…',
    offlineReady: 'Sẵn sàng dùng khi mất mạng.',
    offlineUnsupported: 'Trình duyệt này không hỗ trợ chạy khi mất mạng.',
    offlineDev: 'Bản phát triển: không có service worker, nên chưa chạy được khi mất mạng (dùng bản build: npm run demo).',
    persisted: 'Dữ liệu được lưu bền vững trên thiết bị.',
    notPersisted: 'Trình duyệt chưa cho lưu bền vững: khi máy thiếu dung lượng, dữ liệu có thể bị xóa. Hãy cài trang này như ứng dụng.',
    usage: (used: string, quota: string) => `Dung lượng đã dùng: ${used} / ${quota}.`,
  },
  en: {
    title: 'Checkpoint',
    settings: 'Checkpoint settings',
    update: 'A new version of the checkpoint page is available.',
    applyUpdate: 'Update now',
    setupTitle: 'Checkpoint settings',
    setupHint: 'Enter identifiers only, never names. Settings are kept on this device.',
    checkpointLabel: 'Checkpoint id',
    idHint: 'Letters, digits and . _ : - (no spaces), e.g. HN-QL1A-01',
    officerLabel: 'Officer id',
    officerHint: 'Officer number, e.g. CA-HN-0042',
    labelLabel: 'Device name (optional)',
    codeLabel: 'Device enrolment code',
    codeHint: 'One-time code from the portal administrator, e.g. ABCD-EFGH (not needed once the device is enrolled)',
    setupError: 'Checkpoint and officer ids use letters, digits and . _ : - only (no spaces).',
    save: 'Save settings',
    offlinePending: 'Getting ready to work offline…',
    offlineReady: 'Ready to work offline.',
    offlineUnsupported: 'This browser cannot run the page offline.',
    offlineDev: 'Development server: no service worker, so no offline mode (use the build: npm run demo).',
    persisted: 'Data is stored persistently on this device.',
    notPersisted: 'The browser has not granted persistent storage: data may be cleared when space runs low. Install this page as an app.',
    usage: (used: string, quota: string) => `Storage used: ${used} of ${quota}.`,
  },
} as const;

type TextKey = { [K in keyof (typeof TEXT)['vi']]: (typeof TEXT)['vi'][K] extends string ? K : never }[keyof (typeof TEXT)['vi']];

/** What tests and diagnostics can reach from the console (no personal data lives here). */
export interface KioskHandle {
  readonly store: KioskStore;
  engine: SyncEngine | undefined;
  readonly checkpoint: CkCheckpoint;
  readonly ready: Promise<void>;
}

declare global {
  interface Window {
    ckKiosk: KioskHandle;
  }
}

// Defined here, not through the define file's side-effect import: the package's "sideEffects"
// list names dist/ only, so a bundler may drop a bare import of a src/ define file.
if (!customElements.get('ck-checkpoint')) customElements.define('ck-checkpoint', CkCheckpoint);

const $ = <T extends HTMLElement>(selector: string): T => {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`kiosk page: ${selector} is missing`);
  return el;
};

const checkpoint = $<CkCheckpoint>('#checkpoint');
const setup = $<HTMLFormElement>('#setup');
const store = new KioskStore();
const anchor: PublicJwks = parseAnchorJwks(anchorJson);
const loaded = loadConfig(localStorage, location.search);
let config: Partial<KioskConfig> = loaded.config;
let engine: SyncEngine | undefined;
let enrolmentCode: string | undefined;
let offlineState: 'offlinePending' | 'offlineReady' | 'offlineUnsupported' | 'offlineDev' = 'offlinePending';

function lang(): 'vi' | 'en' {
  return config.lang ?? 'vi';
}

function applyLanguage(): void {
  const l = lang();
  document.documentElement.lang = l;
  const text = TEXT[l];
  for (const el of document.querySelectorAll<HTMLElement>('[data-text]')) {
    const key = el.dataset.text as TextKey;
    if (key in text) el.textContent = text[key];
  }
  $('#offline-ready').textContent = text[offlineState];
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
    button.setAttribute('aria-pressed', button.dataset.lang === l ? 'true' : 'false');
  }
  void showStorage();
}

/** One engine per configuration; the old one is stopped before the next starts. */
function startEngine(c: KioskConfig): void {
  engine?.stop();
  engine = new SyncEngine({
    store,
    apiBase: API_BASE,
    checkpointId: c.checkpointId,
    trustAnchor: anchor,
    ...(c.deviceLabel && { deviceLabel: c.deviceLabel }),
    // One-time: held in memory for this engine only, never stored on the device.
    ...(enrolmentCode && { enrolmentCode }),
  });
  engine.start();
  checkpoint.engine = engine;
  if (typeof window.ckKiosk === 'object') window.ckKiosk.engine = engine;
}

function showCheckpoint(c: KioskConfig): void {
  checkpoint.checkpointId = c.checkpointId;
  checkpoint.officerId = c.officerId;
  checkpoint.deviceLabel = c.deviceLabel;
  startEngine(c);
  setup.hidden = true;
  checkpoint.hidden = false;
}

function openSetup(): void {
  const form = setup.elements;
  // Query parameters fill only empty fields; nothing changes until the officer submits.
  const values = setupValues({ config, prefill: loaded.prefill });
  (form.namedItem('checkpointId') as HTMLInputElement).value = values.checkpointId ?? '';
  (form.namedItem('officerId') as HTMLInputElement).value = values.officerId ?? '';
  (form.namedItem('deviceLabel') as HTMLInputElement).value = values.deviceLabel ?? '';
  setup.hidden = false;
  checkpoint.hidden = true;
  (form.namedItem('checkpointId') as HTMLInputElement).focus();
}

setup.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(setup);
  const raw = { checkpointId: data.get('checkpointId'), officerId: data.get('officerId'), deviceLabel: data.get('deviceLabel') };
  const code = data.get('enrolmentCode');
  enrolmentCode = typeof code === 'string' && /^[A-Za-z0-9 -]{8,12}$/.test(code.trim()) ? code.trim() : undefined;
  const next = { ...config, ...normalise(raw) };
  const ok = typeof raw.checkpointId === 'string' && next.checkpointId === raw.checkpointId.trim()
    && typeof raw.officerId === 'string' && next.officerId === raw.officerId.trim();
  $('#setup-error').hidden = ok;
  for (const name of ['checkpointId', 'officerId']) {
    const input = setup.elements.namedItem(name) as HTMLInputElement;
    const valid = name === 'checkpointId' ? next.checkpointId === input.value.trim() : next.officerId === input.value.trim();
    input.setAttribute('aria-invalid', valid ? 'false' : 'true');
  }
  if (!ok || !isComplete(next)) return;
  config = next;
  saveConfig(localStorage, config);
  showCheckpoint(next);
});

$('#open-setup').addEventListener('click', openSetup);
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
  button.addEventListener('click', () => {
    config = { ...config, lang: button.dataset.lang === 'en' ? 'en' : 'vi' };
    saveConfig(localStorage, config);
    applyLanguage();
  });
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(bytes < 10_485_760 ? 1 : 0)} MB`;
}

/** Asks for persistent storage once (Window only: not available in workers) and shows the result. */
let persisted: Promise<boolean> | undefined;
async function showStorage(): Promise<void> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage) return;
  persisted ??= storage.persisted().then((already) => already || storage.persist()).catch(() => false);
  const granted = await persisted;
  const estimate = await storage.estimate().catch(() => undefined);
  const text = TEXT[lang()];
  $('#storage').textContent = `${granted ? text.persisted : text.notPersisted}${estimate?.quota ? ` ${text.usage(megabytes(estimate.usage ?? 0), megabytes(estimate.quota))}` : ''}`;
}

/** Registers the kiosk's service worker (production builds; the dev server has none). */
async function registerWorker(): Promise<void> {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) {
    offlineState = 'serviceWorker' in navigator ? 'offlineDev' : 'offlineUnsupported';
    applyLanguage();
    return;
  }
  const wb = new Workbox(`${import.meta.env.BASE_URL}kiosk/sw.js`, { scope: `${import.meta.env.BASE_URL}kiosk/` });
  wb.addEventListener('waiting', () => {
    $('#update').hidden = false;
  });
  $('#apply-update').addEventListener('click', () => {
    // The new worker takes over, then the page reloads once under it.
    wb.addEventListener('controlling', () => location.reload());
    wb.messageSkipWaiting();
  });
  await wb.register();
  await navigator.serviceWorker.ready;
  offlineState = 'offlineReady';
  document.documentElement.dataset.offlineReady = 'true';
  applyLanguage();
}

checkpoint.store = store;
checkpoint.trustAnchor = anchor;
// The unit catalogue (docs/units.md); its files are precached with the kiosk (demo/kiosk/pwa.ts).
checkpoint.unitsSrc = '/units/2021-07/index.json';
applyLanguage();
if (isComplete(config)) showCheckpoint(config);
else openSetup();
const ready = registerWorker().catch((error: unknown) => {
  offlineState = 'offlineUnsupported';
  applyLanguage();
  console.error('kiosk: service worker registration failed', (error as Error).message);
});
window.ckKiosk = { store, engine, checkpoint, ready };
