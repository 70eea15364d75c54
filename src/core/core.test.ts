// checkpoint-kit/core in real Chromium: WebCrypto signing and verification, CompressionStream on
// the issuing side, the inflate decoder against Chromium's own DecompressionStream, and every
// verification scenario (the generator behind test/vectors, run here with fresh keys). The
// committed vector file itself is re-checked under Node (test/node/core-vectors.test.ts).
import { expect } from '@open-wc/testing';
import { exportJWK } from 'jose';
import { makeTestIssuer } from '../../test/fixtures/jws';
import { buildScenarios, ISSUER_A, ISSUER_B } from '../../test/fixtures/pass-scenarios';
import { referenceDeclaration } from '../../test/fixtures/reference';
import { encodeBase64Url } from './base64url';
import { deflateRaw, MAX_CLAIMS_BYTES } from './deflate';
import { inflateRaw } from './inflate';
import { issuePass } from './issue';
import { fromQrText, toQrText } from './qr-text';
import { createTrustStore } from './trust-store';
import type { TrustStore } from './trust-store';
import { verifyPass } from './verify';

const ISSUER = 'https://portal.browser-test.vn';

/** Chromium's DecompressionStream, as the reference the inflate decoder must agree with. */
async function platformInflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array | 'invalid'> {
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch {
    return 'invalid';
  }
}

describe('checkpoint-kit/core in the browser (Chromium, WebKit)', () => {
  let keyPair: CryptoKeyPair;
  let trust: TrustStore;

  before(async () => {
    keyPair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    trust = await createTrustStore({ issuers: [{ iss: ISSUER, jwks: { keys: [await exportJWK(keyPair.publicKey)] } }] });
  });

  it('issues and verifies a pass with WebCrypto and CompressionStream', async () => {
    const declaration = referenceDeclaration();
    const qrText = await issuePass(declaration, { privateKey: keyPair.privateKey, issuer: ISSUER }, { format: 'CK1' });
    expect(qrText).to.match(/^CK1:[0-9A-Z*\-./:]+$/);
    const minimal = await issuePass(declaration, { privateKey: keyPair.privateKey, issuer: ISSUER });
    expect(minimal).to.match(/^CK2:[0-9A-Z*\-./:]+$/);
    expect((await verifyPass(minimal, trust)).pass?.declaration.fullName).to.equal(declaration.fullName);
    const verdict = await verifyPass(qrText, trust, { lang: 'en' });
    expect(verdict.status).to.equal('valid');
    expect(verdict.pass?.declaration).to.deep.equal(declaration);
    expect(verdict.reason).to.equal(verdict.reasons.en);
  });

  it('refuses a forged payload, an untrusted issuer and a zip bomb', async () => {
    const declaration = referenceDeclaration();
    const genuine = fromQrText(await issuePass(declaration, { privateKey: keyPair.privateKey, issuer: ISSUER })).split('.');
    const other = fromQrText(await issuePass({ ...declaration, fullName: 'Trần Văn Giả' }, { privateKey: keyPair.privateKey, issuer: ISSUER })).split('.');
    const forged = toQrText(`${genuine[0]}.${other[1]}.${genuine[2]}`, 'CK2');
    expect((await verifyPass(forged, trust)).status).to.equal('bad-signature');

    const stranger = await issuePass(declaration, { privateKey: keyPair.privateKey, issuer: 'https://elsewhere.vn' });
    expect((await verifyPass(stranger, trust)).status).to.equal('untrusted-issuer');

    const bomb = await deflateRaw(new Uint8Array(1 << 20));
    const bombText = toQrText(`${genuine[0]}.${encodeBase64Url(bomb)}.${genuine[2]}`);
    expect(await verifyPass(bombText, trust)).to.include({ status: 'too-large', detail: 'zip-cap' });
  });

  it('inflates exactly what Chromium’s DecompressionStream does', async () => {
    const samples = [
      new TextEncoder().encode(JSON.stringify(referenceDeclaration())),
      new TextEncoder().encode('Nguyễn Thị Minh Khai '.repeat(300)),
      Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251),
      new Uint8Array(0),
    ];
    for (const sample of samples) {
      const compressed = await deflateRaw(sample);
      expect(await platformInflate(compressed)).to.deep.equal(sample);
      expect(inflateRaw(compressed, 1 << 20)).to.deep.equal(sample);
      const damaged = compressed.slice(0, Math.max(1, compressed.length - 3));
      const platform = await platformInflate(damaged);
      const ours = inflateRaw(damaged, 1 << 20);
      expect(ours === 'invalid').to.equal(platform === 'invalid');
    }
    expect(inflateRaw(await deflateRaw(new Uint8Array(MAX_CLAIMS_BYTES + 1)), MAX_CLAIMS_BYTES)).to.equal('cap');
  });

  it('refuses keys WebCrypto cannot import and keys carrying d', async () => {
    const publicJwk = await exportJWK(keyPair.publicKey);
    const privateJwk = await exportJWK(keyPair.privateKey);
    const offCurve = { ...publicJwk, y: publicJwk.x };
    const store = await createTrustStore({ issuers: [{ iss: ISSUER, jwks: { keys: [privateJwk, offCurve] } }] });
    expect(store.rejectedKeys.map((r) => r.reason)).to.deep.equal(['private-key', 'import-failed']);
  });

  it('gives every verification scenario its expected verdict', async () => {
    const set = await buildScenarios(await makeTestIssuer(ISSUER_A), await makeTestIssuer(ISSUER_B));
    const scenarioTrust = await createTrustStore({ ...set.trust, updatedAt: new Date(set.trust.updatedAt) });
    for (const scenario of set.scenarios) {
      const options = scenario.options ?? {};
      const verdict = await verifyPass(scenario.qrText, scenarioTrust, { ...options, now: new Date(options.now ?? set.now) });
      expect({ name: scenario.name, status: verdict.status, detail: verdict.detail, warnings: verdict.warnings }).to.deep.equal({
        name: scenario.name,
        status: scenario.expected.status,
        detail: scenario.expected.detail,
        warnings: scenario.expected.warnings,
      });
    }
  });
});
