/// <reference types="node" />
// A family in one car on the citizen page (issue 15, item 3), production build under
// `vite preview`: the declarant adds three people travelling with her (a husband, a child and a
// grandmother without phones), enters the route once, submits once → four passes, each with its
// own name. "Print all" lays them out on ONE A4 page (PDF page count), each QR code printed at
// ≥ 5 cm (measured in the print layout), and each QR code, cut from the printed rendering,
// decodes back and verifies valid — as a kiosk scans them one by one. The single pass printed on
// an A6 label keeps its 5 cm QR code too.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { DEMO_TRUST_ANCHOR_PUBLIC_JWKS } from '../../demo/backend/demo-keys';
import { readTrustBundle, trustStoreInit } from '../../src/core/trust-bundle';
import { createTrustStore } from '../../src/core/trust-store';
import { verifyPass } from '../../src/core/verify';
import { familyOfFour } from '../fixtures/family';
import { launchChromium } from '../tools/browser';
import { previewDemo, type PreviewedDemo } from '../tools/demo-server';
import { api } from './kiosk-support';

prepareZXingModule({ overrides: { wasmBinary: readFileSync(join(process.cwd(), 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm')) } });

let server: PreviewedDemo;
let browser: Browser;

const MM_PER_CSS_PX = 25.4 / 96;
/** A4 minus the sheet's 10 mm margins, in CSS px (the width print layout gets). */
const A4_CONTENT_PX = Math.round((210 - 20) / MM_PER_CSS_PX);
/** A6 label minus 4 mm margins. */
const A6_CONTENT_PX = Math.round((105 - 8) / MM_PER_CSS_PX);

async function fillCompanion(page: Page, index: number, person: ReturnType<typeof familyOfFour>[number]): Promise<void> {
  const field = (name: string) => page.locator(`ck-declaration-form [data-field="companions.${index}.${name}"]`);
  await field('fullName').fill(person.fullName);
  await page.locator(`ck-declaration-form input[data-field="companions.${index}.idType"][value="${person.idType}"]`).check();
  await field('idNumber').fill(person.idNumber);
  await field('dateOfBirth').fill(person.dateOfBirth);
  await page.locator(`ck-declaration-form input[data-field="companions.${index}.gender"][value="${person.gender}"]`).check();
  for (const s of person.health.symptoms) await page.locator(`ck-declaration-form input[data-field="companions.${index}.health.symptoms"][value="${s}"]`).check();
  await page.locator(`ck-declaration-form input[data-field="companions.${index}.health.contactWithCase"][value="${person.health.contactWithCase ? 'yes' : 'no'}"]`).check();
  if (person.vaccination) {
    await field('vaccination.doses').selectOption(String(person.vaccination.doses));
    await field('vaccination.lastDoseDate').fill(person.vaccination.lastDoseDate);
  }
}

/** Each visible pass's QR box: its printed size (mm) and a screenshot of it (PNG). */
async function qrBoxes(page: Page): Promise<{ widthMm: number; heightMm: number; png: Buffer }[]> {
  const boxes = page.locator('ck-pass .qr-box');
  const out: { widthMm: number; heightMm: number; png: Buffer }[] = [];
  for (let i = 0; i < (await boxes.count()); i++) {
    const box = boxes.nth(i);
    const rect = await box.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
    out.push({ widthMm: rect.width * MM_PER_CSS_PX, heightMm: rect.height * MM_PER_CSS_PX, png: await box.screenshot() });
  }
  return out;
}

async function decode(png: Buffer): Promise<string> {
  const [result] = await readBarcodes(new Uint8Array(png), { formats: ['QRCode'], tryHarder: true });
  return result?.text ?? '';
}

describe('citizen page: a family in one car (production build)', { timeout: 300_000 }, () => {
  before(async () => {
    server = await previewDemo({ tempPrefix: 'ck-family-dist-' });
    browser = await launchChromium();
    await api(server.url, '/__reset', { body: { seed: false } });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('four people, one submission, four passes on one printed A4 sheet that a kiosk verifies one by one', async () => {
    // 300 dpi-ish rendering, so the printed QR codes are read from a print-like raster.
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 }, deviceScaleFactor: 3 });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => (document.querySelector('ck-declaration-form')?.shadowRoot?.querySelectorAll('input, select').length ?? 0) > 8);

    const family = familyOfFour();
    const [declarant, ...others] = family;
    assert.ok(declarant);
    await page.evaluate((value) => {
      const form = document.querySelector('ck-declaration-form');
      if (form) form.prefill = value;
    }, declarant);
    for (const [i, person] of others.entries()) {
      await page.locator('ck-declaration-form [data-ui="add-companion"]').click();
      // Focus moves to the new person's name.
      assert.equal(
        await page.evaluate(() => (document.querySelector('ck-declaration-form')?.shadowRoot?.activeElement as HTMLElement | null)?.dataset.field),
        `companions.${i}.fullName`,
      );
      await fillCompanion(page, i, person);
    }
    const issued = page.evaluate(
      () =>
        new Promise<{ passId: string; passes: { passId: string; qrText: string }[] }>((resolve, reject) => {
          setTimeout(() => reject(new Error('no passes issued')), 30_000);
          document.querySelector('ck-declaration-form')?.addEventListener('ck-pass-issued', (e) => resolve({ passId: e.detail.passId, passes: e.detail.passes ?? [] }), { once: true });
        }),
    );
    await page.locator('ck-declaration-form [part~="submit"]').click();
    const { passes } = await issued;
    assert.equal(passes.length, 4, 'one pass each');
    const counts = (await api<{ counts: { passes: number; declarations: number } }>(server.url, '/__state')).counts;
    assert.equal(counts.passes, 4, 'issued once');

    // Four <ck-pass>, each valid and showing its own person's name.
    await page.waitForFunction(() => {
      const all = [...document.querySelectorAll('ck-pass')];
      return all.length === 4 && all.every((p) => p.state === 'valid' && p.shadowRoot?.querySelector('.qr-box svg'));
    }, null, { timeout: 30_000 });
    const names = await page.evaluate(() => [...document.querySelectorAll('ck-pass')].map((p) => p.shadowRoot?.querySelector('.name')?.textContent?.trim()));
    assert.deepEqual(names, family.map((d) => d.fullName));
    assert.equal(await page.locator('#print-sheet').isVisible(), true);

    await page.evaluate(() => (document.body.dataset.printing = 'sheet'));
    // The same print layout, measured: each QR ≥ 5 cm, each decoded back and verified in turn.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: A4_CONTENT_PX, height: 1400 });
    const boxes = await qrBoxes(page);
    assert.equal(boxes.length, 4);
    const read = await readTrustBundle(await (await fetch(`${server.url}/api/trust-bundle`)).text(), DEMO_TRUST_ANCHOR_PUBLIC_JWKS);
    assert.ok(read.ok);
    const trust = await createTrustStore(trustStoreInit(read.bundle));
    const sheetBottom = await page.evaluate(() => document.getElementById('pass-sheet')?.getBoundingClientRect().bottom ?? 0);
    console.log(`family sheet: ${boxes.map((b) => `${b.widthMm.toFixed(1)}×${b.heightMm.toFixed(1)} mm`).join(', ')}; sheet height ${(sheetBottom * MM_PER_CSS_PX).toFixed(0)} mm of 277`);
    for (const [i, box] of boxes.entries()) {
      assert.ok(box.widthMm >= 49.5 && box.heightMm >= 49.5, `QR ${i} printed at ${box.widthMm.toFixed(1)} mm`);
      const text = await decode(box.png);
      assert.equal(text, passes[i]?.qrText, `QR ${i} decodes back`);
      const verdict = await verifyPass(text, trust);
      assert.equal(verdict.status, 'valid');
      assert.equal(verdict.pass?.declaration.fullName, family[i]?.fullName);
    }

    // "Print all": one A4 page.
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.equal(pages, 1, `the family sheet prints on ${pages} pages`);

    // An A6 label (one pass, the narrow layout): still a 5 cm QR code that decodes.
    await page.evaluate(() => delete document.body.dataset.printing);
    await page.setViewportSize({ width: A6_CONTENT_PX, height: 1400 });
    const [label] = await qrBoxes(page);
    assert.ok(label && label.widthMm >= 49.5, `A6: QR ${label?.widthMm.toFixed(1)} mm`);
    assert.equal(await decode(label.png), passes[0]?.qrText);
    console.log(`A6 label: QR ${label.widthMm.toFixed(1)} mm`);

    assert.deepEqual(pageErrors, []);
    await context.close();
  });
});
