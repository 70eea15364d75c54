// The consumer app every bundler test builds: imports the kit by its package name only, as a
// portal would, then reports to the test through `window.result`.
import 'checkpoint-kit/elements/ck-declaration-form.js';
import 'checkpoint-kit/elements/ck-pass.js';
import 'checkpoint-kit/elements/ck-scanner.js';
import 'checkpoint-kit/elements/ck-checkpoint.js';
import 'checkpoint-kit/elements/ck-sync-status.js';
import 'checkpoint-kit/elements/ck-route.js';
import 'checkpoint-kit/elements/ck-ward-inbox.js';
import 'checkpoint-kit/elements/ck-exposure.js';
import 'checkpoint-kit/elements/ck-checkpoint-stats.js';
import { createTrustStore, verifyPass } from 'checkpoint-kit/core';
import { createDecoder } from 'checkpoint-kit/scanner';
import { KioskStore } from 'checkpoint-kit/kiosk';

const TAGS = ['ck-declaration-form', 'ck-pass', 'ck-scanner', 'ck-checkpoint', 'ck-sync-status', 'ck-route', 'ck-ward-inbox', 'ck-exposure', 'ck-checkpoint-stats'];

async function run() {
  const undefinedTags = TAGS.filter((tag) => !customElements.get(tag));
  const unrendered = [];
  for (const tag of TAGS) {
    const el = document.createElement(tag);
    el.setAttribute('lang', 'en');
    document.body.append(el);
    await el.updateComplete;
    if (!el.shadowRoot || el.shadowRoot.childElementCount === 0) unrendered.push(tag);
  }
  const init = await (await fetch('./trust.json')).json();
  const trust = await createTrustStore({ ...init, updatedAt: new Date(init.updatedAt) });
  const decoder = createDecoder();
  try {
    const info = await decoder.ready;
    const texts = await decoder.decodeBlob(await (await fetch('./pass.bmp')).blob());
    const verdict = await verifyPass(texts[0] ?? '', trust);
    // The pass shown by <ck-pass> (qr-code-styling draws it) and a kiosk device identity kept in
    // IndexedDB (Dexie, WebCrypto, uuid): the dependencies at work, not only loaded.
    const pass = document.querySelector('ck-pass');
    pass.pass = texts[0] ?? '';
    let qr = null;
    for (let i = 0; i < 100 && !qr; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      qr = pass.shadowRoot.querySelector('.qr-box svg, .qr-box canvas');
    }
    const device = await new KioskStore('consumer-test').device();
    return {
      undefinedTags,
      unrendered,
      version: info.version,
      decoded: texts.length,
      status: verdict.status,
      qrDrawn: qr !== null,
      deviceId: /^[0-9a-f-]{36}$/.test(device.deviceId),
    };
  } finally {
    decoder.close();
  }
}

run().then(
  (result) => (window.result = result),
  (error) => (window.result = { error: String(error) }),
);
