/// <reference types="node" />
// Decision first: the default rules reproduce the kiosk's automatic decision (allow only a valid
// pass with nothing to look at, refer otherwise) with the issue's corrections (positive test →
// "do not let continue", revoked → deny); rules from a signed trust bundle replace them; the
// kit's floors hold whatever a bundle says; the rules parser refuses what it does not know.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { HealthAnswers } from '../../src/core/declaration';
import { SYMPTOMS } from '../../src/core/declaration';
import {
  DECISION_CONDITION_KINDS, DEFAULT_DECISION_RULES, decisionRulesOf, MAX_DECISION_RULES, parseDecisionRules, recommend,
  recommendationHeadline, VERDICT_INPUTS, type DecisionRule, type RecommendationInput,
} from '../../src/core/recommendation';
import { createTrustBundle, readTrustBundle, TRUST_BUNDLE_TYP, type TrustBundleContent } from '../../src/core/trust-bundle';
import { PASS_STATUSES } from '../../src/core/verdict-types';
import { DEMO_ISSUER, DEMO_ISSUER_PUBLIC_JWKS, DEMO_TRUST_ANCHOR_PRIVATE_JWK, DEMO_TRUST_ANCHOR_PUBLIC_JWKS } from '../../demo/backend/demo-keys';

const TODAY = '2021-09-14';
const CLEAN: HealthAnswers = { symptoms: [], contactWithCase: false };
const base: RecommendationInput = { status: 'valid', health: CLEAN, card: 'none', today: TODAY };

