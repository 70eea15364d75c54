/// <reference types="node" />
// Strict CSP (issue 7): the three demo pages, production build under `vite preview` (which sends
// STRICT_CSP from vite.config.ts), load and work — the citizen page renders the form and a pass,
// the kiosk page scans a pass from the (fake) camera and records it, the ward page shows rows —
// with no `securitypolicyviolation` event and no CSP refusal on the console.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { vietnamDate } from '../../src/core/dates';
import { STRICT_CSP } from '../../vite.config';
import { setUpKiosk, startKioskScene, travellers, waitForKiosk, type IssuedPass, type KioskScene } from './kiosk-support';
import { cspConsoleLines, cspViolations, recordPage, watchCsp, type PageLog } from './prove-support';
import type { PreviewedDemo } from '../tools/demo-server';

let demo: PreviewedDemo;
let browser: Browser;
let pass: IssuedPass;
let scene: KioskScene;

async function openWatched(path: string): Promise<{ context: BrowserContext; page: Page; log: PageLog }> {
  const context = await browser.newContext({ locale: 'vi-VN' });
  await watchCsp(context);
  const page = await context.newPage();
  const log = recordPage(page);
  if (path.startsWith('/kiosk/?')) await setUpKiosk(page, `${demo.url}${path}`);
  else await page.goto(`${demo.url}${path}`);
  return { context, page, log };
}

/** No violation event, no CSP line on the console, no script error: the page ran as built. */
async function assertClean(page: Page, log: PageLog, what: string): Promise<void> {
  const violations = await cspViolations(page);
  assert.deepEqual(violations, [], `${what}: CSP violations ${JSON.stringify(violations, null, 1)}`);
  assert.deepEqual(cspConsoleLines(log), [], `${what}: CSP console lines`);
  assert.deepEqual(log.errors, [], `${what}: script errors`);
}

describe('strict CSP on the demo pages (production build, vite preview)', { timeout: 180_000 }, () => {
  before(async () => {
    scene = await startKioskScene({ seed: true, declarations: travellers().slice(0, 1), onCamera: 1, showSeconds: 2, gapSeconds: 0.4 });
    ({ server: demo, browser } = scene);
    [pass] = scene.passes as [IssuedPass];
  });

  after(() => scene?.close());

  it('sends the strict policy with every page', async () => {
    for (const path of ['/', '/kiosk/', '/ward/']) {
      const response = await fetch(`${demo.url}${path}`);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('content-security-policy'), STRICT_CSP, path);
    }
    // The policy really is strict: no inline script or style, no eval.
    assert.doesNotMatch(STRICT_CSP, /'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|(^|\s)\*(\s|;|$)/);
  });

  it('citizen page: the form renders and a pass renders (QR and summary)', async () => {
    const { context, page, log } = await openWatched('/');
    await page.waitForFunction(() => (document.querySelector('ck-declaration-form')?.shadowRoot?.querySelectorAll('input, select').length ?? 0) > 8, null, { timeout: 20_000 });
    await page.evaluate((qr) => {
      const el = document.querySelector('ck-pass') as (HTMLElement & { pass: string; lastKept: boolean }) | null;
      if (!el) throw new Error('no ck-pass');
      el.lastKept = false;
      el.pass = qr;
    }, pass.pass);
    // Verified with the issuer keys fetched from /api (connect-src 'self'), QR drawn as SVG.
    await page.waitForFunction(() => {
      const root = document.querySelector('ck-pass')?.shadowRoot;
      return (document.querySelector('ck-pass') as { state?: string } | null)?.state === 'valid' && root?.querySelector('.qr-box svg') !== null;
    }, null, { timeout: 20_000 });
    assert.equal(await page.locator('ck-pass .name').innerText(), pass.declaration.fullName);
    await assertClean(page, log, 'citizen page');
    await context.close();
  });

  it('kiosk page: scans a pass from the camera, shows the verdict and records the passage', async () => {
    const { context, page, log } = await openWatched('/kiosk/?checkpoint=HN-CSP-01&officer=CA-CSP-1');
    await waitForKiosk(page, { offlineReady: true, trust: true });
    await page.waitForFunction(() => window.ckKiosk.checkpoint.vehicle.some((e) => e.state === 'saved'), null, { timeout: 60_000 });
    assert.match(await page.locator('ck-checkpoint .verdict').innerText(), /HỢP LỆ/);
    const counts = await page.evaluate(() => window.ckKiosk.store.counts());
    assert.ok(counts.pending + counts.synced >= 1, JSON.stringify(counts));
    // The service worker, the decode and verify workers and the .wasm ran under the policy too.
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller !== null || document.documentElement.dataset.offlineReady === 'true'), true);
    // The scan frame is still sized (set through the CSSOM now, not a style attribute).
    const frame = await page.evaluate(() => {
      const region = window.ckKiosk.checkpoint.shadowRoot?.querySelector('ck-scanner')?.shadowRoot?.querySelector<HTMLElement>('.region');
      return region ? { size: getComputedStyle(region).getPropertyValue('--_region'), height: region.getBoundingClientRect().height, attr: region.getAttribute('style') } : null;
    });
    assert.ok(frame && /^\d+%$/.test(frame.size.trim()) && frame.height > 20, JSON.stringify(frame));
    await assertClean(page, log, 'kiosk page');
    await context.close();
  });

  it('ward page: shows the seeded rows and a route', async () => {
    // The seed places passages minutes to hours ago: in the first hours after midnight in
    // Vietnam they lie on the day before, so open the day that holds them.
    let day = '';
    for (const back of [0, 1]) {
      const candidate = vietnamDate(new Date(Date.now() - back * 86_400_000));
      const feed = (await (await fetch(`${demo.url}/api/wards/00070/movements?date=${candidate}`)).json()) as { items: unknown[] };
      if (feed.items.length > 0) {
        day = candidate;
        break;
      }
    }
    assert.ok(day, 'the demo seed has passages of ward 00070 today or yesterday');
    const { context, page, log } = await openWatched(`/ward/?unit=00070&date=${day}`);
    const rows = page.locator('ck-ward-inbox [role="row"][data-id]');
    await page.locator('ck-ward-inbox .list').scrollIntoViewIfNeeded({ timeout: 20_000 });
    await rows.first().waitFor({ timeout: 20_000 });
    assert.ok((await rows.count()) > 0);
    // Open a route from the inbox: the route view (timeline, export button) renders as well.
    await rows.first().locator('a').first().click();
    await page.locator('ck-route [part~="reason-input"]').fill('F1 của ca bệnh 4471');
    await page.locator('ck-route [part~="reason-input"]').press('Enter');
    await page.locator('ck-route li, ck-route tr').first().waitFor({ timeout: 20_000 });
    await assertClean(page, log, 'ward page');
    await context.close();
  });
});
