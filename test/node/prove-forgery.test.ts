/// <reference types="node" />
// Forgery cases, one named test each (issue 7, NOTES §4): what an attacker can do with a pass
// or a trust bundle, and what the verifier must answer. Every forgery is real (real HMACs, real
// ES384/ES512/RS256 signatures, a real zip bomb), so a check that only looked at labels would
// not pass; and each test first shows the honest counterpart verifies, so it cannot pass vacuously.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CompactSign } from 'jose';
import { decodeBase41, encodeBase41 } from '../../src/core/base41';
import { decodeBase64Url, encodeBase64Url } from '../../src/core/base64url';
import { declarationToClaims } from '../../src/core/claims';
import { deflateRaw } from '../../src/core/deflate';
import { issuePass } from '../../src/core/issue';
import { canonicalHeader, fromQrText, QR_TEXT_PREFIX, toQrText } from '../../src/core/qr-text';
import { createTrustBundle, readTrustBundle, trustStoreInit, type TrustBundleContent } from '../../src/core/trust-bundle';
import { createTrustStore, type TrustStore, type TrustStoreInit } from '../../src/core/trust-store';
import { verifyPass } from '../../src/core/verify';
import { compactJws, compressedJson, makeTestIssuer, signEs256, signingInput, utf8, type TestIssuer } from '../fixtures/jws';
import { referenceDeclaration } from '../fixtures/reference';

const NOW = new Date('2026-12-01T03:00:00.000Z');
const NOW_S = NOW.getTime() / 1000;

let a: TestIssuer;
let b: TestIssuer;
let trust: TrustStore;
let genuine: string;

function claims(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: a.iss,
    jti: encodeBase64Url(crypto.getRandomValues(new Uint8Array(16))),
    iat: NOW_S - 3600,
    nbf: NOW_S - 3600,
    exp: NOW_S + 72 * 3600,
    v: 1,
    d: declarationToClaims(referenceDeclaration(NOW)),
    ...patch,
  };
}

/** A pass with any header object, claims and signer (raw ES256 over the real signing input). */
async function signedPass(header: Record<string, unknown>, body: unknown, key: CryptoKey): Promise<string> {
  const h = utf8(JSON.stringify(header));
  const p = await compressedJson(body);
  return toQrText(compactJws(h, p, await signEs256(signingInput(h, p), key)));
}

/** The same with the canonical header bytes (so the compact container form, as issued). */
async function canonicalPass(kid: string, body: unknown, key: CryptoKey): Promise<string> {
  const h = utf8(canonicalHeader(kid));
  const p = await compressedJson(body);
  return toQrText(compactJws(h, p, await signEs256(signingInput(h, p), key)));
}

async function verdictOf(text: string, store: TrustStore = trust): Promise<string> {
  const v = await verifyPass(text, store, { now: NOW });
  return v.detail ? `${v.status}/${v.detail}` : v.status;
}

before(async () => {
  a = await makeTestIssuer('https://portal.forgery.invalid');
  b = await makeTestIssuer('https://other-portal.forgery.invalid');
  trust = await createTrustStore({
    issuers: [{ iss: a.iss, jwks: { keys: [a.publicJwk] } }, { iss: b.iss, jwks: { keys: [b.publicJwk] } }],
    updatedAt: NOW,
  });
  genuine = await canonicalPass(a.kid, claims(), a.privateKey);
  assert.equal(await verdictOf(genuine), 'valid', 'the honest pass verifies');
});

