/// <reference types="node" />
// The seed's whole loop, end to end, in one browser over real HTTP, on the production build of
// the demo served under the strict CSP: a citizen declares → gets the pass → a kiosk reads a
// screenshot of that pass (camera-less kiosk: the upload fallback) → the passage syncs → it
// shows in the origin ward's departures, the destination ward's arrivals and on the route view.
// A second pass is read while the kiosk is offline and must appear in both inboxes exactly once
// after it syncs. With UPDATE_SCREENSHOTS=1 the README's screenshots are written from this run.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { vietnamDate } from '../../src/core/dates';
import type { Declaration } from '../../src/core/declaration';
import type { WardMovement, WardMovementsPage } from '../../src/api/contract';
import { launchChromium } from '../tools/browser';
import { referenceDeclaration } from '../fixtures/reference';
import { setUpKiosk, startKioskServer, until, waitForKiosk, kioskCounts, type KioskServer } from './kiosk-support';

const screenshotsDir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const updateScreenshots = process.env.UPDATE_SCREENSHOTS === '1';

let server: KioskServer;
let browser: Browser;
let context: BrowserContext;
let scratch: string;
const violations: string[] = [];

before(async () => {
  server = await startKioskServer();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  scratch = mkdtempSync(join(tmpdir(), 'ck-loop-'));
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function watch(page: Page): void {
  page.on('console', (message) => {
    if (message.text().startsWith('CSP violation')) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
}

async function shoot(page: Page, name: string): Promise<void> {
  if (!updateScreenshots) return;
  mkdirSync(screenshotsDir, { recursive: true });
  await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: false });
}

/** Declares on the citizen page and returns the issued pass with a PNG of its QR as shown. */
async function declare(page: Page, declaration: Declaration): Promise<{ passId: string; qrPng: string }> {
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => customElements.get('ck-declaration-form') !== undefined);
  const issued = page.evaluate(
    () =>
      new Promise<{ passId: string; qrText: string }>((resolve) => {
        document.querySelector('ck-declaration-form')?.addEventListener('ck-pass-issued', (event) => resolve(event.detail), { once: true });
      }),
  );
  // The identity a portal already knows arrives as `prefill`; the officer-facing data is the same.
  await page.evaluate((value) => {
    const form = document.querySelector('ck-declaration-form');
    if (form) form.prefill = value;
  }, declaration);
  await page.locator('ck-declaration-form [part~="submit"]').click();
  const { passId } = await issued;
  const qr = page.locator('ck-pass [part~="qr-code"]');
  await qr.locator('svg').first().waitFor({ state: 'visible', timeout: 20_000 });
  const qrPng = join(scratch, `${passId}.png`);
  writeFileSync(qrPng, await qr.screenshot());
  return { passId, qrPng };
}

async function uploadAtKiosk(page: Page, png: string): Promise<void> {
  await page.locator('ck-checkpoint ck-scanner input[type="file"]').setInputFiles(png);
}

async function recordedPassIds(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await window.ckKiosk.store.recentPassages(50)).map((record) => record.passId ?? ''));
}

async function wardMovements(unit: string, date: string): Promise<WardMovement[]> {
  const response = await fetch(`${server.url}/api/wards/${unit}/movements?date=${date}&limit=200`);
  assert.equal(response.status, 200);
  return ((await response.json()) as WardMovementsPage).items;
}

test('declare → pass → kiosk (online and offline) → both wards and the route, each passage once', async () => {
  const citizen = await context.newPage();
  watch(citizen);
  const first = referenceDeclaration();
  const second: Declaration = { ...referenceDeclaration(), fullName: 'Lê Văn Tám', idNumber: '001095004567', dateOfBirth: '1995-03-08', gender: 'male' };
  const passA = await declare(citizen, first);
  await shoot(citizen, 'citizen');
  const passB = await declare(citizen, second);
  assert.notEqual(passA.passId, passB.passId);

  const kiosk = await context.newPage();
  watch(kiosk);
  await setUpKiosk(kiosk, `${server.url}/kiosk/?checkpoint=HN-LOOP-01&officer=CA-LOOP-1`);
  await waitForKiosk(kiosk, { offlineReady: true, trust: true });

  // Online: the upload is verified, recorded and synced.
  await uploadAtKiosk(kiosk, passA.qrPng);
  await until(async () => (await recordedPassIds(kiosk)).includes(passA.passId), 20_000, 'pass A was not recorded');
  const selected = await kiosk.evaluate(() => window.ckKiosk.checkpoint.selected?.verdict?.status ?? null);
  assert.equal(selected, 'valid');
  await until(async () => (await kioskCounts(kiosk)).pending === 0, 30_000, 'pass A did not sync');
  await shoot(kiosk, 'kiosk');

  // Offline: recorded locally, pending, then synced once when the network is back.
  await context.setOffline(true);
  await uploadAtKiosk(kiosk, passB.qrPng);
  await until(async () => (await recordedPassIds(kiosk)).includes(passB.passId), 20_000, 'pass B was not recorded offline');
  assert.ok((await kioskCounts(kiosk)).pending >= 1, 'pass B waits in the outbox while offline');
  await context.setOffline(false);
  await kiosk.evaluate(() => window.ckKiosk.engine?.syncNow());
  await until(async () => (await kioskCounts(kiosk)).pending === 0, 30_000, 'pass B did not sync after going online');
  assert.equal((await kiosk.evaluate(() => window.ckKiosk.store.verifyChain())).ok, true);

  // Both wards, exactly once per pass (the contract, then the element on the ward page).
  const today = vietnamDate(new Date());
  const origin = await wardMovements(first.origin.unitCode, today);
  const destination = await wardMovements(first.destination.unitCode, today);
  for (const { passId } of [passA, passB]) {
    assert.equal(origin.filter((m) => m.passId === passId && m.direction === 'departure').length, 1, `origin ward lists ${passId} once`);
    assert.equal(destination.filter((m) => m.passId === passId && m.direction === 'arrival').length, 1, `destination ward lists ${passId} once`);
  }

  const ward = await context.newPage();
  watch(ward);
  await ward.goto(`${server.url}/ward/?unit=${first.destination.unitCode}&date=${today}#/`);
  await ward.waitForFunction(
    (ids) => {
      const inbox = document.querySelector('ck-ward-inbox');
      const shown = inbox?.visibleMovements.map((m) => m.passId) ?? [];
      return ids.every((id) => shown.filter((s) => s === id).length === 1);
    },
    [passA.passId, passB.passId],
    { timeout: 20_000 },
  );
  await shoot(ward, 'ward');

  await ward.goto(`${server.url}/ward/?unit=${first.destination.unitCode}&date=${today}#/route/${passB.passId}`);
  await ward.locator('ck-route [part~="reason-input"]').fill('F1 của ca bệnh 4471');
  await ward.locator('ck-route [part~="reason-input"]').press('Enter');
  await ward.waitForFunction(
    (passId) => {
      const route = document.querySelector('ck-route')?.shownRoute;
      return route?.passId === passId && route.passages.some((p) => p.checkpointId === 'HN-LOOP-01');
    },
    passB.passId,
    { timeout: 20_000 },
  );
  await shoot(ward, 'route');

  assert.deepEqual(violations, [], 'no CSP violation and no page error on any page');
});
