/// <reference types="node" />
// issuePass → verifyPass, every rejection class (the shared scenarios, run with fresh keys),
// clock tolerance, trust freshness, and "never throws" under fuzzing.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { BASE41_ALPHABET } from '../../src/core/base41';
import { decodeBase64Url } from '../../src/core/base64url';
import { validateDeclaration } from '../../src/core/declaration';
import { inflateRaw } from '../../src/core/inflate';
import { DEFAULT_VALIDITY_SECONDS, issuePass } from '../../src/core/issue';
import { fromQrText, QR_TEXT_PREFIX, toQrText } from '../../src/core/qr-text';
import { createTrustStore } from '../../src/core/trust-store';
import type { TrustStore } from '../../src/core/trust-store';
import { PASS_STATUSES } from '../../src/core/verdict-types';
import { verifyPass } from '../../src/core/verify';
import { compactJws, compressedJson, makeTestIssuer, signEs256, signingInput } from '../fixtures/jws';
import type { TestIssuer } from '../fixtures/jws';
import { buildScenarios, ISSUER_A, ISSUER_B } from '../fixtures/pass-scenarios';
import type { ScenarioSet } from '../fixtures/pass-scenarios';
import { referenceDeclaration } from '../fixtures/reference';
import { qrVersionFor } from '../bench/qr-capacity';

const NOW = new Date('2026-11-27T03:00:00Z');

