/// <reference types="node" />
// Pass format 1.0 rules on their own: strict JSON (duplicates, integer form, depth), the name
// alphabet at issuance and verification, bounded NumericDates and the maximum validity.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isNumericDate, MAX_NUMERIC_DATE, MAX_VALIDITY_SECONDS } from '../../src/core/claims';
import { validateDeclaration } from '../../src/core/declaration';
import { issuePass } from '../../src/core/issue';
import { isPassName, VIETNAMESE_LETTERS } from '../../src/core/name-alphabet';
import { parseStrictJson } from '../../src/core/strict-json';
import { makeTestIssuer } from '../fixtures/jws';
import { referenceDeclaration } from '../fixtures/reference';

const NOW = new Date('2026-11-27T03:00:00Z');

describe('format 1.0: strict JSON', () => {
  it('reads what JSON.parse reads when there is no duplicate and no fraction', () => {
    for (const text of ['{"a":1,"b":[true,false,null,"x\\u00e9\\n"],"c":{"d":-12}}', ' [ ] ', '"\\ud83d\\ude00"', '0', '-0']) {
      assert.deepEqual(parseStrictJson(text, { integersOnly: true }), JSON.parse(text), text);
    }
  });

  it('refuses a member repeated in one object, compared after unescaping', () => {
    assert.equal(parseStrictJson('{"iss":"x","iss":"y"}'), undefined);
    assert.equal(parseStrictJson('{"iss":"x","i\\u0073s":"y"}'), undefined);
    assert.equal(parseStrictJson('{"d":{"n":"a","n":"b"}}'), undefined);
    assert.deepEqual(parseStrictJson('[{"n":"a"},{"n":"b"}]'), [{ n: 'a' }, { n: 'b' }], 'the same name in two objects is fine');
  });

  it('with integersOnly, 1.0, 1e0, 1E+0 and unsafe integers are refused; 1 and -7 are integers', () => {
    for (const text of ['1.0', '1e0', '1E+0', '10.5', '9007199254740992', '[1,2.5]']) {
      assert.equal(parseStrictJson(text, { integersOnly: true }), undefined, text);
    }
    assert.equal(parseStrictJson('1.5'), 1.5, 'without the option fractions are JSON numbers');
    assert.equal(parseStrictJson('9007199254740991', { integersOnly: true }), Number.MAX_SAFE_INTEGER);
  });

  it('refuses what RFC 8259 refuses, and nesting past the depth limit, without throwing', () => {
    for (const text of ['', '{', '{"a":1,}', '[1,]', '01', '+1', '.5', '1.', "{'a':1}", '"a\u0001"', '"\\x41"', 'tru', '{"a" 1}', '1 2', 'NaN', '"\\u12"']) {
      assert.equal(parseStrictJson(text), undefined, JSON.stringify(text));
    }
    assert.equal(parseStrictJson(`${'['.repeat(33)}${']'.repeat(33)}`), undefined);
    assert.ok(parseStrictJson(`${'['.repeat(32)}${']'.repeat(32)}`));
    assert.equal(parseStrictJson('['.repeat(100_000)), undefined);
  });

  it('keeps a "__proto__" member as an own member (no prototype change)', () => {
    const value = parseStrictJson('{"__proto__":{"x":1}}') as Record<string, unknown>;
    assert.ok(Object.hasOwn(value, '__proto__'));
    assert.equal((value as { x?: unknown }).x, undefined);
  });
});

describe('format 1.0: the name alphabet', () => {
  it('holds the 134 Vietnamese letters beyond ASCII, all precomposed, and ASCII letters', () => {
    assert.equal([...VIETNAMESE_LETTERS].length, 67);
    for (const ch of VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.toUpperCase()) assert.equal(ch.normalize('NFC'), ch);
    assert.ok(isPassName('Nguyễn Thị Minh Khai'));
    assert.ok(isPassName("ĐẶNG O'NEILL-TRẦN Jr."));
    assert.ok(isPassName('Lê Ư'));
  });

  it('refuses homoglyphs, invisible and blank-looking characters, and spacing tricks', () => {
    for (const name of [
      'Nguyễn Thị Minh Kh\u0430i', // Cyrillic а
      '\u3164\u3164', // Hangul filler
      'Minh\u034FKhai', // combining grapheme joiner
      'Minh\u200DKhai', // zero-width joiner
      'Minh\uFE0F Khai', // variation selector
      'Nguye\u0302\u0303n', // NFD
      ' Minh', 'Minh ', 'Minh  Khai', '-Minh', 'M', 'Ｍinh', // fullwidth M
      'Müller', // a Latin letter outside Vietnamese
      'A'.repeat(101),
    ]) {
      assert.equal(isPassName(name), false, JSON.stringify(name));
    }
  });

  it('validateDeclaration refuses the same names at issuance (invalid-characters)', () => {
    for (const fullName of ['Nguyễn Thị Minh Kh\u0430i', '\u3164\u3164', 'Nguyễn Thị\uFE0F Minh']) {
      const result = validateDeclaration({ ...referenceDeclaration(NOW), fullName }, { now: NOW });
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.errors.some((e) => e.field === 'fullName' && e.code === 'invalid-characters'), fullName);
    }
    const decomposed = validateDeclaration({ ...referenceDeclaration(NOW), fullName: 'Nguye\u0302\u0303n Thị' }, { now: NOW });
    assert.ok(decomposed.ok, 'NFD input is normalised to NFC before the check');
  });
});

describe('format 1.0: dates and validity', () => {
  it('a NumericDate is a whole number of seconds from 0 to 9999-12-31T23:59:59Z', () => {
    assert.equal(new Date(MAX_NUMERIC_DATE * 1000).toISOString(), '9999-12-31T23:59:59.000Z');
    assert.ok(isNumericDate(0) && isNumericDate(MAX_NUMERIC_DATE));
    for (const v of [-1, 0.5, MAX_NUMERIC_DATE + 1, 8.64e12, Number.MAX_SAFE_INTEGER, '1']) assert.equal(isNumericDate(v), false, String(v));
  });

  it('issuePass refuses a validity over 30 days or a date past the year 9999', async () => {
    const issuer = await makeTestIssuer('https://portal.test.checkpoint-kit.vn');
    const validated = validateDeclaration(referenceDeclaration(NOW), { now: NOW });
    assert.ok(validated.ok);
    const signer = { privateKey: issuer.privateKey, issuer: issuer.iss };
    await assert.rejects(issuePass(validated.value, signer, { validFrom: NOW, validUntil: new Date(NOW.getTime() + (MAX_VALIDITY_SECONDS + 1) * 1000) }), RangeError);
    await assert.rejects(issuePass(validated.value, signer, { validFrom: new Date(8.64e15), validUntil: new Date(8.64e15) }), RangeError);
    await assert.doesNotReject(issuePass(validated.value, signer, { validFrom: NOW, validUntil: new Date(NOW.getTime() + MAX_VALIDITY_SECONDS * 1000) }));
  });
});

describe('format 1.0: the documented worked examples', () => {
  it('the manual code of docs/pass-format.md §9 is what manualCode computes', async () => {
    const { manualCode } = await import('../../src/core/manual-code');
    assert.equal(manualCode('Sl-sHm8EuKiW0RbapZRF2Q'), '99FTR-7KF0Z');
  });
});
