/// <reference types="node" />
// The kiosk page as an officer meets it: one online visit (service worker installed, trust data
// downloaded), then the network goes away, the page is reloaded and three passengers are scanned
// from the fake camera; three passages wait in the outbox; back online they reach the portal
// exactly once, hash chain intact, and nothing personal was stored or logged on the way.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { verifyPassageChain, type PassageRecord } from '../../src/core/passage-record';
import type { PassRoute } from '../../src/api/contract';
import {
  setUpKiosk,
  api, holdCameraBack, kioskCounts, releaseCamera, startKioskScene, until,
  waitForCamera, waitForKiosk, type IssuedPass, type KioskScene, type KioskServer,
} from './kiosk-support';

let server: KioskServer;
let browser: Browser;
let scene: KioskScene;
let passes: IssuedPass[];

describe('kiosk page: offline reload, scan, sync', { timeout: 300_000 }, () => {
  before(async () => {
    // Three passengers pass the camera one after another.
    scene = await startKioskScene({ seed: true, onCamera: 3 });
    ({ server, browser, passes } = scene);
  });

  after(() => scene?.close());

  it('works offline after one visit, records three passengers, syncs each exactly once', async () => {
    const context = await browser.newContext();
    await holdCameraBack(context);
    const page = await context.newPage();
    const consoleLines: string[] = [];
    const pageErrors: string[] = [];
    page.on('console', (m) => consoleLines.push(m.text()));
    page.on('pageerror', (e) => pageErrors.push(String(e)));

    // 1. One online visit: worker installed and precached, device registered, trust downloaded.
    await setUpKiosk(page, `${server.url}/kiosk/?checkpoint=HN-TEST-01&officer=CA-TEST-1`);
    await waitForKiosk(page, { offlineReady: true, trust: true });
    const manifestHref = await page.getAttribute('link[rel="manifest"]', 'href');
    assert.equal(manifestHref, '/kiosk/manifest.webmanifest');
    const manifest = (await (await page.request.get(`${server.url}${manifestHref}`)).json()) as { scope: string; start_url: string; icons: { src: string }[] };
    assert.equal(manifest.scope, '/kiosk/');
    assert.ok(manifest.icons.some((i) => i.src.endsWith('icon-512.png')));
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL), `${server.url}/kiosk/sw.js`);

    // 2. Network off, reload: the page, its workers and the .wasm come from the precache.
    await releaseCamera(page);
    await context.setOffline(true);
    await page.reload();
    await waitForKiosk(page);
    assert.equal(await page.evaluate(() => navigator.onLine), false);
    await waitForCamera(page);

    // 3. Three passengers shown one after another: each verified and recorded, no key pressed.
    await page.waitForFunction(() => {
      const v = window.ckKiosk.checkpoint.vehicle;
      return v.length === 3 && v.every((e) => e.state === 'saved');
    }, null, { timeout: 60_000 });
    const vehicle = await page.evaluate(() => window.ckKiosk.checkpoint.vehicle.map((e) => ({
      status: e.status, decision: e.decision, automatic: e.automatic, flags: e.flags.map((f) => f.code), passId: e.key?.passId, name: e.pass?.declaration.fullName,
    })));
    assert.deepEqual(vehicle.map((e) => e.passId), passes.map((p) => p.passId));
    assert.deepEqual(vehicle.map((e) => e.status), ['valid', 'valid', 'valid']);
    // The second traveller comes from a ward the signed trust bundle lists as a high-risk area.
    assert.deepEqual(vehicle.map((e) => e.decision), ['allow', 'refer', 'allow']);
    assert.deepEqual(vehicle[1]?.flags, ['risk-area']);
    assert.deepEqual(vehicle.map((e) => e.name), passes.map((p) => p.declaration.fullName));
    const panel = await page.locator('ck-checkpoint .verdict').innerText();
    assert.match(panel, /HỢP LỆ/);
    assert.match(panel, new RegExp(passes[2]?.declaration.idNumber ?? 'missing'));

    // The kiosk takes the shortcuts from the whole page (nothing focused): N starts the next
    // vehicle. The looping clip may bring a passenger back at once: only as a re-scan.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('n');
    assert.ok(await page.evaluate(() => window.ckKiosk.checkpoint.vehicle.every((e) => e.state === 'rescan' || e.state === 'checking')));

    // The clip loops: the first passenger shows up again and is not recorded twice.
    await page.waitForTimeout(4000);
    assert.deepEqual(await kioskCounts(page), { pending: 3, synced: 0, quarantined: 0 });

    // Nothing personal in the outbox (the names, ID numbers and dates of birth were on screen).
    const stored = await page.evaluate(() => window.ckKiosk.store.recentPassages(100));
    const storedText = JSON.stringify(stored);
    for (const p of passes) {
      for (const value of [p.declaration.fullName, p.declaration.idNumber, p.declaration.dateOfBirth, p.declaration.phone]) {
        assert.ok(!storedText.includes(value), `outbox holds personal data: ${value}`);
      }
    }

    // 4. Back online: the engine syncs on the online event.
    await context.setOffline(false);
    await until(async () => (await kioskCounts(page)).pending === 0, 45_000, 'pending never reached 0');
    assert.deepEqual(await kioskCounts(page), { pending: 0, synced: 3, quarantined: 0 });

    // 5. The portal holds each passage exactly once, chained without a gap.
    const deviceId = await page.evaluate(async () => (await window.ckKiosk.store.device()).deviceId);
    const state = await api<{ counts: { duplicateCommits: number }; device: { count: number; minSeq: number; maxSeq: number; missingSeq: number } }>(server.url, `/__state?deviceId=${deviceId}`);
    assert.deepEqual(state.device, { count: 3, minSeq: 1, maxSeq: 3, missingSeq: 0 });
    assert.equal(state.counts.duplicateCommits, 0);
    const records = (await page.evaluate(() => window.ckKiosk.store.recentPassages(100))) as unknown as PassageRecord[];
    for (const p of passes) {
      const route = await api<PassRoute>(server.url, `/passes/${p.passId}/route`);
      const ours = route.passages.filter((r) => r.deviceId === deviceId);
      assert.equal(ours.length, 1, `pass ${p.passId} held ${ours.length} times`);
      assert.equal(ours[0]?.id, records.find((r) => r.passId === p.passId)?.id);
    }
    const chain = verifyPassageChain([...records].sort((a, b) => a.seq - b.seq));
    assert.ok(chain.ok, JSON.stringify(chain));
    assert.equal((await page.evaluate(() => window.ckKiosk.store.verifyChain())).ok, true);

    // The screen says so too.
    await page.waitForFunction(() => /0 lượt chờ gửi/.test(window.ckKiosk.checkpoint.shadowRoot?.querySelector('ck-sync-status')?.shadowRoot?.textContent ?? ''));

    // Nothing personal was written to the console, and no script error happened.
    const logged = consoleLines.join('\n');
    for (const p of passes) assert.ok(!logged.includes(p.declaration.fullName) && !logged.includes(p.declaration.idNumber), 'personal data in the console');
    assert.deepEqual(pageErrors, []);
    await context.close();
  });
});
