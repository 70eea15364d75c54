/// <reference types="node" />
// The citizen page is axe clean once a declaration is submitted and its pass is shown (the form's
// confirmation with health advice, the pass beside or below it), at phone (390×844) and desktop
// size, in Vietnamese and English, light and dark — production build under `vite preview`.
// axe-core is injected from node_modules (the page's CSP allows no outside script; the test
// context bypasses it for axe alone).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { referenceDeclaration } from '../fixtures/reference';
import { launchChromium } from '../tools/browser';
import { previewDemo, type PreviewedDemo } from '../tools/demo-server';
import { api } from './kiosk-support';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let server: PreviewedDemo;
let browser: Browser;

interface Violation {
  id: string;
  nodes: { target: unknown[] }[];
}

describe('citizen page: axe after submit, pass shown (production build)', { timeout: 300_000 }, () => {
  before(async () => {
    server = await previewDemo({ tempPrefix: 'ck-citizen-axe-' });
    browser = await launchChromium();
    await api(server.url, '/__reset', { body: { seed: false } });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const size of [{ name: 'phone', width: 390, height: 844 }, { name: 'desktop', width: 1280, height: 900 }]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`${size.name}, ${colorScheme}: vi and en`, async () => {
        const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: size.width, height: size.height }, colorScheme, bypassCSP: true });
        const page = await context.newPage();
        await page.goto(`${server.url}/`);
        await page.waitForFunction(() => (document.querySelector('ck-declaration-form')?.shadowRoot?.querySelectorAll('input, select').length ?? 0) > 8);
        const issued = page.evaluate(
          () =>
            new Promise<void>((resolve, reject) => {
              setTimeout(() => reject(new Error('no pass issued')), 30_000);
              document.querySelector('ck-declaration-form')?.addEventListener('ck-pass-issued', () => resolve(), { once: true });
            }),
        );
        // Symptoms declared: the confirmation and the pass carry health advice too.
        const declaration = referenceDeclaration();
        declaration.health = { ...declaration.health, symptoms: ['fever'] };
        await page.evaluate((value) => {
          const form = document.querySelector('ck-declaration-form');
          if (form) form.prefill = value;
        }, declaration);
        await page.locator('ck-declaration-form [part~="submit"]').click();
        await issued;
        await page.waitForFunction(() => document.querySelector('ck-pass')?.state === 'valid', null, { timeout: 30_000 });
        await page.addScriptTag({ path: AXE_PATH });
        for (const lang of ['vi', 'en']) {
          await page.locator(`.demo-lang button[data-lang="${lang}"]`).click();
          await page.waitForFunction((l) => document.documentElement.lang === l, lang);
          const violations = await page.evaluate(async () => {
            const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
            const result = await axe.run(document, { resultTypes: ['violations'] });
            return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3) }));
          });
          assert.deepEqual(violations, [], `${size.name} ${colorScheme} ${lang}: ${JSON.stringify(violations)}`);
        }
        await context.close();
      });
    }
  }
});