describe('recommend (default rules)', () => {
  it('a valid pass with nothing to look at: CHO QUA, recorded allow, no reasons', () => {
    const r = recommend(base);
    assert.deepEqual(r, { action: 'allow', autoDecision: 'allow', reasons: [], headline: { vi: 'CHO QUA', en: 'LET THROUGH' } });
    assert.equal(recommend({ ...base, card: 'matched' }).action, 'allow');
    assert.equal(recommend({ ...base, card: 'pending' }).autoDecision, 'allow', 'a card not yet shown does not hold up the car by default');
  });

  it('a positive test leads with "KHÔNG CHO ĐI TIẾP — báo y tế" and refers', () => {
    const r = recommend({ ...base, health: { ...CLEAN, testResult: { result: 'positive', date: '2021-09-10' } } });
    assert.equal(r.action, 'deny-health');
    assert.equal(r.headline.vi, 'KHÔNG CHO ĐI TIẾP — báo y tế');
    assert.equal(r.autoDecision, 'refer');
    assert.deepEqual(r.reasons.map((x) => x.rule), ['positive-test']);
    assert.match(r.reasons[0]?.texts.vi ?? '', /DƯƠNG TÍNH ngày 10\/09\/2021/);
  });

  it('a revoked pass is KHÔNG HỢP LỆ and denied', () => {
    const r = recommend({ ...base, status: 'revoked', health: undefined });
    assert.equal(r.action, 'invalid');
    assert.equal(r.autoDecision, 'deny');
    assert.equal(r.headline.vi, 'KHÔNG HỢP LỆ');
    assert.equal(r.reasons[0]?.texts.en, 'This declaration QR code has been revoked by its issuer.');
  });

  it('a card mismatch blocks automatic allow: KIỂM TRA THÊM, refer', () => {
    const r = recommend({ ...base, card: 'mismatch' });
    assert.equal(r.action, 'check');
    assert.equal(r.autoDecision, 'refer');
    assert.equal(r.headline.vi, 'KIỂM TRA THÊM');
  });

  it('a manual code waits for the officer', () => {
    const r = recommend({ status: 'manual', today: TODAY });
    assert.equal(r.action, 'check');
    assert.equal(r.autoDecision, undefined);
  });

  // Today's checkpoint-rules.ts: automaticDecision = allow iff status valid and no flag at all.
  type Flags = { risk: boolean; positive: boolean; symptoms: boolean; contact: boolean; doubleIn: boolean; recent: boolean; stale: boolean; skew: boolean };
  const todaysDecision = (status: string, f: Flags): 'allow' | 'refer' =>
    status === 'valid' && !Object.values(f).some(Boolean) ? 'allow' : 'refer';

  it('reproduces today’s automatic decision for every status and flag combination (except revoked → deny)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PASS_STATUSES),
        fc.record({ risk: fc.boolean(), positive: fc.boolean(), symptoms: fc.boolean(), contact: fc.boolean(), doubleIn: fc.boolean(), recent: fc.boolean(), stale: fc.boolean(), skew: fc.boolean() }),
        fc.constantFrom('high', 'medium', 'low', undefined),
        (status, f, level) => {
          const health: HealthAnswers = {
            symptoms: f.symptoms ? ['fever'] : [],
            contactWithCase: f.contact,
            ...(f.positive ? { testResult: { result: 'positive' as const, date: '2021-09-01' } } : {}),
          };
          const r = recommend({
            status, health, today: TODAY,
            ...(f.risk ? { originRisk: level === undefined ? {} : { level } } : {}),
            doubleIn: f.doubleIn, recentPassage: f.recent, staleTrust: f.stale, clockSkew: f.skew,
          });
          assert.equal(r.autoDecision, status === 'revoked' ? 'deny' : todaysDecision(status, f));
          // The headline: allow only with no reason; a positive test on a valid pass says deny-health.
          assert.equal(r.action === 'allow', r.reasons.length === 0);
          if (status === 'valid' && f.positive) assert.equal(r.action, 'deny-health');
        },
      ),
      { seed: 21, numRuns: 1500 },
    );
  });

  it('lists every reason in rule order, each with both languages', () => {
    const r = recommend({ ...base, health: { symptoms: ['fever', 'cough'], contactWithCase: true }, originRisk: { level: 'high' }, doubleIn: true, card: 'mismatch' });
    assert.deepEqual(r.reasons.map((x) => x.rule), ['symptoms', 'contact', 'risk-area', 'card-mismatch', 'double-in']);
    for (const reason of r.reasons) assert.ok(reason.texts.vi && reason.texts.en && reason.texts.vi !== reason.texts.en);
    assert.equal(recommendationHeadline('deny-health', 'en'), 'DO NOT LET CONTINUE — notify health staff');
  });

  it('health answers of a pass that did not verify are not reasons', () => {
    const r = recommend({ status: 'bad-signature', today: TODAY });
    assert.deepEqual(r.reasons.map((x) => x.rule), ['not-valid']);
    assert.equal(r.autoDecision, 'refer');
  });
});

