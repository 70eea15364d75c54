// The citizen page: declare a movement, receive the signed pass, keep it for offline use.
import '../src/elements/ck-declaration-form/ck-declaration-form';
import '../src/elements/ck-pass/ck-pass';
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
