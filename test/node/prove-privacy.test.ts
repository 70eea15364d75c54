/// <reference types="node" />
// Privacy (issue 5 "no names, no ID numbers, no dates of birth in the outbox", issue 7): after a
// day of scans at the kiosk page — several travellers with distinctive names, ID numbers and
// dates of birth, scanned again and again in both directions, one typed as a manual code,
// synced — read EVERYTHING the kiosk origin stores (every IndexedDB database and object store,
// Cache Storage bodies, localStorage, sessionStorage, cookies, the origin-private file system)
// and every console message of the day, and find none of it, in any spelling.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { fromQrText } from '../../src/core/qr-text';
import { manualCode } from '../../src/core/manual-code';
import { validateDeclaration, type Declaration } from '../../src/core/declaration';
import { referenceDeclaration } from '../fixtures/reference';
import { kioskCounts, setUpKiosk, startKioskScene, until, waitForKiosk, type IssuedPass, type KioskScene } from './kiosk-support';
import type { PreviewedDemo } from '../tools/demo-server';

let demo: PreviewedDemo;
let browser: Browser;
let passes: IssuedPass[];
let scene: KioskScene;

/** Travellers found nowhere else in the repo (the demo seed uses the reference names). */
function travellers(): Declaration[] {
  const base = referenceDeclaration();
  const list: Declaration[] = [
    { ...base, fullName: 'Hoàng Thị Quỳnh Anh', idType: 'cccd', idNumber: '079187654321', dateOfBirth: '1987-02-14', gender: 'female', phone: '0935172846',
      origin: { provinceCode: '01', unitCode: '00070', address: '77 Phố Huế, Hai Bà Trưng, Hà Nội' } },
    { ...base, fullName: 'Đặng Văn Khoa', idType: 'cccd', idNumber: '031069246810', dateOfBirth: '1969-09-30', gender: 'male', phone: '0868024613',
      origin: { provinceCode: '27', unitCode: '09289', address: 'Xóm Đình, Ngọc Xá, Quế Võ' }, destination: { provinceCode: '01', unitCode: '00001', address: '9 Trúc Bạch, Ba Đình' } },
    { ...base, fullName: 'Vũ Ngọc Ánh Dương', idType: 'cccd', idNumber: '038303135790', dateOfBirth: '2003-12-25', gender: 'female', phone: '0779135246', purpose: 'family' },
    { ...base, fullName: 'Ngô Bảo Châu Nhi', idType: 'passport', idNumber: 'C7654329', dateOfBirth: '1999-07-07', gender: 'other', phone: '0391827364', purpose: 'medical' },
  ];
  for (const d of list) {
    const checked = validateDeclaration(d);
    assert.ok(checked.ok, JSON.stringify(!checked.ok && checked.errors));
  }
  return list;
}

/** ASCII folding as a careless logger or search index would do it. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** Every spelling of one personal value that would still give it away. */
function spellings(value: string, kind: 'name' | 'id' | 'dob' | 'phone' | 'address'): string[] {
  const out = new Set([value, value.normalize('NFD'), value.normalize('NFC'), value.toUpperCase(), fold(value), fold(value).toUpperCase(),
    // JSON with non-ASCII escaped (\u1ec5), as some serialisers write it.
    JSON.stringify(value).slice(1, -1).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    encodeURIComponent(value)]);
  if (kind === 'dob') {
    const [y, m, d] = value.split('-');
    for (const f of [`${d}/${m}/${y}`, `${d}-${m}-${y}`, `${y}${m}${d}`, `${d}.${m}.${y}`, `${y}/${m}/${d}`]) out.add(f);
  }
  return [...out];
}

interface Dump {
  where: string;
  text: string;
}