describe('recommend (rules from the bundle)', () => {
  const rules = (value: unknown): readonly DecisionRule[] => {
    const parsed = parseDecisionRules(value);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.message);
    return parsed.rules;
  };

  it('a stricter province: no card shown → check; negative test within 3 days required; only high risk counts', () => {
    const province = rules([
      { id: 'revoked', when: { kind: 'verdict', statuses: ['revoked'] }, action: 'invalid', decision: 'deny' },
      { id: 'card', when: { kind: 'id-card', results: ['none', 'mismatch'] }, action: 'check', decision: 'refer' },
      { id: 'test-72h', when: { kind: 'no-negative-test', withinDays: 3 }, action: 'check', decision: 'refer', text: { vi: 'Cần xét nghiệm âm tính trong 72 giờ.', en: 'A negative test within 72 hours is required.' } },
      { id: 'high-risk', when: { kind: 'risk-area', levels: ['high'] }, action: 'deny-health', decision: 'deny' },
      { id: 'positive', when: { kind: 'positive-test', withinDays: 14 }, action: 'deny-health', decision: 'deny' },
    ]);
    const negative: HealthAnswers = { ...CLEAN, testResult: { result: 'negative', date: '2021-09-12' } };
    assert.equal(recommend({ ...base, health: negative, card: 'matched' }, province).action, 'allow');
    assert.equal(recommend({ ...base, health: negative, card: 'manual' }, province).action, 'allow', 'the officer checked the card by eye');
    const noCard = recommend({ ...base, health: negative, card: 'none' }, province);
    assert.deepEqual([noCard.action, noCard.autoDecision, noCard.reasons[0]?.rule], ['check', 'refer', 'card']);
    const oldTest = recommend({ ...base, health: { ...CLEAN, testResult: { result: 'negative', date: '2021-09-10' } }, card: 'matched' }, province);
    assert.equal(oldTest.reasons[0]?.texts.en, 'A negative test within 72 hours is required.');
    assert.equal(recommend({ ...base, health: negative, card: 'matched', originRisk: { level: 'low' } }, province).action, 'allow');
    const high = recommend({ ...base, health: negative, card: 'matched', originRisk: { level: 'high' } }, province);
    assert.deepEqual([high.action, high.autoDecision], ['deny-health', 'deny']);
    const oldPositive = recommend({ ...base, health: { ...CLEAN, testResult: { result: 'positive', date: '2021-08-01' } }, card: 'matched' }, province);
    assert.equal(oldPositive.reasons.some((x) => x.rule === 'positive'), false, 'a positive test older than 14 days is not this rule');
  });

  it('kit floors hold whatever the bundle says: revoked denied, not-valid and mismatch never allowed', () => {
    const lax = rules([]);
    const revoked = recommend({ status: 'revoked', today: TODAY }, lax);
    assert.deepEqual([revoked.action, revoked.autoDecision, revoked.reasons[0]?.rule], ['invalid', 'deny', 'kit:revoked']);
    const expired = recommend({ status: 'expired', today: TODAY }, lax);
    assert.deepEqual([expired.action, expired.autoDecision], ['invalid', 'refer']);
    assert.deepEqual(recommend({ status: 'stale-trust', today: TODAY }, lax).action, 'check');
    const manual = recommend({ status: 'manual', today: TODAY }, lax);
    assert.deepEqual([manual.action, manual.autoDecision], ['check', undefined]);
    const mismatch = recommend({ ...base, card: 'mismatch' }, lax);
    assert.deepEqual([mismatch.action, mismatch.autoDecision, mismatch.reasons[0]?.rule], ['check', 'refer', 'kit:card-mismatch']);
    // A bundle that only refers a revoked pass still gets it denied.
    const soft = rules([{ id: 'revoked', when: { kind: 'verdict', statuses: ['revoked'] }, action: 'check', decision: 'refer' }]);
    assert.equal(recommend({ status: 'revoked', today: TODAY }, soft).autoDecision, 'deny');
    // Empty rules with a valid pass and a positive test: the province chose so; allow.
    assert.equal(recommend({ ...base, health: { ...CLEAN, testResult: { result: 'positive', date: TODAY } } }, lax).action, 'allow');
  });

  it('is deterministic: the same input and rules give the same recommendation; deny > officer > refer', () => {
    const mixed = rules([
      { id: 'a', when: { kind: 'contact' }, action: 'check', decision: 'refer' },
      { id: 'b', when: { kind: 'symptoms', min: 2 }, action: 'check', decision: 'officer' },
      { id: 'c', when: { kind: 'symptoms', symptoms: ['fever'] }, action: 'deny-health', decision: 'deny' },
    ]);
    const input: RecommendationInput = { ...base, health: { symptoms: ['fever', 'cough'], contactWithCase: true } };
    assert.deepEqual(recommend(input, mixed), recommend(input, mixed));
    assert.equal(recommend(input, mixed).autoDecision, 'deny');
    assert.equal(recommend({ ...input, health: { symptoms: ['cough', 'breath'], contactWithCase: true } }, mixed).autoDecision, undefined);
    assert.equal(recommend({ ...input, health: { symptoms: ['cough'], contactWithCase: true } }, mixed).autoDecision, 'refer');
  });

  it('a signed bundle carries the rules; without them the kiosk uses the defaults', async () => {
    const content: TrustBundleContent = {
      sequence: 1, issuedAt: '2021-09-14T00:00:00.000Z', expiresAt: '2021-09-15T00:00:00.000Z',
      issuers: [{ iss: DEMO_ISSUER, jwks: DEMO_ISSUER_PUBLIC_JWKS }], revokedPassIds: [], riskAreas: [],
    };
    const now = Date.parse('2021-09-14T01:00:00Z');
    const plain = await readTrustBundle(await createTrustBundle(content, DEMO_TRUST_ANCHOR_PRIVATE_JWK), DEMO_TRUST_ANCHOR_PUBLIC_JWKS, { now });
    assert.ok(plain.ok);
    assert.equal('decisionRules' in plain.bundle, false);
    assert.equal(decisionRulesOf(plain.bundle), DEFAULT_DECISION_RULES);
    const strict = [{ id: 'card', when: { kind: 'id-card', results: ['none'] }, action: 'check', decision: 'refer' }] as const;
    const withRules = await readTrustBundle(
      await createTrustBundle({ ...content, decisionRules: strict }, DEMO_TRUST_ANCHOR_PRIVATE_JWK),
      DEMO_TRUST_ANCHOR_PUBLIC_JWKS, { now },
    );
    assert.ok(withRules.ok);
    assert.deepEqual(withRules.bundle.decisionRules, strict);
    assert.equal(recommend(base, decisionRulesOf(withRules.bundle)).action, 'check');
    // Defaults survive a round trip through a bundle unchanged.
    const defaults = await readTrustBundle(
      await createTrustBundle({ ...content, decisionRules: DEFAULT_DECISION_RULES }, DEMO_TRUST_ANCHOR_PRIVATE_JWK),
      DEMO_TRUST_ANCHOR_PUBLIC_JWKS, { now },
    );
    assert.ok(defaults.ok);
    assert.deepEqual(defaults.bundle.decisionRules, DEFAULT_DECISION_RULES);
  });

  it('a bundle with an unknown rule kind is refused as invalid-content, with the rule code; createTrustBundle refuses it too', async () => {
    const content = {
      sequence: 1, issuedAt: '2021-09-14T00:00:00.000Z', expiresAt: '2021-09-15T00:00:00.000Z',
      issuers: [{ iss: DEMO_ISSUER, jwks: DEMO_ISSUER_PUBLIC_JWKS }], revokedPassIds: [], riskAreas: [],
      decisionRules: [{ id: 'x', when: { kind: 'vaccinated' }, action: 'check', decision: 'refer' }],
    };
    const { CompactSign, importJWK } = await import('jose');
    const key = await importJWK({ ...DEMO_TRUST_ANCHOR_PRIVATE_JWK }, 'ES256');
    const text = await new CompactSign(new TextEncoder().encode(JSON.stringify(content)))
      .setProtectedHeader({ alg: 'ES256', typ: TRUST_BUNDLE_TYP, kid: DEMO_TRUST_ANCHOR_PRIVATE_JWK.kid }).sign(key);
    const r = await readTrustBundle(text, DEMO_TRUST_ANCHOR_PUBLIC_JWKS, { now: Date.parse('2021-09-14T01:00:00Z') });
    assert.ok(!r.ok);
    assert.equal(r.code, 'invalid-content');
    assert.equal(r.detail, 'unknown-kind');
    await assert.rejects(createTrustBundle(content as unknown as TrustBundleContent, DEMO_TRUST_ANCHOR_PRIVATE_JWK), TypeError);
  });
});

