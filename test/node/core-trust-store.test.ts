/// <reference types="node" />
// createTrustStore: which JWKs are accepted, how they are indexed, what is reported, freshness.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeBase64Url } from '../../src/core/base64url';
import { createTrustStore, DEFAULT_TRUST_MAX_AGE_SECONDS } from '../../src/core/trust-store';
import type { RejectedKeyReason } from '../../src/core/trust-store';
import { makeTestIssuer } from '../fixtures/jws';

const ISS = 'https://portal.test.vn';

describe('createTrustStore', () => {
  it('indexes an ES256 public key by its RFC 7638 thumbprint, per issuer', async () => {
    const issuer = await makeTestIssuer(ISS);
    const other = await makeTestIssuer('https://other.test.vn');
    const trust = await createTrustStore({
      issuers: [
        { iss: ISS, jwks: { keys: [{ ...issuer.publicJwk, kid: issuer.kid, use: 'sig', alg: 'ES256', key_ops: ['verify'] }] } },
        { iss: other.iss, jwks: { keys: [other.publicJwk] } },
      ],
    });
    assert.deepEqual(trust.rejectedKeys, []);
    assert.deepEqual(trust.issuers.map((i) => [i.iss, i.keys.map((k) => k.kid)]), [
      [ISS, [issuer.kid]],
      [other.iss, [other.kid]],
    ]);
    assert.ok(trust.issuerKeys(ISS)?.get(issuer.kid));
    // A kid is only ever found under its own issuer.
    assert.equal(trust.issuerKeys(ISS)?.get(other.kid), undefined);
    assert.equal(trust.issuerKeys('https://unknown.test.vn'), undefined);
    const key = trust.issuerKeys(ISS)?.get(issuer.kid);
    assert.equal(key?.type, 'public');
    assert.deepEqual(key?.usages, ['verify']);
  });

  it('ignores and reports every JWK that is not an ES256 public verification key', async () => {
    const issuer = await makeTestIssuer(ISS);
    const pub = issuer.publicJwk;
    const privateJwk = { ...(await crypto.subtle.exportKey('jwk', issuer.privateKey)), kid: 'leaked' };
    const y = Buffer.from(pub.y ?? '', 'base64url');
    y[31] ^= 1; // no longer on the curve
    const cases: [unknown, RejectedKeyReason][] = [
      [privateJwk, 'private-key'],
      [{ kty: 'RSA', n: 'AQAB', e: 'AQAB' }, 'kty'],
      [{ ...pub, crv: 'P-384' }, 'crv'],
      [{ kty: 'OKP', crv: 'Ed25519', x: pub.x }, 'kty'],
      [{ ...pub, use: 'enc' }, 'use'],
      [{ ...pub, alg: 'ES384' }, 'alg'],
      [{ ...pub, key_ops: ['encrypt'] }, 'key-ops'],
      [{ ...pub, x: (pub.x ?? '').slice(0, 42) }, 'coordinates'],
      [{ ...pub, y: undefined }, 'coordinates'],
      [{ ...pub, y: encodeBase64Url(y) }, 'import-failed'],
      [{ ...pub, kid: 'my-key-1' }, 'kid-mismatch'],
      ['not a key', 'not-an-object'],
      [pub, 'duplicate'],
    ];
    const trust = await createTrustStore({ issuers: [{ iss: ISS, jwks: { keys: [pub, ...cases.map(([jwk]) => jwk)] as JsonWebKey[] } }] });
    assert.deepEqual(
      trust.rejectedKeys.map((r) => r.reason),
      cases.map(([, reason]) => reason),
    );
    assert.ok(trust.rejectedKeys.every((r) => r.iss === ISS));
    assert.equal(trust.rejectedKeys[0]?.kid, 'leaked');
    assert.equal(trust.issuers[0]?.keys.length, 1);
    // The private key is not there, in any form.
    assert.ok(!JSON.stringify(trust.issuers).includes(privateJwk.d ?? '!'));
  });

  it('merges an issuer listed twice and keeps issuers without usable keys known but keyless', async () => {
    const a1 = await makeTestIssuer(ISS);
    const a2 = await makeTestIssuer(ISS);
    const trust = await createTrustStore({
      issuers: [
        { iss: ISS, jwks: { keys: [a1.publicJwk] } },
        { iss: ISS, jwks: { keys: [a2.publicJwk] } },
        { iss: 'https://empty.test.vn', jwks: { keys: [] } },
      ],
    });
    assert.deepEqual([...(trust.issuerKeys(ISS)?.keys() ?? [])].sort(), [a1.kid, a2.kid].sort());
    assert.equal(trust.issuerKeys('https://empty.test.vn')?.size, 0);
  });

  it('knows revoked pass ids, its age and when it goes stale', async () => {
    const updatedAt = new Date('2026-12-01T00:00:00Z');
    const trust = await createTrustStore({ issuers: [], revokedPassIds: ['AAAAAAAAAAAAAAAAAAAAAA'], updatedAt, maxAgeSeconds: 3600 });
    assert.ok(trust.isRevoked('AAAAAAAAAAAAAAAAAAAAAA'));
    assert.ok(!trust.isRevoked('AAAAAAAAAAAAAAAAAAAAAB'));
    assert.equal(trust.updatedAt, updatedAt);
    assert.equal(trust.maxAgeSeconds, 3600);
    assert.ok(!trust.isStale(new Date('2026-12-01T01:00:00Z')));
    assert.ok(trust.isStale(new Date('2026-12-01T01:00:00.001Z')));

    const before = Date.now();
    const defaults = await createTrustStore({ issuers: [] });
    assert.equal(defaults.maxAgeSeconds, DEFAULT_TRUST_MAX_AGE_SECONDS);
    assert.equal(DEFAULT_TRUST_MAX_AGE_SECONDS, 172_800);
    assert.ok(defaults.updatedAt.getTime() >= before && defaults.updatedAt.getTime() <= Date.now());
  });

  it('throws for an init of the wrong shape', async () => {
    await assert.rejects(createTrustStore({} as never), TypeError);
    await assert.rejects(createTrustStore({ issuers: [{ iss: '', jwks: { keys: [] } }] }), TypeError);
    await assert.rejects(createTrustStore({ issuers: [{ iss: ISS, jwks: {} as never }] }), TypeError);
    await assert.rejects(createTrustStore({ issuers: [], maxAgeSeconds: 0 }), RangeError);
    await assert.rejects(createTrustStore({ issuers: [], updatedAt: new Date('x') }), TypeError);
  });
});
