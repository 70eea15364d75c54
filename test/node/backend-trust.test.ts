/// <reference types="node" />
// The trust bundle: what readTrustBundle accepts and every way it refuses (wrong anchor, bad
// signature, unsigned, replayed older, oversize, malformed, invalid content), never throwing;
// and the demo backend's bad-bundle fault modes, each of which a kiosk must refuse.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { calculateJwkThumbprint, CompactSign, exportJWK, generateKeyPair } from 'jose';
import { encodeBase64Url } from '../../src/core/base64url';
import {
  createTrustBundle, findRiskArea, readTrustBundle, trustStoreInit, TRUST_BUNDLE_TYP,
  type PublicJwks, type TrustBundleContent,
} from '../../src/core/trust-bundle';
import { createTrustStore } from '../../src/core/trust-store';
import { DEMO_ISSUER, DEMO_ISSUER_PUBLIC_JWKS, DEMO_TRUST_ANCHOR_PRIVATE_JWK, DEMO_TRUST_ANCHOR_PUBLIC_JWKS } from '../../demo/backend/demo-keys';
import { get, jsonRequest, newBackend } from './backend-support';

const content = (patch: Partial<TrustBundleContent> = {}): TrustBundleContent => {
  const base = {
    sequence: 3,
    issuedAt: '2025-06-01T08:00:00.000Z',
    issuers: [{ iss: DEMO_ISSUER, jwks: DEMO_ISSUER_PUBLIC_JWKS }],
    revokedPassIds: ['AAAAAAAAAAAAAAAAAAAAAA'],
    riskAreas: [{ unitCode: '09289', level: 'high' as const, since: '2025-05-28', note: 'demo' }, { unitCode: '27', since: '2025-05-30' }],
    ...patch,
  };
  return { expiresAt: new Date(Date.parse(base.issuedAt) + 48 * 3_600_000).toISOString(), ...base };
};

async function otherAnchor(): Promise<{ privateKey: CryptoKey; jwks: PublicJwks; kid: string }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, kid, jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: jwk.x as string, y: jwk.y as string, kid }] } };
}

async function signRaw(payload: unknown, header: Record<string, unknown>): Promise<string> {
  const key = await (await import('jose')).importJWK({ ...DEMO_TRUST_ANCHOR_PRIVATE_JWK }, 'ES256');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'ES256', ...header })
    .sign(key);
}

