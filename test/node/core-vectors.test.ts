/// <reference types="node" />
// Re-checks every committed conformance vector (test/vectors/ck1-vectors.json, ck2-vectors.json) with verifyPass,
// and checks the file is what `npm run vectors` would write from the current code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { calculateJwkThumbprint } from 'jose';
import { fromQrText, toQrText } from '../../src/core/qr-text';
import { createTrustStore } from '../../src/core/trust-store';
import { PASS_STATUSES } from '../../src/core/verdict-types';
import { verifyPass } from '../../src/core/verify';
import type { PassScenario, ScenarioTrust } from '../fixtures/pass-scenarios';

interface VectorFile {
  format: 'CK1' | 'CK2';
  now: string;
  keys: Record<string, { warning: string; kid: string; privateJwk: JsonWebKey; publicJwk: JsonWebKey }>;
  trust: ScenarioTrust;
  vectors: PassScenario[];
}

const ck1 = JSON.parse(readFileSync(new URL('../vectors/ck1-vectors.json', import.meta.url), 'utf8')) as VectorFile;
const ck2 = JSON.parse(readFileSync(new URL('../vectors/ck2-vectors.json', import.meta.url), 'utf8')) as VectorFile;

describe('conformance vectors, CK2', () => {
  it('has a valid reference pass under the CK2 prefix, and every CK2 vector verifies as expected', async () => {
    assert.equal(ck2.format, 'CK2');
    assert.ok(ck2.vectors.some((v) => v.name === 'ck2-valid' && v.qrText.startsWith('CK2:')));
    const trust = await createTrustStore({ ...ck2.trust, updatedAt: new Date(ck2.trust.updatedAt) });
    for (const vector of ck2.vectors) {
      const options = vector.options ?? {};
      const verdict = await verifyPass(vector.qrText, trust, { ...options, now: new Date(options.now ?? ck2.now) });
      assert.deepEqual(
        { status: verdict.status, detail: verdict.detail, warnings: verdict.warnings },
        { status: vector.expected.status, detail: vector.expected.detail, warnings: vector.expected.warnings },
        vector.name,
      );
      if (vector.jws !== undefined) assert.equal(toQrText(vector.jws, 'CK2'), vector.qrText, vector.name);
    }
  });
});

const file = ck1;

describe('conformance vectors', () => {
  it('has one vector or more for every status, and unique names', () => {
    const statuses = new Set(file.vectors.map((v) => v.expected.status));
    assert.deepEqual(PASS_STATUSES.filter((s) => !statuses.has(s)), []);
    assert.equal(new Set([...file.vectors, ...ck2.vectors].map((v) => v.name)).size, file.vectors.length + ck2.vectors.length);
  });

  it('marks its keys TEST-ONLY, and their kids are their thumbprints', async () => {
    for (const key of Object.values(file.keys)) {
      assert.match(key.warning, /TEST-ONLY/);
      assert.equal(await calculateJwkThumbprint(key.publicJwk), key.kid);
    }
  });

  it('gives every vector its expected verdict', async () => {
    const trust = await createTrustStore({ ...file.trust, updatedAt: new Date(file.trust.updatedAt) });
    assert.deepEqual(trust.rejectedKeys, []);
    for (const vector of file.vectors) {
      const options = vector.options ?? {};
      const verdict = await verifyPass(vector.qrText, trust, { ...options, now: new Date(options.now ?? file.now) });
      assert.deepEqual(
        { status: verdict.status, detail: verdict.detail, warnings: verdict.warnings },
        { status: vector.expected.status, detail: vector.expected.detail, warnings: vector.expected.warnings },
        vector.name,
      );
    }
  });

  it('carries, where a vector has a JWS, exactly that JWS in its QR text', () => {
    for (const vector of file.vectors) {
      if (vector.jws === undefined) continue;
      assert.equal(toQrText(vector.jws), vector.qrText, vector.name);
      assert.equal(fromQrText(vector.qrText), vector.jws, vector.name);
    }
  });
});
