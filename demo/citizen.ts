// The citizen page: declare a movement, receive the signed pass, keep it for offline use.
import '../src/elements/ck-declaration-form/ck-declaration-form';
import '../src/elements/ck-pass/ck-pass';
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
