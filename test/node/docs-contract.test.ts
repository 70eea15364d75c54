/// <reference types="node" />
// The documents are the contract (an independent implementation is built from them alone):
// the loose ends of issue 11 are written down, and stay written down.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('docs: the contract’s loose ends', () => {
  const openapi = read('docs/openapi.yaml');
  const api = read('docs/api.md');
  const format = read('docs/pass-format.md');

  it('OpenAPI: every operation documents 405, the batch carries alarms, the answer missing and held, the bundle expiresAt', () => {
    const operations = openapi.split('\ncomponents:')[0]?.match(/^ {4}(get|post|put|delete|patch):$/gm) ?? [];
    const with405 = openapi.split('\ncomponents:')[0]?.match(/^ {8}'405': \{ \$ref: '#\/components\/responses\/MethodNotAllowed' \}$/gm) ?? [];
    assert.ok(operations.length >= 7);
    assert.equal(with405.length, operations.length);
    for (const word of ['ChainAlarm:', 'record-missing', 'record-changed', 'SeqRange:', 'held:', 'missing:', 'expiresAt:', 'application/jwk-set+json']) {
      assert.ok(openapi.includes(word), word);
    }
  });

  it('api.md: issuer-keys type, batch-id form, envelope order, day rule, canonical and gap-free as they are, trust freshness', () => {
    for (const phrase of [
      'application/jwk-set+json',
      'accepts any key of the idempotency-key form',
      'The portal checks the envelope in this order',
      '**Day rule.**',
      'does\n**not** require the canonical form',
      'The portal does not refuse a gap',
      'counts the trust age from\n  the signed `issuedAt`',
      '`future-dated`',
      '**Recovery from an authority clock error.**',
      '"missing": [{ "from": 41, "to": 41 }]',
    ]) {
      assert.ok(api.includes(phrase), phrase);
    }
  });

  it('pass-format.md: lengths in one unit, strict JSON, integers, bounded dates, the name alphabet, CK2, worked Luhn example', () => {
    for (const phrase of [
      'counted in **Unicode code points**',
      '**No duplicate member names**',
      '`1.0`, `1e0`, `1E+0` and `10.5` are **not** integers',
      '**253,402,300,799**',
      '### 3.1 The name alphabet',
      '### 3.2 Long and short names',
      '### 3.3 CK2 claims (the minimal pass)',
      '### 3.4 Portal-side validation',
      'Code: `99FTR-7KF0Z`',
      '**QR version 13 at ECC M**',
    ]) {
      assert.ok(format.includes(phrase), phrase);
    }
  });
});
