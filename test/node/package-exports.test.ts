/// <reference types="node" />
// The published package as a consumer sees it: every "exports" entry points at a built file with
// its types, and `checkpoint-kit/core` resolves from dist/ in Node by the package's own name
// (self-reference) and issues and verifies a pass there. `npm test` builds dist/ before this runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { referenceDeclaration } from '../fixtures/reference';
import type * as CoreApi from '../../src/core/index';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { exports: Record<string, string | { types: string; default: string }> };

test('every package export points at a built file and its type declarations', () => {
  assert.ok(existsSync(`${root}dist/src/core/index.js`), 'dist/ is missing: run `npm run build` first');
  for (const [entry, target] of Object.entries(pkg.exports)) {
    const files = typeof target === 'string' ? [target] : [target.default, target.types];
    // A wildcard export must match at least its folder.
    for (const file of files) assert.ok(existsSync(`${root}${file.replace(/\*$/, '')}`), `${entry} → ${file} does not exist`);
  }
});

test('checkpoint-kit/core resolves to dist/ in Node and issues and verifies a pass', async () => {
  // Resolution by package name, as a portal's Node backend would do it.
  const resolved = createRequire(import.meta.url).resolve('checkpoint-kit/package.json');
  assert.equal(resolved, `${root}package.json`);
  // A variable specifier: type-checking runs before the build, when dist/ does not exist yet.
  const specifier = 'checkpoint-kit/core';
  const core = (await import(specifier)) as typeof CoreApi;
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const issuer = 'https://portal.example.gov.vn';
  const declaration = referenceDeclaration();
  const qrText = await core.issuePass(declaration, { privateKey: keys.privateKey, issuer }, { format: 'CK1' });
  const publicJwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
  const trust = await core.createTrustStore({ issuers: [{ iss: issuer, jwks: { keys: [publicJwk] } }] });
  const verdict = await core.verifyPass(qrText, trust);
  assert.equal(verdict.status, 'valid');
  assert.deepEqual(verdict.pass?.declaration, declaration);
  assert.equal((await core.verifyPass(`${qrText}0`, trust)).status, 'malformed');
});