describe('forged passes', () => {
  it('alg: none (with and without a signature, any spelling)', async () => {
    const payload = await compressedJson(claims());
    for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
      const header = utf8(JSON.stringify({ alg, kid: a.kid, zip: 'DEF' }));
      assert.equal(await verdictOf(toQrText(compactJws(header, payload, new Uint8Array(0)))), 'unsupported-algorithm/alg', alg);
      // A "none" pass carrying a genuine ES256 signature of another header is still refused.
      const signature = await signEs256(signingInput(header, payload), a.privateKey);
      assert.equal(await verdictOf(toQrText(compactJws(header, payload, signature))), 'unsupported-algorithm/alg', `${alg} + signature`);
    }
  });

  it("HS256 signed with the issuer's public key as the HMAC secret (every encoding of it)", async () => {
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', await crypto.subtle.importKey('jwk', a.publicJwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])));
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', await crypto.subtle.importKey('jwk', a.publicJwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])));
    const pem = `-----BEGIN PUBLIC KEY-----\n${Buffer.from(spki).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END PUBLIC KEY-----\n`;
    const secrets: Record<string, Uint8Array<ArrayBuffer>> = {
      'JWK JSON': utf8(JSON.stringify(a.publicJwk)),
      'raw point': raw,
      'SPKI DER': spki,
      PEM: utf8(pem),
      kid: utf8(a.kid),
    };
    const payload = await compressedJson(claims());
    for (const [what, secret] of Object.entries(secrets)) {
      const hmacKey = await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      for (const alg of ['HS256', 'ES256']) {
        // Also the classic confusion: the HMAC presented under alg ES256.
        const header = utf8(JSON.stringify({ alg, kid: a.kid, zip: 'DEF' }));
        const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, utf8(signingInput(header, payload))));
        const expected = alg === 'HS256' ? 'unsupported-algorithm/alg' : 'bad-signature/signature-length';
        assert.equal(await verdictOf(toQrText(compactJws(header, payload, mac))), expected, `${what} under ${alg}`);
      }
    }
  });

  it('ES384, ES512 and RS256: real signatures by real keys, even when the trust list carries those keys', async () => {
    const kinds = [
      { alg: 'ES384', gen: { name: 'ECDSA', namedCurve: 'P-384' }, sign: { name: 'ECDSA', hash: 'SHA-384' } },
      { alg: 'ES512', gen: { name: 'ECDSA', namedCurve: 'P-521' }, sign: { name: 'ECDSA', hash: 'SHA-512' } },
      { alg: 'RS256', gen: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, sign: { name: 'RSASSA-PKCS1-v1_5' } },
    ] as const;
    for (const kind of kinds) {
      const pair = (await crypto.subtle.generateKey(kind.gen, true, ['sign', 'verify'])) as CryptoKeyPair;
      const publicJwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
      const store = await createTrustStore({ issuers: [{ iss: a.iss, jwks: { keys: [a.publicJwk, { ...publicJwk, kid: 'other-alg' }] } }], updatedAt: NOW });
      assert.equal(store.rejectedKeys.length, 1, `${kind.alg} key is not trusted`);
      assert.ok(['crv', 'kty', 'alg'].includes(store.rejectedKeys[0]?.reason ?? ''), store.rejectedKeys[0]?.reason);
      const payload = await compressedJson(claims());
      for (const kid of [a.kid, 'other-alg']) {
        const header = utf8(JSON.stringify({ alg: kind.alg, kid, zip: 'DEF' }));
        const signature = new Uint8Array(await crypto.subtle.sign(kind.sign, pair.privateKey, utf8(signingInput(header, payload))));
        assert.equal(await verdictOf(toQrText(compactJws(header, payload, signature)), store), 'unsupported-algorithm/alg', `${kind.alg} kid ${kid}`);
        // The same signature under a forged "ES256" header: the wrong length or no such key.
        const lying = utf8(JSON.stringify({ alg: 'ES256', kid, zip: 'DEF' }));
        const sig2 = new Uint8Array(await crypto.subtle.sign(kind.sign, pair.privateKey, utf8(signingInput(lying, payload))));
        const verdict = await verdictOf(toQrText(compactJws(lying, payload, sig2)), store);
        assert.ok(kid === a.kid ? verdict === 'bad-signature/signature-length' : verdict === 'malformed/kid-format', `${kind.alg} as ES256, kid ${kid}: ${verdict}`);
      }
    }
  });

  it('a valid ES256 signature by an untrusted key that names a trusted kid', async () => {
    const mallory = await makeTestIssuer(a.iss);
    assert.equal(await verdictOf(await canonicalPass(mallory.kid, claims(), mallory.privateKey)), 'unknown-key', 'under its own kid');
    assert.equal(await verdictOf(await canonicalPass(a.kid, claims(), mallory.privateKey)), 'bad-signature/signature');
    assert.equal(await verdictOf(await signedPass({ kid: a.kid, alg: 'ES256', zip: 'DEF', typ: 'JWT' }, claims(), mallory.privateKey)), 'bad-signature/signature');
  });

  it("a trusted key used under another issuer's name (never looked up across issuers)", async () => {
    // B's genuine key and kid, claiming to be A: the kid exists in the trust list, but not for A.
    assert.equal(await verdictOf(await canonicalPass(b.kid, claims({ iss: b.iss }), b.privateKey)), 'valid', 'B for itself');
    assert.equal(await verdictOf(await canonicalPass(b.kid, claims({ iss: a.iss }), b.privateKey)), 'unknown-key');
    assert.equal(await verdictOf(await canonicalPass(a.kid, claims({ iss: b.iss }), a.privateKey)), 'unknown-key');
    // An issuer string that differs only by case, a trailing slash or Unicode look-alikes is another issuer.
    for (const iss of [a.iss.toUpperCase(), `${a.iss}/`, a.iss.replace('o', '\u043e'), ` ${a.iss}`, a.iss.normalize('NFKD')]) {
      if (iss === a.iss) continue;
      assert.equal(await verdictOf(await canonicalPass(a.kid, claims({ iss }), a.privateKey)), 'untrusted-issuer', JSON.stringify(iss));
    }
  });

  it('a JWK carrying d (a private key) in the trust list is ignored, so its passes are not trusted', async () => {
    const leaked = await makeTestIssuer('https://leaky.forgery.invalid');
    const privateJwk = await crypto.subtle.exportKey('jwk', leaked.privateKey);
    assert.ok(privateJwk.d, 'the test key really is private');
    const store = await createTrustStore({ issuers: [{ iss: leaked.iss, jwks: { keys: [privateJwk, { ...privateJwk, kid: leaked.kid }] } }], updatedAt: NOW });
    assert.deepEqual(store.rejectedKeys.map((k) => k.reason), ['private-key', 'private-key']);
    assert.equal(store.issuerKeys(leaked.iss)?.size, 0);
    const pass = await canonicalPass(leaked.kid, claims({ iss: leaked.iss }), leaked.privateKey);
    assert.equal(await verdictOf(pass, store), 'unknown-key');
    // The honest counterpart: the same key without `d` verifies.
    const honest = await createTrustStore({ issuers: [{ iss: leaked.iss, jwks: { keys: [leaked.publicJwk] } }], updatedAt: NOW });
    assert.equal(await verdictOf(pass, honest), 'valid');
  });

  it('a payload tampered with and re-signed by a revoked (removed) key', async () => {
    const leaked = await makeTestIssuer(a.iss); // the key an attacker stole, once A's
    const before: TrustStoreInit = { issuers: [{ iss: a.iss, jwks: { keys: [leaked.publicJwk, a.publicJwk] } }], updatedAt: NOW };
    const after: TrustStoreInit = { issuers: [{ iss: a.iss, jwks: { keys: [a.publicJwk] } }], updatedAt: NOW };
    // Tamper: another person, a far destination, the longest validity (30 days); re-sign with the leaked key.
    const tampered = claims({ exp: NOW_S + 29 * 86400, d: { ...declarationToClaims(referenceDeclaration(NOW)), n: 'Kẻ Giả Mạo', t: { pc: '79', uc: '26734', a: 'TP Hồ Chí Minh' } } });
    const forged = await canonicalPass(leaked.kid, tampered, leaked.privateKey);
    assert.equal(await verdictOf(forged, await createTrustStore(before)), 'valid', 'while the key was trusted it verified (2021 leaked-key forgeries)');
    assert.equal(await verdictOf(forged, await createTrustStore(after)), 'unknown-key', 'once the key is removed it does not');
    // The same removal delivered the way kiosks get it: a newer signed trust bundle.
    const anchor = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const anchorJwk = await crypto.subtle.exportKey('jwk', anchor.publicKey);
    const anchorJwks = { keys: [{ kty: 'EC', crv: 'P-256', x: anchorJwk.x, y: anchorJwk.y, kid: 'anchor' }] };
    const key = (jwk: JsonWebKey) => ({ kty: 'EC' as const, crv: 'P-256' as const, x: jwk.x as string, y: jwk.y as string });
    const v1 = await createTrustBundle({ sequence: 1, issuedAt: '2026-11-30T00:00:00.000Z', issuers: [{ iss: a.iss, jwks: { keys: [key(leaked.publicJwk), key(a.publicJwk)] } }], revokedPassIds: [], riskAreas: [] }, anchor.privateKey, { kid: 'anchor' });
    const v2 = await createTrustBundle({ sequence: 2, issuedAt: '2026-12-01T00:00:00.000Z', issuers: [{ iss: a.iss, jwks: { keys: [key(a.publicJwk)] } }], revokedPassIds: [], riskAreas: [] }, anchor.privateKey, { kid: 'anchor' });
    const read2 = await readTrustBundle(v2, anchorJwks, { previous: { sequence: 1, issuedAt: '2026-11-30T00:00:00.000Z' } });
    assert.ok(read2.ok);
    assert.equal(await verdictOf(forged, await createTrustStore(trustStoreInit(read2.bundle))), 'unknown-key');
    // And the attacker cannot bring the key back by replaying the older bundle.
    const replay = await readTrustBundle(v1, anchorJwks, { previous: { sequence: 2, issuedAt: '2026-12-01T00:00:00.000Z' } });
    assert.deepEqual(replay.ok ? 'accepted' : replay.code, 'replayed');
    // Re-signing with a still-trusted key does not revive a revoked pass id either.
    const revokedId = encodeBase64Url(crypto.getRandomValues(new Uint8Array(16)));
    const revokedStore = await createTrustStore({ ...after, revokedPassIds: [revokedId] });
    assert.equal(await verdictOf(await canonicalPass(a.kid, claims({ jti: revokedId, exp: NOW_S + 29 * 86400 }), a.privateKey), revokedStore), 'revoked');
  });

  it('a genuine pass re-encoded with another prefix, version or encoding', async () => {
    const body = genuine.slice(QR_TEXT_PREFIX.length);
    const cases: [string, string][] = [
      [`CK3:${body}`, 'malformed/version'],
      [`CK2:${body}`, 'malformed/claims-json'], // a CK1 pass relabelled CK2: its claims are not the CK2 array
      [`CK0:${body}`, 'malformed/version'],
      [`CK10:${body}`, 'malformed/version'],
      [`CK01:${body}`, 'malformed/version'],
      [`ck1:${body}`, 'malformed/prefix'],
      [`HC1:${body}`, 'malformed/prefix'],
      [`\uff23\uff2b\uff11\uff1a${body}`, 'malformed/prefix'], // full-width CK1:
      [`\u0421\u041a1:${body}`, 'malformed/prefix'], // Cyrillic С and К
      [body, 'malformed/prefix'], // no prefix at all
      [fromQrText(genuine), 'malformed/prefix'], // the bare JWS
      [`${QR_TEXT_PREFIX}${body.toLowerCase()}`, 'malformed/base41-char'],
      [`shc:/${[...fromQrText(genuine)].map((c) => String(c.charCodeAt(0) - 45).padStart(2, '0')).join('')}`, 'malformed/prefix'],
    ];
    // The generic container (tag 0) for what the compact one must carry: one JWS, one QR text.
    const [h, p, s] = fromQrText(genuine).split('.').map((x) => decodeBase64Url(x) ?? new Uint8Array()) as [Uint8Array, Uint8Array, Uint8Array];
    cases.push([`${QR_TEXT_PREFIX}${encodeBase41(Uint8Array.from([0, h.length, ...h, s.length, ...s, ...p]))}`, 'malformed/non-canonical']);
    // base45 (the EU DCC alphabet, with space, % and + that camera apps mangle) is not base41.
    cases.push([`${QR_TEXT_PREFIX}${body.slice(0, 30)} ${body.slice(31)}`, 'malformed/base41-char']);
    cases.push([`${QR_TEXT_PREFIX}${body.slice(0, 30)}%${body.slice(31)}`, 'malformed/base41-char']);
    for (const [text, expected] of cases) assert.equal(await verdictOf(text), expected, text.slice(0, 24));
  });

  it('a zip bomb: a small QR text whose claims inflate far past the 16 KiB cap', async () => {
    // 2 MB of one repeated claim compress to ~2 KB: well inside one QR code.
    const bomb = claims({ pad: 'A'.repeat(2_000_000) });
    const pass = await canonicalPass(a.kid, bomb, a.privateKey);
    assert.ok(pass.length < 4296, `fits one QR code (${pass.length} characters)`);
    const t0 = performance.now();
    assert.equal(await verdictOf(pass), 'too-large/zip-cap');
    const ms = performance.now() - t0;
    // Decompression stops at the cap instead of inflating 2 MB: the time is reported next to an
    // honest pass's; only a generous guard is asserted (wall-clock on a shared machine).
    const t1 = performance.now();
    await verdictOf(genuine);
    const honestMs = performance.now() - t1;
    console.log(`zip bomb (${pass.length} chars → 2 MB): ${ms.toFixed(2)} ms; honest pass ${honestMs.toFixed(2)} ms`);
    assert.ok(ms < 1000, `bounded (${ms.toFixed(1)} ms)`);
    // Just under the cap is fine, just over is refused: the cap is exactly where documented.
    const base = utf8(JSON.stringify(claims({ pad: '' }))).length; // UTF-8 bytes: the name has diacritics
    const at = await canonicalPass(a.kid, claims({ pad: 'A'.repeat(16_384 - base) }), a.privateKey);
    assert.equal(await verdictOf(at), 'valid', 'exactly 16,384 bytes of claims');
    const over = await canonicalPass(a.kid, claims({ pad: 'A'.repeat(16_385 - base) }), a.privateKey);
    assert.equal(await verdictOf(over), 'too-large/zip-cap', '16,385 bytes');
  });

  it('trailing garbage after the pass: characters, bytes, and data after the final DEFLATE block', async () => {
    for (const [tail, expected] of [
      [' ', 'malformed/base41-char'],
      ['\n', 'malformed/base41-char'],
      ['\r\n', 'malformed/base41-char'],
      ['\u0000', 'malformed/base41-char'],
      ['\u200b', 'malformed/base41-char'],
    ] as const) {
      assert.equal(await verdictOf(genuine + tail), expected, JSON.stringify(tail));
    }
    // Extra base41 characters: depending on where the last group ends they make a bad length,
    // an out-of-range group or more container bytes after the payload — never a pass.
    for (const tail of ['0', '00', '000', '0000', 'A', '::', genuine.slice(QR_TEXT_PREFIX.length)]) {
      const verdict = await verdictOf(genuine + tail);
      assert.ok(['malformed/base41-length', 'malformed/base41-value', 'malformed/deflate'].includes(verdict), `${JSON.stringify(tail.slice(0, 8))}: ${verdict}`);
    }
    // Extra bytes after the final DEFLATE block, all of it signed: still refused.
    const h = utf8(canonicalHeader(a.kid));
    const p = Uint8Array.from([...(await deflateRaw(utf8(JSON.stringify(claims())))), 0x00, 0x41]);
    assert.equal(await verdictOf(toQrText(compactJws(h, p, await signEs256(signingInput(h, p), a.privateKey)))), 'malformed/deflate');
    // And a JWS with a fourth segment never becomes a QR text.
    assert.throws(() => toQrText(`${fromQrText(genuine)}.AAAA`), /three dot-separated segments/);
    // Garbage between container bytes: the decoded container of the genuine pass with one byte appended.
    const bytes = decodeBase41(genuine, QR_TEXT_PREFIX.length);
    assert.ok(typeof bytes !== 'string');
    assert.equal(await verdictOf(QR_TEXT_PREFIX + encodeBase41(Uint8Array.from([...bytes, 0xff]))), 'malformed/deflate');
  });
});

