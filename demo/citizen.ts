// The citizen page: declare a movement, receive the signed pass, keep it for offline use.
import '../src/elements/ck-declaration-form/ck-declaration-form';
import '../src/elements/ck-pass/ck-pass';
import type { CkPass } from '../src/elements/ck-pass/ck-pass.component';
import { Workbox } from 'workbox-window';
import { initDemoShell } from './shared/demo-shell';

// The administrative-unit catalogue (docs/units.md), generated from the statistics office's
// catalogue by the demo build (test/tools/units.mjs); each province's file loads when chosen.
const UNITS_URL = '/units/2021-07/index.json';

// The demo backend's issuer identifier (public; the keys come from /api/.well-known/jwks.json).
const DEMO_ISSUER = 'https://portal.demo.checkpoint-kit.invalid';

initDemoShell();

const form = document.querySelector('ck-declaration-form');
if (form) form.unitsSrc = UNITS_URL;

const pass = document.querySelector('ck-pass');
const hint = document.getElementById('no-pass');
if (pass) {
  pass.issuer = DEMO_ISSUER;
  pass.unitsSrc = UNITS_URL;
  form?.addEventListener('ck-pass-issued', (event) => {
    pass.lastKept = false;
    pass.pass = event.detail.qrText;
    if (hint) hint.hidden = true;
    showFamilyPasses(pass, event.detail.passes ?? []);
    // On a phone the pass is below the long form: bring it into view and move focus to its
    // heading, so a screen reader reads it next (the heading is focusable by script only).
    const heading = document.getElementById('pass-heading');
    void pass.updateComplete.then(() => {
      heading?.focus({ preventScroll: true });
      (heading ?? pass).scrollIntoView({ block: 'start' });
    });
  });
}

/**
 * A family in one car: the declarant's pass is the first; each person travelling with them gets
 * their own <ck-pass> beside it, and the sheet prints on one A4 page (two by two, each with its
 * own name and a 5 cm QR code).
 */
function showFamilyPasses(first: CkPass, passes: readonly { qrText: string }[]): void {
  const sheet = document.getElementById('pass-sheet');
  const printButton = document.getElementById('print-sheet');
  if (!sheet) return;
  for (const old of sheet.querySelectorAll('ck-pass[data-member]')) old.remove();
  passes.slice(1).forEach((member, i) => {
    const el = document.createElement('ck-pass');
    el.dataset.member = String(i + 1);
    el.issuer = first.issuer;
    el.unitsSrc = first.unitsSrc;
    el.keysSrc = first.keysSrc;
    el.pass = member.qrText;
    sheet.append(el);
  });
  if (printButton) printButton.hidden = passes.length < 2;
}

document.getElementById('print-sheet')?.addEventListener('click', () => {
  document.body.dataset.printing = 'sheet';
  window.addEventListener('afterprint', () => delete document.body.dataset.printing, { once: true });
  window.print();
});

/**
 * Printed from the browser's own menu (or exported to PDF) while a pass is shown: the passes are
 * what prints — one A4 page — not the long form beside them. A print started by a pass's own
 * button (its PrintController marks that pass) or by "print all" is left as it is.
 */
window.addEventListener('beforeprint', () => {
  if (document.body.dataset.printing !== undefined || document.querySelector('[data-ck-printing]')) return;
  if (![...document.querySelectorAll('ck-pass')].some((p) => p.passDetails)) return;
  document.body.dataset.printing = 'sheet';
  window.addEventListener('afterprint', () => delete document.body.dataset.printing, { once: true });
});

/**
 * Registers the citizen page's service worker (production builds; the dev server has none):
 * after this first visit the page opens with the network off (demo/citizen/sw.ts).
 */
async function registerWorker(): Promise<void> {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  const base = import.meta.env.BASE_URL;
  await new Workbox(`${base}citizen-sw.js`, { scope: base }).register();
  await navigator.serviceWorker.ready;
  document.documentElement.dataset.offlineReady = 'true';
}

registerWorker().catch((error: unknown) => console.error('citizen: service worker registration failed', (error as Error).message));
