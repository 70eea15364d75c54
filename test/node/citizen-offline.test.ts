/// <reference types="node" />
// The citizen page as a person meets it (issue 15): one online visit installs the page's service
// worker, a declaration is sent and its pass kept; then the network goes away and the page is
// reloaded — it opens from the precache and shows the kept pass, checked with the cached keys and
// with its wards named. A second declaration made while offline waits in the form's outbox and is
// sent exactly once when the network is back (the portal holds it once; a reload adds nothing).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { Declaration } from '../../src/core/declaration';
import { referenceDeclaration } from '../fixtures/reference';
import { launchChromium } from '../tools/browser';
import { previewDemo, type PreviewedDemo } from '../tools/demo-server';
import { api, until } from './kiosk-support';

let server: PreviewedDemo;
let browser: Browser;

interface Counts {
  declarations: number;
  passes: number;
}

async function portalCounts(): Promise<Counts> {
  return (await api<{ counts: Counts }>(server.url, '/__state')).counts;
}

/** Resolves with the next pass the form issues on this page (rejects after `ms`). */
function nextIssued(page: Page, ms = 30_000): Promise<{ passId: string }> {
  return page.evaluate(
    (timeout) =>
      new Promise<{ passId: string }>((resolve, reject) => {
        setTimeout(() => reject(new Error('no pass issued')), timeout);
        document.querySelector('ck-declaration-form')?.addEventListener('ck-pass-issued', (event) => resolve({ passId: event.detail.passId }), { once: true });
      }),
    ms,
  );
}

async function fillAndSubmit(page: Page, declaration: Declaration): Promise<void> {
  await page.evaluate((value) => {
    const form = document.querySelector('ck-declaration-form');
    if (form) form.prefill = value;
  }, declaration);
  await page.locator('ck-declaration-form [part~="submit"]').click();
}

/** What ck-pass shows: the pass id read from the QR, its state, and the text of its summary. */
async function shownPass(page: Page): Promise<{ passId: string | undefined; state: string | undefined; summary: string }> {
  return page.evaluate(() => {
    const pass = document.querySelector('ck-pass');
    return {
      passId: pass?.passDetails?.passId,
      state: pass?.state,
      summary: pass?.shadowRoot?.querySelector('[part~="summary"]')?.textContent?.replace(/\s+/g, ' ') ?? '',
    };
  });
}

describe('citizen page offline (production build, service worker)', { timeout: 240_000 }, () => {
  before(async () => {
    server = await previewDemo({ tempPrefix: 'ck-citizen-dist-' });
    browser = await launchChromium();
    await api(server.url, '/__reset', { body: { seed: false } });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reopens offline with the kept pass, and sends an offline declaration exactly once when back', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));

    // 1. One online visit: the worker installs and takes control of the page.
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => document.documentElement.dataset.offlineReady === 'true' && navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL), `${server.url}/citizen-sw.js`);

    // 2. A declaration sent online: the pass is shown (and kept by the form).
    const first = referenceDeclaration();
    const issuedFirst = nextIssued(page);
    await fillAndSubmit(page, first);
    const { passId: firstId } = await issuedFirst;
    await page.waitForFunction(() => /Phường Hàng Trống/.test(document.querySelector('ck-pass')?.shadowRoot?.textContent ?? ''), null, { timeout: 20_000 });
    assert.equal((await portalCounts()).declarations, 1);

    // 3. Network off, reload: the page comes from the precache, the kept pass from IndexedDB, its
    // signature is checked with the cached keys and its wards are named from the cached catalogue.
    await context.setOffline(true);
    await page.reload();
    assert.equal(await page.evaluate(() => navigator.onLine), false);
    await page.waitForFunction(() => {
      const pass = document.querySelector('ck-pass');
      return pass?.passDetails !== undefined && pass.state !== undefined;
    }, null, { timeout: 30_000 });
    const kept = await shownPass(page);
    assert.equal(kept.passId, firstId);
    assert.ok(kept.state === 'valid' || kept.state === 'not-yet-valid', `state ${kept.state}: verified offline`);
    assert.match(kept.summary, new RegExp(first.fullName));
    await page.waitForFunction(() => /Phường Hàng Trống/.test(document.querySelector('ck-pass')?.shadowRoot?.textContent ?? '') && /Xã Ngọc Xá/.test(document.querySelector('ck-pass')?.shadowRoot?.textContent ?? ''), null, { timeout: 10_000 });
    await page.locator('ck-pass [part~="qr-code"] svg').first().waitFor({ state: 'visible', timeout: 10_000 });

    // 4. Still offline: a second person declares. The form keeps it in its outbox.
    await page.waitForFunction(() => (document.querySelector('ck-declaration-form')?.shadowRoot?.querySelectorAll('input, select').length ?? 0) > 8);
    const second: Declaration = { ...referenceDeclaration(), fullName: 'Phạm Văn Đồng', idNumber: '001087006543', dateOfBirth: '1987-02-11', gender: 'male' };
    const issuedSecond = nextIssued(page);
    await fillAndSubmit(page, second);
    // The browser knows it is offline: nothing is tried, the form says it waits for the network.
    await page.waitForFunction(() => /Đang chờ mạng/.test(document.querySelector('ck-declaration-form')?.shadowRoot?.querySelector('.state.waiting')?.textContent ?? ''), null, { timeout: 20_000 });
    await page.waitForTimeout(1500);
    assert.equal((await portalCounts()).declarations, 1, 'nothing reached the portal while offline');

    // 5. Back online: sent once, the pass is shown.
    await context.setOffline(false);
    const { passId: secondId } = await issuedSecond;
    assert.notEqual(secondId, firstId);
    await until(async () => (await shownPass(page)).passId === secondId, 20_000, 'the second pass is not shown');
    assert.match((await shownPass(page)).summary, /Phạm Văn Đồng/);
    // Another online event and a reload send nothing more.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.reload();
    await page.waitForFunction(() => document.querySelector('ck-pass')?.passDetails !== undefined, null, { timeout: 20_000 });
    await page.waitForTimeout(1500);
    const counts = await portalCounts();
    assert.equal(counts.declarations, 2, 'each declaration held exactly once');
    assert.equal(counts.passes, 2);

    assert.deepEqual(pageErrors, []);
    await context.close();
  });
});