describe('forged and replayed trust bundles', () => {
  let anchorKey: CryptoKey;
  let anchorJwks: { keys: JsonWebKey[] };
  let content: TrustBundleContent;

  before(async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    anchorKey = pair.privateKey;
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    anchorJwks = { keys: [{ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid: 'authority-2026' } as JsonWebKey] };
    content = {
      sequence: 7,
      issuedAt: '2026-12-01T00:00:00.000Z',
      expiresAt: '2026-12-03T00:00:00.000Z',
      issuers: [{ iss: a.iss, jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: a.publicJwk.x as string, y: a.publicJwk.y as string }] } }],
      revokedPassIds: ['EutzFYHL3kpStWEcOmcfQQ'],
      riskAreas: [],
    };
    const honest = await readTrustBundle(await createTrustBundle(content, anchorKey, { kid: 'authority-2026' }), anchorJwks);
    assert.ok(honest.ok, 'the honest bundle is accepted');
  });

  it('a trust bundle signed by the wrong anchor (its own kid, the real kid, or no kid)', async () => {
    const mallory = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    // Adds the attacker's own issuer key, and drops the revocation.
    const evil = { ...content, sequence: 8, revokedPassIds: [], issuers: [...content.issuers, { iss: 'https://evil.invalid', jwks: content.issuers[0]?.jwks ?? { keys: [] } }] };
    const code = async (text: string, jwks: { keys: unknown[] } = anchorJwks) => {
      const r = await readTrustBundle(text, jwks, { previous: { sequence: 7, issuedAt: content.issuedAt } });
      return r.ok ? 'accepted' : r.code;
    };
    assert.equal(await code(await createTrustBundle(evil, mallory.privateKey, { kid: 'authority-2026' })), 'bad-signature');
    assert.equal(await code(await createTrustBundle(evil, mallory.privateKey, { kid: 'mallory' })), 'unknown-key');
    // No kid: the one configured anchor is tried, and the signature does not verify with it.
    assert.equal(await code(await createTrustBundle(evil, mallory.privateKey)), 'bad-signature');
    // An embedded key (jwk/jku header) pointing at the attacker's key is not a way in either.
    const mpub = await crypto.subtle.exportKey('jwk', mallory.publicKey);
    const embedded = await new CompactSign(utf8(JSON.stringify(evil)))
      .setProtectedHeader({ alg: 'ES256', typ: 'ck-trust-bundle+jws', kid: 'authority-2026', jwk: { kty: 'EC', crv: 'P-256', x: mpub.x as string, y: mpub.y as string } })
      .sign(mallory.privateKey);
    assert.equal(await code(embedded), 'malformed');
    // Signed by an issuer key (trusted for passes, never for trust data).
    assert.equal(await code(await createTrustBundle(evil, a.privateKey, { kid: 'authority-2026' })), 'bad-signature');
  });

  it('a replayed old trust bundle (older than the one held) is refused and the held one stays', async () => {
    const older = await createTrustBundle({ ...content, sequence: 6, issuedAt: '2026-11-30T00:00:00.000Z', revokedPassIds: [] }, anchorKey, { kid: 'authority-2026' });
    const held = { sequence: 7, issuedAt: content.issuedAt };
    const r1 = await readTrustBundle(older, anchorJwks, { previous: held });
    assert.deepEqual(r1.ok ? 'accepted' : r1.code, 'replayed');
    // A higher sequence with an earlier issue time is a replay too (either one going back is).
    const backdated = await createTrustBundle({ ...content, sequence: 8, issuedAt: '2026-11-30T00:00:00.000Z', revokedPassIds: [] }, anchorKey, { kid: 'authority-2026' });
    const r2 = await readTrustBundle(backdated, anchorJwks, { previous: held });
    assert.deepEqual(r2.ok ? 'accepted' : r2.code, 'replayed');
    // Without a held bundle the same text is accepted: the refusal above is the replay rule.
    assert.equal((await readTrustBundle(older, anchorJwks)).ok, true);
    // The held bundle still revokes the pass the replay would have un-revoked.
    const current = await readTrustBundle(await createTrustBundle(content, anchorKey, { kid: 'authority-2026' }), anchorJwks, { previous: held });
    assert.ok(current.ok, 'the same bundle again is not a replay');
    const store = await createTrustStore(trustStoreInit(current.bundle));
    const revoked = await issuePass(referenceDeclaration(NOW), { privateKey: a.privateKey, issuer: a.iss, kid: a.kid }, { passId: 'EutzFYHL3kpStWEcOmcfQQ', validFrom: new Date(NOW.getTime() - 60_000) });
    assert.equal(await verdictOf(revoked, store), 'revoked');
  });
});