describe('readTrustBundle', () => {
  it('accepts a bundle signed by the anchor and converts it into trust-store input', async () => {
    const text = await createTrustBundle(content(), DEMO_TRUST_ANCHOR_PRIVATE_JWK);
    const read = await readTrustBundle(text, DEMO_TRUST_ANCHOR_PUBLIC_JWKS);
    assert.ok(read.ok);
    assert.equal(read.kid, DEMO_TRUST_ANCHOR_PRIVATE_JWK.kid);
    assert.deepEqual(read.bundle, JSON.parse(JSON.stringify(content())));
    const store = await createTrustStore(trustStoreInit(read.bundle, { maxAgeSeconds: 3600 }));
    assert.deepEqual(store.rejectedKeys, []);
    assert.equal(store.isRevoked('AAAAAAAAAAAAAAAAAAAAAA'), true);
    assert.equal(store.isStale(new Date('2025-06-01T08:59:00Z')), false, 'age counts from issuedAt');
    assert.equal(store.isStale(new Date('2025-06-01T09:01:00Z')), true);
  });

  it('refuses a bundle signed by another key (unknown kid, or the anchor kid forged)', async () => {
    const other = await otherAnchor();
    const unknown = await readTrustBundle(await createTrustBundle(content(), other.privateKey, { kid: other.kid }), DEMO_TRUST_ANCHOR_PUBLIC_JWKS);
    assert.deepEqual(unknown.ok ? 'accepted' : unknown.code, 'unknown-key');
    const forged = await readTrustBundle(await createTrustBundle(content(), other.privateKey, { kid: DEMO_TRUST_ANCHOR_PRIVATE_JWK.kid }), DEMO_TRUST_ANCHOR_PUBLIC_JWKS);
    assert.deepEqual(forged.ok ? 'accepted' : forged.code, 'bad-signature');
    const wrongAnchor = await readTrustBundle(await createTrustBundle(content(), DEMO_TRUST_ANCHOR_PRIVATE_JWK), other.jwks);
    assert.deepEqual(wrongAnchor.ok ? 'accepted' : wrongAnchor.code, 'unknown-key');
  });

  it('refuses a tampered payload, an unsigned bundle and other algorithms', async () => {
    const text = await createTrustBundle(content(), DEMO_TRUST_ANCHOR_PRIVATE_JWK);
    const [header, , signature] = text.split('.');
    const evil = encodeBase64Url(new TextEncoder().encode(JSON.stringify(content({ revokedPassIds: [] }))));
    const codes = async (t: string) => {
      const r = await readTrustBundle(t, DEMO_TRUST_ANCHOR_PUBLIC_JWKS);
      return r.ok ? 'accepted' : r.code;
    };
    assert.equal(await codes(`${header}.${evil}.${signature}`), 'bad-signature');
    const none = encodeBase64Url(new TextEncoder().encode(JSON.stringify({ alg: 'none', typ: TRUST_BUNDLE_TYP })));
    assert.equal(await codes(`${none}.${evil}.`), 'unsigned');
    assert.equal(await codes(`${header}.${evil}.`), 'unsigned');
    const hs = encodeBase64Url(new TextEncoder().encode(JSON.stringify({ alg: 'HS256', typ: TRUST_BUNDLE_TYP })));
    assert.equal(await codes(`${hs}.${evil}.${signature}`), 'unsupported-alg');
    assert.equal(await codes(await signRaw(content(), { typ: 'JWT', kid: DEMO_TRUST_ANCHOR_PRIVATE_JWK.kid })), 'wrong-type');
  });

  it('refuses a replayed older bundle by sequence or by issue time, accepts the same one again', async () => {
    const held = { sequence: 3, issuedAt: '2025-06-01T08:00:00.000Z' };
    const same = await readTrustBundle(await createTrustBundle(content(), DEMO_TRUST_ANCHOR_PRIVATE_JWK), DEMO_TRUST_ANCHOR_PUBLIC_JWKS, { previous: held });
    assert.ok(same.ok);
    const older = await readTrustBundle(await createTrustBundle(content({ sequence: 2 }), DEMO_TRUST_ANCHOR_PRIVATE_JWK), DEMO_TRUST_ANCHOR_PUBLIC_JWKS, { previous: held });
    assert.deepEqual(older.ok ? 'accepted' : older.code, 'replayed');
    const backdated = await readTrustBundle(
      await createTrustBundle(content({ sequence: 4, issuedAt: '2025-05-01T00:00:00.000Z' }), DEMO_TRUST_ANCHOR_PRIVATE_JWK),
      DEMO_TRUST_ANCHOR_PUBLIC_JWKS,
      { previous: held },
    );
    assert.deepEqual(backdated.ok ? 'accepted' : backdated.code, 'replayed');
    const newer = await readTrustBundle(await createTrustBundle(content({ sequence: 4, issuedAt: '2025-06-02T00:00:00Z' }), DEMO_TRUST_ANCHOR_PRIVATE_JWK), DEMO_TRUST_ANCHOR_PUBLIC_JWKS, { previous: held });
    assert.ok(newer.ok);
  });

  it('checks the size cap before anything else', async () => {
    const huge = 'A'.repeat(5 * 1024 * 1024);
    const r = await readTrustBundle(huge, DEMO_TRUST_ANCHOR_PUBLIC_JWKS);
    assert.deepEqual(r.ok ? 'accepted' : r.code, 'too-large');
    const text = await createTrustBundle(content(), DEMO_TRUST_ANCHOR_PRIVATE_JWK);
    const small = await readTrustBundle(text, DEMO_TRUST_ANCHOR_PUBLIC_JWKS, { maxBytes: 100 });
    assert.deepEqual(small.ok ? 'accepted' : small.code, 'too-large');
  });

  it('refuses signed content that breaks the schema, including a private key among issuer keys', async () => {
    const kid = DEMO_TRUST_ANCHOR_PRIVATE_JWK.kid;
    const withD = { ...content(), issuers: [{ iss: DEMO_ISSUER, jwks: { keys: [{ ...DEMO_ISSUER_PUBLIC_JWKS.keys[0], d: 'AAAA' }] } }] };
    const cases: unknown[] = [
      withD,
      { ...content(), sequence: 0 },
      { ...content(), issuedAt: 'yesterday' },
      { ...content(), revokedPassIds: ['bad id'] },
      { ...content(), riskAreas: [{ unitCode: '123', since: '2025-01-01' }] },
      { ...content(), riskAreas: [{ unitCode: '00070', level: 'extreme', since: '2025-01-01' }] },
      { ...content(), issuers: [{ iss: DEMO_ISSUER, jwks: { keys: [] } }] },
      [1, 2, 3],
    ];
    for (const payload of cases) {
      const r = await readTrustBundle(await signRaw(payload, { typ: TRUST_BUNDLE_TYP, kid }), DEMO_TRUST_ANCHOR_PUBLIC_JWKS);
      assert.deepEqual(r.ok ? 'accepted' : r.code, 'invalid-content', JSON.stringify(payload).slice(0, 80));
    }
    await assert.rejects(createTrustBundle(content({ sequence: -1 }), DEMO_TRUST_ANCHOR_PRIVATE_JWK), TypeError);
  });

  it('refuses an anchor that carries a private key or is not EC P-256', async () => {
    const text = await createTrustBundle(content(), DEMO_TRUST_ANCHOR_PRIVATE_JWK);
    const r1 = await readTrustBundle(text, { keys: [{ ...DEMO_TRUST_ANCHOR_PRIVATE_JWK }] });
    assert.deepEqual(r1.ok ? 'accepted' : r1.code, 'bad-anchor');
    const r2 = await readTrustBundle(text, { keys: [{ kty: 'RSA', n: 'x', e: 'AQAB' }] });
    assert.deepEqual(r2.ok ? 'accepted' : r2.code, 'bad-anchor');
  });

  it('never throws, whatever the input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.constantFrom('a.b.c', '..', 'e30.e30.', 'eyJhbGciOiJFUzI1NiJ9.e30.AAAA'), fc.anything()),
        async (input) => {
          const r = await readTrustBundle(input, DEMO_TRUST_ANCHOR_PUBLIC_JWKS);
          assert.equal(r.ok, false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('findRiskArea', () => {
  it('matches the ward exactly, else the province by the place province code', () => {
    const bundle = content();
    assert.equal(findRiskArea(bundle, { unitCode: '09289', provinceCode: '27' })?.level, 'high');
    assert.equal(findRiskArea(bundle, { unitCode: '09163', provinceCode: '27' })?.unitCode, '27');
    assert.equal(findRiskArea(bundle, { unitCode: '00070', provinceCode: '01' }), undefined);
    assert.equal(findRiskArea(bundle, { unitCode: '09163' }), undefined, 'no prefix guessing without a province code');
  });
});

describe('the demo backend bad-bundle faults', () => {
  it('serves bundles a kiosk refuses, each with its own code, and recovers when cleared', async () => {
    const backend = await newBackend({ seed: true });
    const good = await backend.handle(get('/trust-bundle'));
    const held = await readTrustBundle(await good.text(), DEMO_TRUST_ANCHOR_PUBLIC_JWKS);
    assert.ok(held.ok);
    await backend.handle(jsonRequest('/__trust', { revokePassIds: ['BBBBBBBBBBBBBBBBBBBBBA'] }));
    const newer = await readTrustBundle(await (await backend.handle(get('/trust-bundle'))).text(), DEMO_TRUST_ANCHOR_PUBLIC_JWKS);
    assert.ok(newer.ok);
    const previous = { sequence: newer.bundle.sequence, issuedAt: newer.bundle.issuedAt };
    const expected: Record<string, string> = {
      'bad-signature': 'bad-signature', 'wrong-anchor': 'unknown-key', unsigned: 'unsigned', older: 'replayed', garbage: 'malformed',
    };
    for (const [mode, code] of Object.entries(expected)) {
      await backend.handle(jsonRequest('/__faults', { trustBundle: mode }));
      const response = await backend.handle(get('/trust-bundle', { 'If-None-Match': good.headers.get('ETag') ?? '' }));
      assert.equal(response.status, 200, mode);
      const r = await readTrustBundle(await response.text(), DEMO_TRUST_ANCHOR_PUBLIC_JWKS, { previous });
      assert.deepEqual(r.ok ? 'accepted' : r.code, code, mode);
    }
    await backend.handle(jsonRequest('/__faults', { trustBundle: null }));
    const back = await readTrustBundle(await (await backend.handle(get('/trust-bundle'))).text(), DEMO_TRUST_ANCHOR_PUBLIC_JWKS, { previous });
    assert.ok(back.ok);
  });
});