describe('parseDecisionRules', () => {
  const rule = { id: 'r', when: { kind: 'contact' }, action: 'check', decision: 'refer' };
  const cases: [string, unknown, string][] = [
    ['not an array', { rules: [] }, 'invalid-type'],
    ['too many rules', Array.from({ length: MAX_DECISION_RULES + 1 }, (_, i) => ({ ...rule, id: `r${i}` })), 'too-many-rules'],
    ['a rule not an object', [1], 'invalid-type'],
    ['a bad id', [{ ...rule, id: 'R 1' }], 'bad-id'],
    ['an id too long', [{ ...rule, id: 'a'.repeat(41) }], 'bad-id'],
    ['a repeated id', [rule, rule], 'duplicate-id'],
    ['an unknown kind', [{ ...rule, when: { kind: 'vaccinated' } }], 'unknown-kind'],
    ['no kind', [{ ...rule, when: {} }], 'unknown-kind'],
    ['a prototype kind', [{ ...rule, when: { kind: 'toString' } }], 'unknown-kind'],
    ['no condition', [{ ...rule, when: undefined }], 'bad-condition'],
    ['unknown status', [{ ...rule, when: { kind: 'verdict', statuses: ['ok'] } }], 'bad-condition'],
    ['empty statuses', [{ ...rule, when: { kind: 'verdict', statuses: [] } }], 'bad-condition'],
    ['repeated level', [{ ...rule, when: { kind: 'risk-area', levels: ['high', 'high'] } }], 'bad-condition'],
    ['matched is no card condition', [{ ...rule, when: { kind: 'id-card', results: ['matched'] } }], 'bad-condition'],
    ['days not whole', [{ ...rule, when: { kind: 'positive-test', withinDays: 1.5 } }], 'bad-condition'],
    ['days too many', [{ ...rule, when: { kind: 'no-negative-test', withinDays: 366 } }], 'bad-condition'],
    ['days missing', [{ ...rule, when: { kind: 'no-negative-test' } }], 'bad-condition'],
    ['min above the symptoms listed', [{ ...rule, when: { kind: 'symptoms', min: 2, symptoms: ['fever'] } }], 'bad-condition'],
    ['unknown symptom', [{ ...rule, when: { kind: 'symptoms', symptoms: ['sneeze'] } }], 'bad-condition'],
    ['a member a kind does not have', [{ ...rule, when: { kind: 'contact', withinDays: 3 } }], 'unknown-member'],
    ['an unknown rule member', [{ ...rule, priority: 1 }], 'unknown-member'],
    ['allow as an action', [{ ...rule, action: 'allow' }], 'bad-action'],
    ['allow as a decision', [{ ...rule, decision: 'allow' }], 'bad-decision'],
    ['text with one language', [{ ...rule, text: { vi: 'x' } }], 'bad-text'],
    ['text too long', [{ ...rule, text: { vi: 'x'.repeat(201), en: 'x' } }], 'bad-text'],
    ['text with a control character', [{ ...rule, text: { vi: 'a\u202eb', en: 'x' } }], 'bad-text'],
  ];
  for (const [name, value, expected] of cases) {
    it(`refuses ${name} (${expected})`, () => {
      const r = parseDecisionRules(value);
      assert.equal(r.ok ? 'ok' : r.code, expected);
    });
  }

  it('accepts the defaults and every kind, and never throws', () => {
    assert.ok(parseDecisionRules(DEFAULT_DECISION_RULES).ok);
    const kinds = new Set(DEFAULT_DECISION_RULES.map((r) => r.when.kind));
    for (const k of ['no-negative-test'] as const) kinds.add(k);
    assert.deepEqual([...kinds].sort(), [...DECISION_CONDITION_KINDS].sort());
    assert.ok(parseDecisionRules([{ id: 'all', when: { kind: 'verdict', statuses: VERDICT_INPUTS }, action: 'invalid', decision: 'officer' }]).ok);
    assert.ok(parseDecisionRules([{ id: 's', when: { kind: 'symptoms', min: 6, symptoms: SYMPTOMS }, action: 'check', decision: 'refer' }]).ok);
    fc.assert(fc.property(fc.anything(), (v) => {
      parseDecisionRules(v);
      parseDecisionRules([v]);
      parseDecisionRules([{ ...rule, when: v }]);
    }), { seed: 5, numRuns: 1000 });
  });
});
