// The consumer app every bundler test builds: imports the kit by its package name only, as a
// portal would, then reports to the test through `window.result`.
import 'checkpoint-kit/elements/ck-declaration-form.js';
import 'checkpoint-kit/elements/ck-pass.js';
import 'checkpoint-kit/elements/ck-scanner.js';
import 'checkpoint-kit/elements/ck-checkpoint.js';
import 'checkpoint-kit/elements/ck-sync-status.js';
import 'checkpoint-kit/elements/ck-route.js';
import 'checkpoint-kit/elements/ck-ward-inbox.js';
import { createTrustStore, verifyPass } from 'checkpoint-kit/core';
import { createDecoder } from 'checkpoint-kit/scanner';
import { KioskStore } from 'checkpoint-kit/kiosk';

const TAGS = ['ck-declaration-form', 'ck-pass', 'ck-scanner', 'ck-checkpoint', 'ck-sync-status', 'ck-route', 'ck-ward-inbox'];

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
    return { undefinedTags, unrendered, version: info.version, decoded: texts.length, status: verdict.status, kioskStore: typeof KioskStore };
  } finally {
    decoder.close();
  }
}

run().then(
  (result) => (window.result = result),
  (error) => (window.result = { error: String(error) }),
);
