/// <reference types="node" />
// `npm run vectors`: writes test/vectors/ck1-vectors.json, the conformance vectors of the CK1
// pass format (one valid pass per form, one pass per rejection class and detail code), signed
// with fixed TEST-ONLY keys, verified at a fixed instant.
//
// Deterministic: ECDSA signatures are randomised, so a signature already in the vectors file is
// reused whenever its signing input and key are unchanged; only changed vectors get new ones.
// Running the script twice in a row therefore leaves the file byte for byte the same.
// The script checks every vector with verifyPass before writing and refuses to write a wrong one.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeBase64Url } from '../../src/core/base64url';
import { createTrustStore } from '../../src/core/trust-store';
import { verifyPass } from '../../src/core/verify';
import { makeTestIssuer, signEs256 } from '../fixtures/jws';
import type { TestIssuer } from '../fixtures/jws';
import { buildScenarios, ISSUER_A, ISSUER_B } from '../fixtures/pass-scenarios';
import type { PassScenario, ScenarioTrust } from '../fixtures/pass-scenarios';

const OUTPUT = {
  CK1: fileURLToPath(new URL('../vectors/ck1-vectors.json', import.meta.url)),
  CK2: fileURLToPath(new URL('../vectors/ck2-vectors.json', import.meta.url)),
};

const TEST_ONLY_WARNING = 'TEST-ONLY key, published on purpose. Never trust it outside tests.';

// TEST-ONLY: these private keys are public. They exist so that anyone can re-sign the vectors.
const TEST_ONLY_KEY_A: JsonWebKey = {
  kty: 'EC',
  crv: 'P-256',
  x: 'K8kHBSTOKWNGlQA0CBfCkMbqhEGcy018Y5ONx05cGc8',
  y: 'gIcjoOdbWUNlHylbiE7ggkiuLxi-dOCIKZeaC5sH1vI',
  d: 'KI3HKJl3qYEGXmoiGTFFbN1AipeV_1fonSkQmq9Tzw8',
};
const TEST_ONLY_KEY_B: JsonWebKey = {
  kty: 'EC',
  crv: 'P-256',
  x: 'eSwDcrkiOIAVdq_QyQEn_SQP7VAdjyDkxkfuz18CX_I',
  y: '9AviXI5YQIvjh484ZatvybH7Zlu-96IYDzxIHKp9rQY',
  d: 'fiurTqmvO8eLZb4IVVkhqRPdZmhPPeqRz8FUgHtaLA8',
};

export interface VectorFile {
  description: string;
  format: string;
  generatedBy: string;
  now: string;
  keys: Record<string, { warning: string; iss: string; kid: string; privateJwk: JsonWebKey; publicJwk: JsonWebKey }>;
  trust: ScenarioTrust;
  vectors: PassScenario[];
}

/** Signatures from the current file, by signing input. */
function previousSignatures(): Map<string, Uint8Array<ArrayBuffer>> {
  const signatures = new Map<string, Uint8Array<ArrayBuffer>>();
  const previous = Object.values(OUTPUT).filter((path) => existsSync(path)).flatMap((path) => (JSON.parse(readFileSync(path, 'utf8')) as VectorFile).vectors);
  for (const vector of previous) {
    const parts = vector.jws?.split('.');
    if (!parts || parts.length !== 3) continue;
    const signature = decodeBase64Url(parts[2]);
    // Keyed by signing input only: the signer is not always the header's kid (wrong-key
    // vectors), so a reused signature is checked against the actual signer's key in `sign`.
    if (signature?.length === 64) signatures.set(`${parts[0]}.${parts[1]}`, signature);
  }
  return signatures;
}

async function main(): Promise<void> {
  const a = await makeTestIssuer(ISSUER_A, TEST_ONLY_KEY_A);
  const b = await makeTestIssuer(ISSUER_B, TEST_ONLY_KEY_B);
  const previous = previousSignatures();
  const publicKeys = new Map<TestIssuer, CryptoKey>();
  for (const issuer of [a, b]) {
    publicKeys.set(issuer, await crypto.subtle.importKey('jwk', issuer.publicJwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']));
  }
  let reused = 0;
  let signed = 0;
  const sign = async (input: string, issuer: TestIssuer): Promise<Uint8Array> => {
    const old = previous.get(input);
    const key = publicKeys.get(issuer);
    if (old && key && (await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, old, new TextEncoder().encode(input)))) {
      reused++;
      return old;
    }
    signed++;
    return signEs256(input, issuer.privateKey);
  };
  const set = await buildScenarios(a, b, sign);

  // Refuse to write a vector whose verdict is not the expected one.
  const trust = await createTrustStore({ ...set.trust, updatedAt: new Date(set.trust.updatedAt) });
  const wrong: string[] = [];
  for (const vector of set.scenarios) {
    const options = vector.options ?? {};
    const verdict = await verifyPass(vector.qrText, trust, { ...options, now: new Date(options.now ?? set.now) });
    const got = `${verdict.status}/${verdict.detail ?? ''}/${verdict.warnings.join(',')}`;
    const want = `${vector.expected.status}/${vector.expected.detail ?? ''}/${vector.expected.warnings.join(',')}`;
    if (got !== want) wrong.push(`${vector.name}: expected ${want}, got ${got}`);
  }
  if (wrong.length > 0) throw new Error(`vectors not written:\n${wrong.join('\n')}`);

  const keyEntry = (issuer: TestIssuer, privateJwk: JsonWebKey): VectorFile['keys'][string] => ({
    warning: TEST_ONLY_WARNING,
    iss: issuer.iss,
    kid: issuer.kid,
    privateJwk,
    publicJwk: issuer.publicJwk,
  });
  for (const format of ['CK1', 'CK2'] as const) {
    const vectors = set.scenarios.filter((v) => v.name.startsWith('ck2-') === (format === 'CK2'));
    const file: VectorFile = {
      description:
        'Conformance vectors for Checkpoint Kit passes (docs/pass-format.md). For each vector: build the trust store from `trust` ' +
        '(updatedAt as a date), call verifyPass(qrText, trust, { ...options, now: options.now ?? now }) and compare status, detail and warnings. ' +
        `Vectors with a jws also check toQrText(jws) === qrText under the ${format} prefix.`,
      format,
      generatedBy: 'test/tools/make-vectors.ts (npm run vectors)',
      now: set.now,
      keys: { 'issuer-a': keyEntry(a, TEST_ONLY_KEY_A), 'issuer-b': keyEntry(b, TEST_ONLY_KEY_B) },
      trust: set.trust,
      vectors,
    };
    writeFileSync(OUTPUT[format], `${JSON.stringify(file, null, 2)}\n`);
    console.log(`wrote ${vectors.length} vectors to test/vectors/${format.toLowerCase()}-vectors.json`);
  }
  console.log(`(${reused} signatures reused, ${signed} new)`);
}

await main();