describe('privacy: what a kiosk keeps after a day of scans', { timeout: 240_000 }, () => {
  before(async () => {
    // The first three travel by car past the camera; the fourth's pass will not scan (typed).
    scene = await startKioskScene({ seed: false, declarations: travellers(), onCamera: 3, showSeconds: 1.4, gapSeconds: 0.5 });
    ({ server: demo, browser, passes } = scene);
  });

  after(() => scene?.close());

  it('stores no name, ID number, date of birth (nor phone, address or the pass itself) anywhere, and logs none', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    const consoleLines: string[] = [];
    // Page, dedicated workers (decode, verify) and the service worker all count.
    context.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    context.on('weberror', (e) => consoleLines.push(`error: ${e.error().message}`));
    const page = await context.newPage();
    page.on('worker', (w) => w.on('console', (m) => consoleLines.push(`worker ${m.type()}: ${m.text()}`)));
    await setUpKiosk(page, `${demo.url}/kiosk/?checkpoint=HN-PRIV-01&officer=CA-PRIV-7&label=Ch%E1%BB%91t%20th%E1%BB%AD`);
    await waitForKiosk(page, { offlineReady: true, trust: true });

    // The day: four rounds of the same car, alternating in and out, each a new vehicle.
    await page.evaluate(() => {
      window.ckKiosk.checkpoint.rescanSeconds = 1;
    });
    const recorded = async () => {
      const c = await kioskCounts(page);
      return c.pending + c.synced + c.quarantined;
    };
    for (let round = 0; round < 4; round++) {
      await page.evaluate((dir) => {
        window.ckKiosk.checkpoint.setDirection(dir);
        window.ckKiosk.checkpoint.newVehicle();
      }, round % 2 ? ('out' as const) : ('in' as const));
      await until(async () => (await recorded()) >= 3 * (round + 1), 45_000, `round ${round}: the car was not recorded`);
    }
    // The fourth traveller's pass will not scan: the officer types the manual code and decides.
    const typed = passes[3] as IssuedPass;
    await page.locator('ck-scanner #manual').fill(manualCode(typed.passId).toLowerCase());
    await page.locator('ck-scanner #manual').press('Enter');
    await page.waitForFunction(() => window.ckKiosk.checkpoint.vehicle.some((e) => e.source === 'manual' && (e.state === 'awaiting-decision' || e.state === 'rescan')), null, { timeout: 10_000 });
    // Units of a code the device has never seen are typed by the officer (codes, never names).
    await page.locator('ck-checkpoint #origin-unit').fill(typed.declaration.origin.unitCode);
    await page.locator('ck-checkpoint #destination-unit').fill(typed.declaration.destination.unitCode);
    const before = await recorded();
    await page.evaluate(() => window.ckKiosk.checkpoint.decide('allow'));
    await until(async () => (await recorded()) > before, 10_000, 'the manual code was not recorded');
    // Synced to the portal by the end of the day.
    await until(async () => (await kioskCounts(page)).pending === 0, 45_000, 'the day did not sync');
    const total = await recorded();
    assert.ok(total >= 13, `a day of scans (${total} passages)`);

    // Everything the origin stores, read from inside the page. (tsx keeps function names with
    // an `__name` helper that the page does not have: give it one.)
    await page.evaluate('globalThis.__name = (f) => f');
    const dumps: Dump[] = await page.evaluate(async () => {
      const out: { where: string; text: string }[] = [];
      const seen = new WeakSet<object>();
      const show = (value: unknown): string => {
        if (value === null || value === undefined) return String(value);
        if (typeof value === 'string') return value;
        if (typeof value !== 'object') return String(value);
        if (seen.has(value)) return '[cycle]';
        seen.add(value);
        if (value instanceof CryptoKey) return `[CryptoKey ${value.type} ${value.extractable}]`;
        if (value instanceof Date) return value.toISOString();
        if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
          const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
          return `${new TextDecoder().decode(bytes)} ${Array.from(bytes, (b) => String.fromCharCode(b)).join('')}`;
        }
        if (value instanceof Blob) return `[Blob ${value.size}]`;
        if (Array.isArray(value)) return `[${value.map(show).join(',')}]`;
        return `{${Object.entries(value).map(([k, v]) => `${k}:${show(v)}`).join(',')}}`;
      };
      for (const info of await indexedDB.databases()) {
        if (!info.name) continue;
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(info.name as string);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        for (const storeName of Array.from(db.objectStoreNames)) {
          const rows = await new Promise<unknown[]>((resolve, reject) => {
            const request = db.transaction(storeName, 'readonly').objectStore(storeName).getAll();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          out.push({ where: `indexedDB ${info.name}/${storeName} (${rows.length} rows)`, text: rows.map(show).join('\n') });
        }
        db.close();
      }
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          const response = await cache.match(request);
          const bytes = new Uint8Array(await (response as Response).arrayBuffer());
          out.push({ where: `cache ${name} ${request.url}`, text: `${request.url} ${new TextDecoder().decode(bytes)}` });
        }
      }
      for (const [label, storage] of [['localStorage', localStorage], ['sessionStorage', sessionStorage]] as const) {
        for (let i = 0; i < storage.length; i++) {
          const key = storage.key(i) as string;
          out.push({ where: `${label} ${key}`, text: `${key}=${storage.getItem(key)}` });
        }
      }
      out.push({ where: 'cookies', text: document.cookie });
      const walk = async (dir: FileSystemDirectoryHandle, path: string): Promise<void> => {
        for await (const [name, handle] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
          if (handle.kind === 'file') out.push({ where: `opfs ${path}${name}`, text: await (await (handle as FileSystemFileHandle).getFile()).text() });
          else await walk(handle as FileSystemDirectoryHandle, `${path}${name}/`);
        }
      };
      await walk(await navigator.storage.getDirectory(), '/').catch(() => undefined);
      return out;
    });

    // The dump really holds the kiosk's data (so an empty search is not a vacuous pass): the
    // outbox rows with their pass ids, the device identity, the trust bundle, the precache.
    const everything = dumps.map((d) => d.text).join('\n');
    for (const p of passes.slice(0, 3)) assert.ok(everything.includes(p.passId), `the outbox rows were read (${p.passId})`);
    assert.ok(dumps.some((d) => d.where.startsWith('indexedDB ck-kiosk/passages')) && dumps.some((d) => d.where.startsWith('cache ')), dumps.map((d) => d.where).join('; '));
    assert.ok(everything.includes('HN-PRIV-01') && everything.includes('CA-PRIV-7'));

    // The console capture works (a probe line arrives), so an empty result means nothing was logged.
    await page.evaluate(() => console.warn('ck-privacy-probe'));
    await until(async () => consoleLines.some((l) => l.includes('ck-privacy-probe')), 5000, 'console capture does not work');

    const secrets: { what: string; needles: string[] }[] = [];
    for (const p of passes) {
      const d = p.declaration;
      secrets.push({ what: `name of ${p.passId}`, needles: spellings(d.fullName, 'name') });
      secrets.push({ what: `ID number of ${p.passId}`, needles: spellings(d.idNumber, 'id') });
      secrets.push({ what: `date of birth of ${p.passId}`, needles: spellings(d.dateOfBirth, 'dob') });
      secrets.push({ what: `phone of ${p.passId}`, needles: spellings(d.phone, 'phone') });
      secrets.push({ what: `address of ${p.passId}`, needles: spellings(d.origin.address, 'address') });
      // The pass itself carries the declaration (compressed): no 40-character piece of its QR
      // text or of its JWS payload may be kept either.
      const payload = fromQrText(p.pass).split('.')[1] as string;
      const body = p.pass.slice(4);
      const pieces: string[] = [];
      for (let i = 0; i + 40 <= body.length; i += 40) pieces.push(body.slice(i, i + 40));
      for (let i = 0; i + 40 <= payload.length; i += 40) pieces.push(payload.slice(i, i + 40));
      secrets.push({ what: `the pass ${p.passId}`, needles: pieces });
    }
    const leaks: string[] = [];
    for (const { what, needles } of secrets) {
      for (const needle of needles) {
        for (const d of dumps) if (d.text.includes(needle)) leaks.push(`${what} (${JSON.stringify(needle)}) in ${d.where}`);
        for (const line of consoleLines) if (line.includes(needle)) leaks.push(`${what} (${JSON.stringify(needle)}) on the console: ${line.slice(0, 200)}`);
      }
    }
    assert.deepEqual([...new Set(leaks)], []);
    console.log(`privacy: ${total} passages, ${dumps.length} stored items and ${consoleLines.length} console lines searched for ${secrets.reduce((n, s) => n + s.needles.length, 0)} needles`);
    await context.close();
  });
});
