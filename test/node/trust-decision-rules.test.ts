/// <reference types="node" />
// Decision rules published in the signed trust bundle: by the reference server (admin, kept
// across publishes and restarts, `null` back to the defaults, bad rules → 400 with a code) and by
// the demo backend's test hook. A kiosk reading the bundle gets exactly the rules published.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decisionRulesOf, DEFAULT_DECISION_RULES, recommend, type DecisionRule } from '../../src/core/recommendation';
import { readTrustBundle, type TrustBundle } from '../../src/core/trust-bundle';
import { DEMO_TRUST_ANCHOR_PUBLIC_JWKS } from '../../demo/backend/demo-keys';
import { get, jsonRequest, newBackend } from './backend-support';
import { engines, freshPortal, req, signIn } from './server-support';

const PROVINCE_RULES: readonly DecisionRule[] = [
  { id: 'revoked', when: { kind: 'verdict', statuses: ['revoked'] }, action: 'invalid', decision: 'deny' },
  { id: 'card-required', when: { kind: 'id-card', results: ['none', 'mismatch'] }, action: 'check', decision: 'refer' },
  { id: 'positive', when: { kind: 'positive-test', withinDays: 14 }, action: 'deny-health', decision: 'deny' },
];

async function bundleOf(response: Response): Promise<TrustBundle> {
  assert.equal(response.status, 200);
  const r = await readTrustBundle(await response.text(), DEMO_TRUST_ANCHOR_PUBLIC_JWKS);
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.bundle;
}

for (const engine of engines()) {
  describe(`reference server publishes decision rules (${engine.name})`, () => {
    it('an admin sets them, they stay across later publishes, null returns to the defaults, bad rules are a 400', async () => {
      const portal = await freshPortal(engine);
      const first = await bundleOf(await portal.handle(req('/api/trust-bundle')));
      assert.equal(first.decisionRules, undefined);
      assert.equal(decisionRulesOf(first), DEFAULT_DECISION_RULES);

      const admin = await signIn(portal, 'admin1', 'admin', null);
      const set = await portal.handle(req('/api/admin/trust', { body: { decisionRules: PROVINCE_RULES }, cookie: admin }));
      assert.equal(set.status, 200, await set.clone().text());
      const withRules = await bundleOf(await portal.handle(req('/api/trust-bundle')));
      assert.deepEqual(withRules.decisionRules, PROVINCE_RULES);
      assert.equal(recommend({ status: 'valid', card: 'none', today: '2021-09-14' }, decisionRulesOf(withRules)).action, 'check');

      // A revocation later keeps the rules.
      await portal.publishTrust({ revokePassIds: ['AAAAAAAAAAAAAAAAAAAAAA'] });
      const later = await bundleOf(await portal.handle(req('/api/trust-bundle')));
      assert.deepEqual(later.decisionRules, PROVINCE_RULES);
      assert.ok(later.sequence > withRules.sequence);

      for (const bad of [[{ id: 'x', when: { kind: 'vaccinated' }, action: 'check', decision: 'refer' }], 'rules', [{ id: 'x' }]]) {
        const refused = await portal.handle(req('/api/admin/trust', { body: { decisionRules: bad }, cookie: admin }));
        assert.equal(refused.status, 400);
        const body = (await refused.json()) as { errors: { code: string }[] };
        assert.equal(body.errors[0]?.code, 'invalid-trust');
      }
      const unchanged = await bundleOf(await portal.handle(req('/api/trust-bundle')));
      assert.equal(unchanged.sequence, later.sequence, 'a refused change publishes nothing');

      const reset = await portal.handle(req('/api/admin/trust', { body: { decisionRules: null }, cookie: admin }));
      assert.equal(reset.status, 200);
      const back = await bundleOf(await portal.handle(req('/api/trust-bundle')));
      assert.equal(back.decisionRules, undefined);
    });

    it('only an admin may set them', async () => {
      const portal = await freshPortal(engine);
      const tracer = await signIn(portal, 'tracer1', 'tracer', '01');
      const r = await portal.handle(req('/api/admin/trust', { body: { decisionRules: PROVINCE_RULES }, cookie: tracer }));
      assert.equal(r.status, 403);
    });
  });
}

describe('demo backend publishes decision rules', () => {
  it('POST /__trust { decisionRules } publishes them; null clears them; bad rules are a 400', async () => {
    const backend = await newBackend({ seed: true });
    assert.equal((await bundleOf(await backend.handle(get('/trust-bundle')))).decisionRules, undefined);
    const set = await backend.handle(jsonRequest('/__trust', { decisionRules: PROVINCE_RULES }));
    assert.equal(set.status, 200);
    assert.deepEqual((await bundleOf(await backend.handle(get('/trust-bundle')))).decisionRules, PROVINCE_RULES);
    await backend.handle(jsonRequest('/__trust', { revokePassIds: ['AAAAAAAAAAAAAAAAAAAAAA'] }));
    assert.deepEqual((await bundleOf(await backend.handle(get('/trust-bundle')))).decisionRules, PROVINCE_RULES);
    const bad = await backend.handle(jsonRequest('/__trust', { decisionRules: [{ id: 'x', when: { kind: 'contact' }, action: 'allow', decision: 'refer' }] }));
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { errors: { code: string }[] }).errors[0]?.code, 'invalid-trust');
    await backend.handle(jsonRequest('/__trust', { decisionRules: null }));
    assert.equal((await bundleOf(await backend.handle(get('/trust-bundle')))).decisionRules, undefined);
  });
});
