/// <reference types="node" />
// The officer's manual code: derivation, normalisation of typing, and the check character.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { encodeBase64Url } from '../../src/core/base64url';
import { manualCode, parseManualCode } from '../../src/core/manual-code';

const passIds = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => encodeBase64Url(bytes));
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('manualCode', () => {
  it('is XXXXX-XXXXX in Crockford base32 and parses back to itself', () => {
    fc.assert(
      fc.property(passIds, (passId) => {
        const code = manualCode(passId);
        assert.match(code, /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
        assert.deepEqual(parseManualCode(code), { ok: true, code });
      }),
      { seed: 9, numRuns: 500 },
    );
  });

  it('uses the first 45 bits of the pass id', () => {
    // 16 zero bytes → all zeros, check character 0.
    assert.equal(manualCode(encodeBase64Url(new Uint8Array(16))), '00000-00000');
    const bytes = new Uint8Array(16);
    bytes[5] = 0x08; // the 45th bit: the last data character becomes 1
    assert.equal(manualCode(encodeBase64Url(bytes)).slice(0, 10), '00000-0001');
    bytes[5] = 0x07; // bits 46–48 and everything after are not used
    bytes.fill(0xff, 6);
    assert.equal(manualCode(encodeBase64Url(bytes)), '00000-00000');
    assert.throws(() => manualCode('not base64url!'), TypeError);
  });

  it('normalises what an officer types: case, spaces, dashes, O→0, I/L→1', () => {
    const code = manualCode('AAECAwQFBgcICQoLDA0ODw');
    const typed = code.toLowerCase().replace('-', ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    assert.deepEqual(parseManualCode(` ${typed} `), { ok: true, code });
    assert.deepEqual(parseManualCode(code.replace(/1/g, 'I').replace(/-/, '')), { ok: true, code });
  });

  it('catches every single-character error and every adjacent swap of different characters', () => {
    fc.assert(
      fc.property(passIds, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 31 }), (passId, position, shift) => {
        const compact = manualCode(passId).replace('-', '');
        const wrongChar = CROCKFORD[(CROCKFORD.indexOf(compact[position] ?? '0') + shift) % 32] ?? '0';
        const typo = compact.slice(0, position) + wrongChar + compact.slice(position + 1);
        assert.deepEqual(parseManualCode(typo), { ok: false, error: 'check' });
        if (position < 9 && compact[position] !== compact[position + 1]) {
          const swapped = compact.slice(0, position) + compact[position + 1] + compact[position] + compact.slice(position + 2);
          const result = parseManualCode(swapped);
          // Luhn mod N misses only swaps of two values summing to N − 1 (as 09 ↔ 90 in Luhn mod 10).
          const a = CROCKFORD.indexOf(compact[position] ?? '0');
          const b = CROCKFORD.indexOf(compact[position + 1] ?? '0');
          if (a + b !== 31) assert.deepEqual(result, { ok: false, error: 'check' });
        }
      }),
      { seed: 10, numRuns: 1000 },
    );
  });

  it('reports length and character errors', () => {
    assert.deepEqual(parseManualCode('12345'), { ok: false, error: 'length' });
    assert.deepEqual(parseManualCode('ABCDE-FGHUK'), { ok: false, error: 'character' }); // U is not Crockford
    assert.deepEqual(parseManualCode(''), { ok: false, error: 'length' });
  });
});
