/// <reference types="node" />
// base64url (strict), base41 and the CK1 QR text container.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BASE41_ALPHABET, base41Length, decodeBase41, encodeBase41 } from '../../src/core/base41';
import { decodeBase64Url, encodeBase64Url } from '../../src/core/base64url';
import { canonicalHeader, fromQrText, MAX_QR_TEXT_CHARS, QR_TEXT_PREFIX, QrTextError, toQrText } from '../../src/core/qr-text';
import type { QrTextErrorCode } from '../../src/core/qr-text';

const SEED = 20261201;

function throwsCode(fn: () => unknown, code: QrTextErrorCode): void {
  assert.throws(fn, (error: unknown) => error instanceof QrTextError && error.code === code);
}

describe('base64url (strict)', () => {
  it('round-trips any bytes and matches Node’s encoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase64Url(bytes);
        assert.equal(text, Buffer.from(bytes).toString('base64url'));
        assert.deepEqual(decodeBase64Url(text), bytes);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('refuses padding, the standard alphabet, whitespace, impossible lengths and non-zero tail bits', () => {
    for (const bad of ['QQ==', 'QQ=', 'a+b/', 'QQ Q', 'Q', 'QQQQQ', 'QR', 'QQR', 'é']) {
      assert.equal(decodeBase64Url(bad), undefined, bad);
    }
    assert.deepEqual(decodeBase64Url('QQ'), Uint8Array.of(0x41));
    assert.deepEqual(decodeBase64Url('QUI'), Uint8Array.of(0x41, 0x42));
    assert.deepEqual(decodeBase64Url(''), new Uint8Array(0));
  });
});

describe('base41', () => {
  it('uses the 41 QR alphanumeric characters that camera apps leave alone', () => {
    const qrAlphanumeric = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
    assert.equal(BASE41_ALPHABET.length, 41);
    assert.equal(new Set(BASE41_ALPHABET).size, 41);
    for (const ch of BASE41_ALPHABET) assert.ok(qrAlphanumeric.includes(ch), ch);
    for (const mangled of [' ', '%', '+', '$']) assert.ok(!BASE41_ALPHABET.includes(mangled), mangled);
  });

  it('matches the worked example of docs/pass-format.md', () => {
    // 0x0102 = 258 = 12 + 6·41 + 0·41² → "C60"; 0xFF = 255 = 9 + 6·41 → "96".
    assert.equal(encodeBase41(Uint8Array.of(0x01, 0x02, 0xff)), 'C6096');
    assert.deepEqual(decodeBase41('C6096'), Uint8Array.of(0x01, 0x02, 0xff));
    assert.equal(encodeBase41(Uint8Array.of(0xff, 0xff)), 'H:.'); // 65,535 = 17 + 40·41 + 38·41²
  });

  it('round-trips any bytes, with 3 characters per 2 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = encodeBase41(bytes);
        assert.equal(text.length, base41Length(bytes.length));
        assert.deepEqual(decodeBase41(text), bytes);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('accepts only the canonical form', () => {
    assert.equal(decodeBase41('0000'), 'base41-length'); // 4 ≡ 1 (mod 3)
    assert.equal(decodeBase41('0'), 'base41-length');
    assert.equal(decodeBase41(':::'), 'base41-value'); // 68,920 > 65,535
    assert.equal(decodeBase41('I:.'), 'base41-value'); // 65,536
    assert.equal(decodeBase41('A7'), 'base41-value'); // 10 + 7·41 = 297 > 255
    assert.equal(decodeBase41('a00'), 'base41-char');
    assert.equal(decodeBase41('00 '), 'base41-char');
    // A foreign character wins over a bad length or value wherever it is.
    assert.equal(decodeBase41('0000%'), 'base41-char');
    assert.equal(decodeBase41(':::00%'), 'base41-char');
  });

  it('every string over the alphabet either decodes canonically or is refused', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...BASE41_ALPHABET), maxLength: 60 }), (text) => {
        const decoded = decodeBase41(text);
        if (typeof decoded !== 'string') assert.equal(encodeBase41(decoded), text);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});

describe('QR text container', () => {
  const kid = encodeBase64Url(Uint8Array.from({ length: 32 }, (_, i) => i * 7));
  const signature = encodeBase64Url(Uint8Array.from({ length: 64 }, (_, i) => 255 - i));
  const payload = encodeBase64Url(Uint8Array.from({ length: 40 }, (_, i) => i));
  const canonicalJws = `${encodeBase64Url(new TextEncoder().encode(canonicalHeader(kid)))}.${payload}.${signature}`;

  it('uses the compact form (tag 1) for the canonical header and a 64-byte signature, and round-trips', () => {
    const text = toQrText(canonicalJws);
    assert.ok(text.startsWith(QR_TEXT_PREFIX));
    const container = decodeBase41(text.slice(QR_TEXT_PREFIX.length));
    assert.ok(typeof container !== 'string');
    assert.equal(container[0], 1);
    assert.equal(container.length, 1 + 32 + 64 + 40);
    assert.equal(fromQrText(text), canonicalJws);
  });

  it('uses the generic form (tag 0) for any other JWS, and round-trips', () => {
    const otherHeader = encodeBase64Url(new TextEncoder().encode(`{"kid":"${kid}","alg":"ES256","zip":"DEF"}`));
    for (const jws of [
      `${otherHeader}.${payload}.${signature}`,
      `${canonicalJws.split('.')[0]}.${payload}.${encodeBase64Url(new Uint8Array(63))}`, // 63-byte signature
      `${encodeBase64Url(new TextEncoder().encode('{"alg":"none"}'))}.${payload}.`, // empty signature
      `${encodeBase64Url(new TextEncoder().encode('x'.repeat(300)))}.${payload}.${signature}`, // two-byte varint
      '..',
    ]) {
      const text = toQrText(jws);
      const container = decodeBase41(text.slice(QR_TEXT_PREFIX.length));
      assert.ok(typeof container !== 'string');
      assert.equal(container[0], 0, jws);
      assert.equal(fromQrText(text), jws);
    }
  });

  it('round-trips random JWS-shaped strings and yields only alphanumeric-mode characters', () => {
    const segment = fc.uint8Array({ maxLength: 120 }).map((b) => encodeBase64Url(b));
    fc.assert(
      fc.property(segment, segment, segment, (h, p, s) => {
        const jws = `${h}.${p}.${s}`;
        const text = toQrText(jws);
        assert.match(text, /^[0-9A-Z*\-./:]+$/);
        assert.equal(fromQrText(text), jws);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('toQrText refuses what is not a strict three-segment JWS', () => {
    throwsCode(() => toQrText('a.b'), 'jws-segments');
    throwsCode(() => toQrText('a.b.c.d'), 'jws-segments');
    throwsCode(() => toQrText('QQ==.QQ.QQ'), 'base64url');
    throwsCode(() => toQrText('QR.QQ.QQ'), 'base64url'); // non-zero tail bits
    throwsCode(() => toQrText(`e30.${'A'.repeat(6000)}.`), 'too-large');
    throwsCode(() => toQrText(42 as unknown as string), 'type');
  });

  it('fromQrText throws a coded error for each way out of the documented form', () => {
    const body = toQrText(canonicalJws).slice(QR_TEXT_PREFIX.length);
    const cases: [string, QrTextErrorCode][] = [
      [`HC1:${body}`, 'prefix'],
      [`CK3:${body}`, 'version'],
      [`ck2:${body}`, 'prefix'],
      [`CK12:${body}`, 'version'],
      [`${QR_TEXT_PREFIX}${body.slice(0, -1)}a`, 'base41-char'],
      [`${QR_TEXT_PREFIX}0`, 'base41-length'],
      [`${QR_TEXT_PREFIX}:::`, 'base41-value'],
      [QR_TEXT_PREFIX, 'container'],
      [`${QR_TEXT_PREFIX}${encodeBase41(Uint8Array.of(2, 0, 0))}`, 'tag'],
      [`${QR_TEXT_PREFIX}${encodeBase41(Uint8Array.of(1, 0, 0))}`, 'container'],
      [`${QR_TEXT_PREFIX}${encodeBase41(Uint8Array.of(0, 0x80, 0x00))}`, 'container'], // over-long varint
      [`${QR_TEXT_PREFIX}${encodeBase41(Uint8Array.of(0, 0x80, 0x80, 0x01))}`, 'container'], // 3-byte varint
      [`${QR_TEXT_PREFIX}${encodeBase41(Uint8Array.of(0, 5, 1, 2))}`, 'container'], // header past the end
      [`${QR_TEXT_PREFIX}${'0'.repeat(MAX_QR_TEXT_CHARS)}`, 'too-large'],
    ];
    for (const [text, code] of cases) throwsCode(() => fromQrText(text), code);
    throwsCode(() => fromQrText(null as unknown as string), 'type');
  });

  it('refuses the generic form where the compact form applies, so each JWS has one QR text', () => {
    const [header, payloadBytes, sig] = canonicalJws.split('.').map((segment) => decodeBase64Url(segment) ?? new Uint8Array(0)) as [Uint8Array, Uint8Array, Uint8Array];
    assert.equal(sig.length, 64);
    const container = Uint8Array.of(0, header.length, ...header, sig.length, ...sig, ...payloadBytes);
    throwsCode(() => fromQrText(QR_TEXT_PREFIX + encodeBase41(container)), 'non-canonical');
  });

  it('accepts text of exactly the cap', () => {
    // 4,292 zeros decode to a generic container: empty header, empty signature, zero payload.
    assert.match(fromQrText(`${QR_TEXT_PREFIX}${'0'.repeat(MAX_QR_TEXT_CHARS - 4)}`), /^\.A+\.$/);
  });
});
