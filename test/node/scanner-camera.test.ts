import { must } from '../fixtures/must';
/// <reference types="node" />
// <ck-scanner> against Chromium's fake camera: clips written here from passes issued here with a
// throw-away key. One browser per clip (the clip is a launch flag); all share one Vite server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../tools/browser';
import { startViteServer, type RunningServer } from '../tools/vite-server';
import { issuePass } from '../../src/core/issue';
import { verifyPass } from '../../src/core/verify';
import { createTrustStore } from '../../src/core/trust-store';
import type { TrustStoreInit } from '../../src/core/trust-store';
import { referenceDeclaration } from '../fixtures/reference';
import { testIssuer, type TestIssuer } from '../fixtures/test-issuer';
import { qrBmp, writeQrClip } from '../fixtures/camera-clips';

const DAY = 86_400_000;
let server: RunningServer;
let dir: string;
let issuer: TestIssuer;
let valid: string;
const browsers: Browser[] = [];

/** Changes one character near the end (inside the signature) until the core calls it a bad signature. */
async function tamper(text: string, trust: TrustStoreInit): Promise<string> {
  const store = await createTrustStore(trust);
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$%*+-./:';
  for (let back = 6; back < 40; back++) {
    const i = text.length - back;
    for (const ch of alphabet) {
      if (ch === text[i]) continue;
      const candidate = text.slice(0, i) + ch + text.slice(i + 1);
      if ((await verifyPass(candidate, store)).status === 'bad-signature') return candidate;
    }
  }
  throw new Error('no single-character change gave bad-signature');
}

async function openScanner(clip: string | null, options: { deny?: boolean } = {}): Promise<Page> {
  const file = clip ? join(dir, `${clip}.y4m`) : undefined;
  const browser = await launchChromium(options.deny ? { denyCamera: true } : { fakeVideoFile: must(file) });
  browsers.push(browser);
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('[page]', error));
  await page.goto(`${server.url}/test/pages/scanner-camera.html`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60_000 });
  return page;
}

async function firstScan(page: Page, trust: TrustStoreInit) {
  await page.evaluate((t) => window.ckTest.mount({ trust: t }), trust);
  await page.waitForFunction(() => window.ckTest.recorded.scans.length > 0, null, { timeout: 20_000 });
  return page.evaluate(() => {
    const s = window.ckTest.recorded.scans[0];
    return { text: s.text, status: s.verdict.status, name: s.verdict.pass?.declaration.fullName, reason: s.verdict.reason, timings: s.timings };
  });
}

describe('<ck-scanner> with a fake camera', { timeout: 180_000 }, () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ck-camera-'));
    issuer = await testIssuer();
    const now = Date.now();
    valid = await issuePass(referenceDeclaration(), issuer.signer);
    const expired = await issuePass(referenceDeclaration(new Date(now - 5 * DAY)), issuer.signer, {
      validFrom: new Date(now - 4 * DAY),
      validUntil: new Date(now - DAY),
    });
    const tampered = await tamper(valid, issuer.trust);
    await Promise.all([
      writeQrClip(join(dir, 'valid.y4m'), valid),
      writeQrClip(join(dir, 'expired.y4m'), expired),
      writeQrClip(join(dir, 'tampered.y4m'), tampered),
      writeQrClip(join(dir, 'none.y4m'), null),
    ]);
    server = await startViteServer();
  });

  after(async () => {
    await Promise.all(browsers.map((b) => b.close()));
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('valid pass → ck-scan valid with the declaration; untrusted issuer; upload; disconnect frees the camera', async () => {
    const page = await openScanner('valid');
    const scan = await firstScan(page, issuer.trust);
    assert.equal(scan.text, valid);
    assert.equal(scan.status, 'valid');
    assert.equal(scan.name, referenceDeclaration().fullName);
    assert.ok(scan.timings.totalMs >= scan.timings.decodeMs);

    // The same clip keeps showing the same code: nothing new within the debounce window.
    await page.waitForTimeout(1000);
    assert.equal(await page.evaluate(() => window.ckTest.recorded.scans.length), 1);

    // Chromium: frames come from the track, their timestamps mapped to performance.now() by an
    // offset that the frames the <video> presents (rVFC captureTime) confirm, none contradicting.
    const timing = await page.evaluate(() => window.ckTest.scanner().frameTiming);
    assert.equal(timing.source, 'track');
    assert.equal(timing.clock?.calibrated, true);
    assert.equal(timing.clock?.contradicted, 0);
    assert.ok((timing.clock?.matched ?? 0) >= 10, `matched ${timing.clock?.matched}`);
    assert.ok((timing.clock?.maxDeviationMs ?? Infinity) <= 0.5, `max deviation ${timing.clock?.maxDeviationMs} ms`);

    // Uploaded photo, same worker.
    const bmp = `data:image/bmp;base64,${qrBmp(valid).toString('base64')}`;
    assert.deepEqual(await page.evaluate((u) => window.ckTest.scanDataUrl(u), bmp), { text: valid, status: 'valid' });

    // Disconnect: every track the page was given has ended.
    assert.ok((await page.evaluate(() => window.ckTest.liveTracks())) > 0);
    await page.evaluate(() => window.ckTest.unmount());
    assert.equal(await page.evaluate(() => window.ckTest.liveTracks()), 0);
    assert.equal(await page.evaluate(() => window.ckTest.recorded.tracks.every((t) => t.readyState === 'ended')), true);

    // Another issuer's trust data: the same pass is from an untrusted issuer.
    const other = await testIssuer('https://other-issuer.test.invalid');
    await page.evaluate(() => (window.ckTest.recorded.scans.length = 0));
    const untrusted = await firstScan(page, other.trust);
    assert.equal(untrusted.status, 'untrusted-issuer');
    await page.evaluate(() => window.ckTest.unmount());
  });

  it('tampered pass → bad-signature', async () => {
    const scan = await firstScan(await openScanner('tampered'), issuer.trust);
    assert.equal(scan.status, 'bad-signature');
  });

  it('expired pass → expired', async () => {
    const scan = await firstScan(await openScanner('expired'), issuer.trust);
    assert.equal(scan.status, 'expired');
  });

  it('a clip with no code → no ck-scan while the camera runs', async () => {
    const page = await openScanner('none');
    await page.evaluate((t) => window.ckTest.mount({ trust: t }), issuer.trust);
    await page.waitForFunction(() => window.ckTest.liveTracks() > 0, null, { timeout: 10_000 });
    await page.waitForTimeout(3000);
    assert.equal(await page.evaluate(() => window.ckTest.recorded.scans.length), 0);
    assert.deepEqual(await page.evaluate(() => window.ckTest.recorded.errors), []);
    assert.ok((await page.evaluate(() => window.ckTest.liveTracks())) > 0, 'camera still live');
  });

  it('permission denied → the error state, ck-scanner-error and both fallbacks visible', async () => {
    const page = await openScanner(null, { deny: true });
    await page.evaluate(() => window.ckTest.mount({ lang: 'en' }));
    await page.waitForFunction(() => window.ckTest.recorded.errors.length > 0, null, { timeout: 10_000 });
    assert.equal(await page.evaluate(() => window.ckTest.recorded.errors[0].code), 'permission-denied');
    assert.match(await page.evaluate(() => window.ckTest.alertText()), /Camera access was not allowed/);
    assert.equal(await page.evaluate(() => window.ckTest.visible('#manual')), true);
    assert.equal(await page.evaluate(() => window.ckTest.visible('label[for="upload"]')), true);
    assert.equal(await page.evaluate(() => window.ckTest.liveTracks()), 0);
  });
});
