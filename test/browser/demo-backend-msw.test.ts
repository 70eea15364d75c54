// demo/backend/msw-browser.ts: the seeded demo backend behind msw's service worker, as the
// static demo build uses it.
import { expect } from '@open-wc/testing';
import { readTrustBundle } from '../../src/core/trust-bundle';
import { fetchWardMovements } from '../../src/api/movements';
import { DEMO_TRUST_ANCHOR_PUBLIC_JWKS } from '../../demo/backend/demo-keys';
import { startDemoWorker, type DemoWorker } from '../../demo/backend/msw-browser';

let demo: DemoWorker;
before(async () => {
  demo = await startDemoWorker();
});
after(() => demo.stop());

it('serves the seeded contract in the page: state, a verifiable trust bundle, ward movements', async () => {
  const state = (await (await fetch('/api/__state')).json()) as { counts: { passes: number; passages: number } };
  expect(state.counts).to.deep.include({ passes: 4, passages: 6 });
  const bundle = await readTrustBundle(await (await fetch('/api/trust-bundle')).text(), DEMO_TRUST_ANCHOR_PUBLIC_JWKS);
  expect(bundle.ok && bundle.bundle.riskAreas.map((a) => a.unitCode)).to.deep.equal(['09289', '00157']);
  // The seed's passages are minutes to hours old: in the first hours after midnight in Vietnam
  // some lie on the day before, so the two days together hold every one of the ward's.
  let items = 0;
  for (const back of [0, 1]) {
    const date = new Date(Date.now() + 7 * 3_600_000 - back * 86_400_000).toISOString().slice(0, 10);
    const page = await fetchWardMovements('/api', { unitCode: '09289', date });
    expect(page.notModified).to.equal(false);
    if (!page.notModified) items += page.page.items.length;
  }
  expect(items).to.be.greaterThan(0);
});

it('drops a connection on request (fetch rejects) through the service worker', async () => {
  await fetch('/api/__faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ dropNext: 1 }) });
  let failed: unknown;
  try {
    await fetch('/api/.well-known/jwks.json');
  } catch (error) {
    failed = error;
  }
  expect(failed).to.be.instanceOf(TypeError);
  expect((await fetch('/api/.well-known/jwks.json')).status).to.equal(200);
});
