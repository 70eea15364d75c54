/// <reference types="node" />
// Signing keys from configuration: a portal with its own issuer and trust-anchor keys signs
// passes and trust bundles that a kiosk configured with that anchor accepts (and one with the
// demo anchor refuses); bad configuration is refused with a message naming what is wrong.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_ISSUER_PRIVATE_JWK, DEMO_TRUST_ANCHOR_PUBLIC_JWKS } from '../../demo/backend/demo-keys';
import { readTrustBundle, trustStoreInit } from '../../src/core/trust-bundle';
import { createTrustStore } from '../../src/core/trust-store';
import { verifyPass } from '../../src/core/verify';
import { keysFromEnv, publicJwks, type PrivateEcJwk } from '../../server/keys';
import { referenceDeclaration } from '../fixtures/reference';
import { engines, freshPortal, req } from './server-support';

/** A fresh key as an operator would write it (no kid: the server computes it). */
async function newJwk(): Promise<Omit<PrivateEcJwk, 'kid'>> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const j = await crypto.subtle.exportKey('jwk', pair.privateKey);
  return { kty: 'EC', crv: 'P-256', x: j.x ?? '', y: j.y ?? '', d: j.d ?? '' };
}

function files(map: Record<string, unknown>): (path: string) => string {
  return (path) => {
    if (!(path in map)) throw new Error(`no file ${path}`);
    return typeof map[path] === 'string' ? (map[path] as string) : JSON.stringify(map[path]);
  };
}

const ISSUER = 'https://portal.example.gov.vn';

describe('signing keys from configuration', () => {
  it('refuses partial, malformed, mismatched and demo keys with a reason', async () => {
    const a = await newJwk();
    const b = await newJwk();
    assert.equal(await keysFromEnv({}), null);
    await assert.rejects(keysFromEnv({ ISSUER }), /set all of/);
    const env = { ISSUER, ISSUER_KEY_FILE: 'i', TRUST_ANCHOR_KEY_FILE: 't' };
    await assert.rejects(keysFromEnv({ ...env, ISSUER: 'http://plain' }, files({ i: a, t: b })), /https/);
    await assert.rejects(keysFromEnv(env, files({ i: 'not json', t: b })), /ISSUER_KEY_FILE: not JSON/);
    await assert.rejects(keysFromEnv(env, files({ i: { ...a, crv: 'P-384' }, t: b })), /P-256/);
    await assert.rejects(keysFromEnv(env, files({ i: { ...a, d: undefined }, t: b })), /member d/);
    await assert.rejects(keysFromEnv(env, files({ i: a, t: { ...b, kid: 'wrong' } })), /thumbprint/);
    await assert.rejects(keysFromEnv(env, files({ i: a, t: a })), /must differ/);
    await assert.rejects(keysFromEnv(env, files({ i: DEMO_ISSUER_PRIVATE_JWK, t: b })), /demo keys/);
    const ok = await keysFromEnv(env, files({ i: a, t: b }));
    assert.equal(ok?.demo, false);
    assert.match(ok?.issuerJwk.kid ?? '', /^[A-Za-z0-9_-]{43}$/);
  });

  for (const engine of engines()) {
    it(`signs passes and bundles with the configured keys (${engine.name})`, async () => {
      const env = { ISSUER, ISSUER_KEY_FILE: 'i', TRUST_ANCHOR_KEY_FILE: 't' };
      const keys = await keysFromEnv(env, files({ i: await newJwk(), t: await newJwk() }));
      assert.ok(keys);
      const portal = await freshPortal(engine, { keys });
      await portal.publishTrust();
      const jwks = (await (await portal.handle(req('/api/.well-known/jwks.json'))).json()) as { keys: { kid: string }[] };
      assert.deepEqual(jwks.keys.map((k) => k.kid), [keys.issuerJwk.kid]);
      const bundleText = await (await portal.handle(req('/api/trust-bundle'))).text();
      // A kiosk configured with the demo anchor refuses it; one with the portal's anchor accepts it.
      assert.equal((await readTrustBundle(bundleText, DEMO_TRUST_ANCHOR_PUBLIC_JWKS)).ok, false);
      const read = await readTrustBundle(bundleText, publicJwks(keys.anchorJwk));
      assert.ok(read.ok);
      const store = await createTrustStore(trustStoreInit(read.bundle, { maxAgeSeconds: 3600 }));
      const created = (await (await portal.handle(req('/api/declarations', { body: referenceDeclaration(), headers: { 'Idempotency-Key': 'keys-test-0001' } }))).json()) as { pass: string };
      const verdict = await verifyPass(created.pass, store);
      assert.equal(verdict.status, 'valid');
    });
  }
});