describe('verifyPass', () => {
  let a: TestIssuer;
  let b: TestIssuer;
  let trust: TrustStore;

  before(async () => {
    a = await makeTestIssuer(ISSUER_A);
    b = await makeTestIssuer(ISSUER_B);
    trust = await createTrustStore({
      issuers: [
        { iss: a.iss, jwks: { keys: [a.publicJwk] } },
        { iss: b.iss, jwks: { keys: [b.publicJwk] } },
      ],
      updatedAt: NOW,
    });
  });

  it('verifies what issuePass made, and returns the identical declaration', async () => {
    const validated = validateDeclaration(referenceDeclaration(NOW), { now: NOW });
    assert.ok(validated.ok);
    const qrText = await issuePass(validated.value, { privateKey: a.privateKey, issuer: a.iss }, { validFrom: NOW, format: 'CK1' });
    assert.match(qrText, /^CK1:[0-9A-Z*\-./:]+$/);
    const verdict = await verifyPass(qrText, trust, { now: NOW });
    assert.equal(verdict.status, 'valid');
    assert.deepEqual(verdict.warnings, []);
    assert.equal(verdict.detail, undefined);
    assert.ok(verdict.pass);
    assert.deepEqual(verdict.pass.declaration, validated.value);
    assert.equal(verdict.pass.issuer, a.iss);
    assert.equal(verdict.pass.kid, a.kid);
    assert.equal(verdict.pass.validFrom.getTime(), NOW.getTime());
    assert.equal(verdict.pass.validUntil.getTime() - verdict.pass.validFrom.getTime(), DEFAULT_VALIDITY_SECONDS * 1000);
    assert.equal(decodeBase64Url(verdict.pass.passId)?.length, 16); // 128 random bits
    // The JWS inside has exactly the documented protected header.
    const header = new TextDecoder().decode(decodeBase64Url(fromQrText(qrText).split('.')[0] ?? ''));
    assert.equal(header, `{"alg":"ES256","kid":"${a.kid}","zip":"DEF"}`);
  });

  it('gives each pass a distinct random id, and honours given options', async () => {
    const signer = { privateKey: a.privateKey, issuer: a.iss };
    const declaration = referenceDeclaration(NOW);
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) ids.add((await verifyPass(await issuePass(declaration, signer), trust)).pass?.passId ?? '');
    assert.equal(ids.size, 20);
    const validUntil = new Date(NOW.getTime() + 3600_000);
    const verdict = await verifyPass(await issuePass(declaration, signer, { validFrom: NOW, validUntil, passId: 'UGFzcy1pZC0wMDAwMDAwMQ' }), trust, { now: NOW });
    assert.equal(verdict.pass?.passId, 'UGFzcy1pZC0wMDAwMDAwMQ');
    assert.equal(verdict.pass?.validUntil.getTime(), validUntil.getTime());
  });

  it('refuses to issue from bad input', async () => {
    const signer = { privateKey: a.privateKey, issuer: a.iss };
    const declaration = referenceDeclaration(NOW);
    await assert.rejects(issuePass({ ...declaration, phone: '+84912345678' }, signer), TypeError);
    await assert.rejects(issuePass(declaration, signer, { passId: 'short' }), TypeError);
    await assert.rejects(issuePass(declaration, signer, { validFrom: NOW, validUntil: new Date(NOW.getTime() - 1000) }), RangeError);
    await assert.rejects(issuePass(declaration, { ...signer, issuer: '' }), TypeError);
    await assert.rejects(issuePass(declaration, { ...signer, kid: 'not-a-thumbprint' }), TypeError);
    const hmac = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    await assert.rejects(issuePass(declaration, { privateKey: hmac, issuer: a.iss }), TypeError);
    // A non-extractable key needs its kid given.
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    await assert.rejects(issuePass(declaration, { privateKey: pair.privateKey, issuer: a.iss }), TypeError);
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const withKid = await createTrustStore({ issuers: [{ iss: a.iss, jwks: { keys: [jwk] } }] });
    const kid = withKid.issuers[0]?.keys[0]?.kid ?? '';
    const qr = await issuePass(declaration, { privateKey: pair.privateKey, issuer: a.iss, kid });
    assert.equal((await verifyPass(qr, withKid)).status, 'valid');
  });

  describe('every scenario (fresh keys each run)', () => {
    let set: ScenarioSet;
    let scenarioTrust: TrustStore;
    before(async () => {
      set = await buildScenarios(a, b);
      scenarioTrust = await createTrustStore({ ...set.trust, updatedAt: new Date(set.trust.updatedAt) });
    });

    it('covers every status', () => {
      const statuses = new Set(set.scenarios.map((s) => s.expected.status));
      assert.deepEqual(PASS_STATUSES.filter((s) => !statuses.has(s)), []);
    });

    it('gives each scenario its expected status, detail and warnings', async () => {
      for (const scenario of set.scenarios) {
        const options = scenario.options ?? {};
        const verdict = await verifyPass(scenario.qrText, scenarioTrust, { ...options, now: new Date(options.now ?? set.now) });
        assert.deepEqual(
          { status: verdict.status, detail: verdict.detail, warnings: verdict.warnings },
          { status: scenario.expected.status, detail: scenario.expected.detail, warnings: scenario.expected.warnings },
          scenario.name,
        );
        assert.equal(verdict.pass !== undefined, verdict.status === 'valid', scenario.name);
      }
    });
  });

  it('CK2 (the default): the minimal pass verifies, carries no phone, address or purpose note, and fits QR version 13 at ECC M', async () => {
    const validated = validateDeclaration({ ...referenceDeclaration(NOW), vaccination: { doses: 2, lastDoseDate: '2021-10-01' } }, { now: NOW });
    assert.ok(validated.ok);
    const qrText = await issuePass(validated.value, { privateKey: a.privateKey, issuer: a.iss }, { validFrom: NOW });
    assert.match(qrText, /^CK2:[0-9A-Z*\-./:]+$/);
    const verdict = await verifyPass(qrText, trust, { now: NOW });
    assert.equal(verdict.status, 'valid');
    assert.equal(verdict.pass?.format, 'CK2');
    const { phone: _p, purposeNote: _n, ...kept } = validated.value;
    assert.deepEqual(verdict.pass?.declaration, {
      ...kept,
      phone: '',
      origin: { ...kept.origin, address: '' },
      destination: { ...kept.destination, address: '' },
    });
    const plain = await issuePass(referenceDeclaration(NOW), { privateKey: a.privateKey, issuer: a.iss }, { validFrom: NOW });
    assert.ok((qrVersionFor(plain, 'M') ?? 99) <= 13, `reference declaration: version ${qrVersionFor(plain, 'M')}`);
    // The claims are a positional array of exactly 22 values; the JWS inside is an ordinary one.
    const claims = JSON.parse(new TextDecoder().decode(inflate(fromQrText(qrText).split('.')[1] ?? ''))) as unknown[];
    assert.equal(claims.length, 22);
    assert.equal(claims[0], a.iss);
    assert.deepEqual(claims.at(-1), [2, '2021-10-01']);
  });

  it('a CK2 pass relabelled CK1, or a CK1 pass relabelled CK2, is malformed (the claim shapes are disjoint)', async () => {
    const ck2 = await issuePass(referenceDeclaration(NOW), { privateKey: a.privateKey, issuer: a.iss }, { validFrom: NOW });
    const ck1 = await issuePass(referenceDeclaration(NOW), { privateKey: a.privateKey, issuer: a.iss }, { validFrom: NOW, format: 'CK1' });
    assert.equal((await verifyPass(`CK1:${ck2.slice(4)}`, trust, { now: NOW })).detail, 'claims-json');
    assert.equal((await verifyPass(`CK2:${ck1.slice(4)}`, trust, { now: NOW })).detail, 'claims-json');
    assert.equal((await verifyPass(toQrText(fromQrText(ck2), 'CK2'), trust, { now: NOW })).status, 'valid');
  });

  it('refuses a payload changed after signing (bad-signature)', async () => {
    const qrText = await issuePass(referenceDeclaration(NOW), { privateKey: a.privateKey, issuer: a.iss }, { validFrom: NOW, format: 'CK1' });
    const [header, payload, signature] = fromQrText(qrText).split('.') as [string, string, string];
    const claims = JSON.parse(new TextDecoder().decode(inflate(payload))) as { d: { n: string } };
    claims.d.n = 'Trần Văn Giả';
    const forged = compactJws(decodeBase64Url(header) ?? new Uint8Array(), await compressedJson(claims), decodeBase64Url(signature) ?? new Uint8Array());
    const verdict = await verifyPass(toQrText(forged), trust, { now: NOW });
    assert.equal(verdict.status, 'bad-signature');
    assert.equal(verdict.pass, undefined);
  });

  it('never looks a kid up under another issuer (unknown-key)', async () => {
    // Issuer B signs a pass claiming to be from A, with B's own (trusted) kid.
    const qrText = await issuePass(referenceDeclaration(NOW), { privateKey: b.privateKey, issuer: a.iss }, { validFrom: NOW });
    assert.equal((await verifyPass(qrText, trust, { now: NOW })).status, 'unknown-key');
    // The same pass under B's own name is fine.
    const own = await issuePass(referenceDeclaration(NOW), { privateKey: b.privateKey, issuer: b.iss }, { validFrom: NOW });
    assert.equal((await verifyPass(own, trust, { now: NOW })).status, 'valid');
  });

  it('does not trust a key the trust store rejected (a JWK carrying d)', async () => {
    const leaked = await makeTestIssuer(ISSUER_A);
    const privateJwk = await crypto.subtle.exportKey('jwk', leaked.privateKey);
    const store = await createTrustStore({ issuers: [{ iss: ISSUER_A, jwks: { keys: [privateJwk] } }] });
    assert.deepEqual(store.rejectedKeys, [{ iss: ISSUER_A, reason: 'private-key' }]);
    const qrText = await issuePass(referenceDeclaration(NOW), { privateKey: leaked.privateKey, issuer: ISSUER_A });
    assert.equal((await verifyPass(qrText, store)).status, 'unknown-key');
  });

  it('applies the clock tolerance at its edges, default 60 s and as given', async () => {
    const validFrom = new Date('2026-12-01T00:00:00Z');
    const validUntil = new Date('2026-12-02T00:00:00Z');
    const qrText = await issuePass(referenceDeclaration(NOW), { privateKey: a.privateKey, issuer: a.iss }, { validFrom, validUntil });
    const at = (ms: number, clockToleranceSeconds?: number) =>
      verifyPass(qrText, trust, { now: new Date(ms), ...(clockToleranceSeconds !== undefined && { clockToleranceSeconds }) }).then((v) => v.status);
    const nbf = validFrom.getTime();
    const exp = validUntil.getTime();
    assert.equal(await at(nbf - 60_000), 'valid');
    assert.equal(await at(nbf - 60_001), 'not-yet-valid');
    assert.equal(await at(exp + 60_000), 'valid');
    assert.equal(await at(exp + 60_001), 'expired');
    assert.equal(await at(exp + 1, 0), 'expired');
    assert.equal(await at(exp, 0), 'valid');
    assert.equal(await at(exp + 299_000, 300), 'valid');
    assert.equal(await at(exp + 301_000, 300), 'expired');
    assert.equal(await at(exp + 60_001, -5), 'expired'); // a nonsense tolerance falls back to 60 s
  });

  it('warns about stale trust data, and fails closed only when asked', async () => {
    const qrText = await issuePass(referenceDeclaration(NOW), { privateKey: a.privateKey, issuer: a.iss }, { validFrom: NOW });
    const stale = await createTrustStore({ issuers: [{ iss: a.iss, jwks: { keys: [a.publicJwk] } }], updatedAt: new Date(NOW.getTime() - 49 * 3600_000) });
    const warned = await verifyPass(qrText, stale, { now: NOW });
    assert.equal(warned.status, 'valid');
    assert.deepEqual(warned.warnings, ['stale-trust']);
    const closed = await verifyPass(qrText, stale, { now: NOW, failOnStaleTrust: true });
    assert.equal(closed.status, 'stale-trust');
    assert.equal(closed.pass, undefined);
    // The warning rides along with other verdicts too: the officer learns the list is old.
    assert.deepEqual((await verifyPass('HC1:xyz', stale, { now: NOW })).warnings, ['stale-trust']);
    // Fresh trust: no warning, and failOnStaleTrust changes nothing.
    assert.equal((await verifyPass(qrText, trust, { now: NOW, failOnStaleTrust: true })).status, 'valid');
  });

  it('revokes by pass id', async () => {
    const passId = 'UmV2b2tlZC1wYXNzLTAwMDE';
    const qrText = await issuePass(referenceDeclaration(NOW), { privateKey: a.privateKey, issuer: a.iss }, { validFrom: NOW, passId });
    const store = await createTrustStore({ issuers: [{ iss: a.iss, jwks: { keys: [a.publicJwk] } }], revokedPassIds: [passId], updatedAt: NOW });
    assert.equal((await verifyPass(qrText, store, { now: NOW })).status, 'revoked');
  });

  it('gives the reason in Vietnamese by default, English on request, and both always', async () => {
    const vi = await verifyPass('HC1:xyz', trust);
    const en = await verifyPass('HC1:xyz', trust, { lang: 'en' });
    assert.equal(vi.reason, vi.reasons.vi);
    assert.equal(en.reason, en.reasons.en);
    assert.notEqual(vi.reason, en.reason);
    assert.deepEqual(vi.reasons, en.reasons);
  });

  it('never throws, for any string or any non-string (seeded fuzzing)', async () => {
    const valid = await issuePass(referenceDeclaration(NOW), { privateKey: a.privateKey, issuer: a.iss }, { validFrom: NOW });
    const statuses = new Set<string>(PASS_STATUSES);
    const base41Text = fc.string({ unit: fc.constantFrom(...BASE41_ALPHABET), maxLength: 900 }).map((s) => QR_TEXT_PREFIX + s);
    const mutated = fc
      .tuple(fc.nat(), fc.constantFrom(...BASE41_ALPHABET), fc.integer({ min: 1, max: 3 }))
      .map(([where, ch, count]) => {
        let text = valid;
        for (let i = 0; i < count; i++) {
          const at = QR_TEXT_PREFIX.length + ((where * (i + 7)) % (valid.length - QR_TEXT_PREFIX.length));
          text = text.slice(0, at) + ch + text.slice(at + 1);
        }
        return text;
      });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }), base41Text, mutated), async (text) => {
        const verdict = await verifyPass(text, trust, { now: NOW });
        assert.ok(statuses.has(verdict.status));
        assert.equal(typeof verdict.reason, 'string');
        if (text !== valid) assert.notEqual(verdict.status, 'valid', text);
      }),
      { seed: 1201, numRuns: 2000 },
    );
    for (const odd of [undefined, null, 42, {}, [], Symbol('x')] as unknown[]) {
      assert.equal((await verifyPass(odd as string, trust)).status, 'malformed');
    }
    assert.deepEqual(await verifyPass(valid, {} as TrustStore).then((v) => [v.status, v.detail]), ['malformed', 'internal']);
  });

  it('rejects a signature made over the right claims with the wrong header (header is signed)', async () => {
    // Signed with kid A in one header order, presented with the canonical header: bad-signature.
    const payload = await compressedJson({ iss: a.iss, jti: 'UGFzcy1pZC0wMDAwMDAwMg', iat: 1, nbf: 1, exp: 4_000_000_000, v: 1, d: {} });
    const signedHeader = new TextEncoder().encode(JSON.stringify({ kid: a.kid, alg: 'ES256', zip: 'DEF' }));
    const shownHeader = new TextEncoder().encode(`{"alg":"ES256","kid":"${a.kid}","zip":"DEF"}`);
    const signature = await signEs256(signingInput(signedHeader, payload), a.privateKey);
    const verdict = await verifyPass(toQrText(compactJws(shownHeader, payload, signature)), trust);
    assert.equal(verdict.status, 'bad-signature');
  });
});

function inflate(payloadB64: string): Uint8Array {
  const out = inflateRaw(decodeBase64Url(payloadB64) ?? new Uint8Array(), 1 << 16);
  if (typeof out === 'string') throw new Error(out);
  return out;
}
