// Base41: bytes as characters of the QR alphanumeric set, minus the four that phone camera apps
// mangle when they treat scanned text as a URI (space, '%', '+', '$'). Same scheme as base45
// (RFC 9285) with a smaller alphabet: 41³ = 68,921 ≥ 65,536, so two bytes still fit three
// characters, and a QR code stores each character in 5.5 bits — 8.25 bits per byte, against
// 8 bits per character (10.67 per byte) for base64url text in byte mode.
//
// Encoding: each pair of bytes [b0, b1] is the number v = b0 × 256 + b1, written as three
// characters c0 c1 c2 with v = c0 + c1 × 41 + c2 × 41² (least significant digit first, as in
// RFC 9285). A final lone byte b is written as two characters with b = c0 + c1 × 41.
// Decoding accepts only the canonical form: a length that is not 1 mod 3, triples whose value
// is below 65,536 and pairs whose value is below 256.

export const BASE41_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*-./:';

const DECODE_TABLE: Int8Array = /* @__PURE__ */ (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < BASE41_ALPHABET.length; i++) table[BASE41_ALPHABET.charCodeAt(i)] = i;
  return table;
})();

export type Base41ErrorCode = 'base41-char' | 'base41-length' | 'base41-value';

/** Number of characters that `byteLength` bytes take. */
export function base41Length(byteLength: number): number {
  return Math.floor(byteLength / 2) * 3 + (byteLength % 2) * 2;
}

export function encodeBase41(bytes: Uint8Array): string {
  const chars: string[] = [];
  const evenEnd = bytes.length - (bytes.length % 2);
  for (let i = 0; i < evenEnd; i += 2) {
    let v = bytes[i] * 256 + bytes[i + 1];
    const c0 = v % 41;
    v = (v - c0) / 41;
    const c1 = v % 41;
    const c2 = (v - c1) / 41;
    chars.push(BASE41_ALPHABET[c0], BASE41_ALPHABET[c1], BASE41_ALPHABET[c2]);
  }
  if (evenEnd < bytes.length) {
    const v = bytes[evenEnd];
    chars.push(BASE41_ALPHABET[v % 41], BASE41_ALPHABET[Math.floor(v / 41)]);
  }
  return chars.join('');
}

/**
 * Decodes `text` from index `start` to its end. Returns the bytes, or the code of the problem:
 * a character outside the alphabet anywhere wins over a bad length, which wins over a group
 * value out of range (so the answer does not depend on where decoding stopped).
 */
export function decodeBase41(text: string, start = 0): Uint8Array<ArrayBuffer> | Base41ErrorCode {
  const n = text.length - start;
  const out = new Uint8Array(n % 3 === 1 ? 0 : decodedLength(n));
  const written = decodeBase41Into(text, start, out);
  return typeof written === 'string' ? written : out;
}

/** Bytes that `chars` base41 characters decode to (for a valid length). */
function decodedLength(chars: number): number {
  return Math.floor(chars / 3) * 2 + (chars % 3 === 2 ? 1 : 0);
}

/**
 * decodeBase41 into `out` (which must have room for the result); returns the number of bytes
 * written, or the error code. Lets the verifier reuse one buffer instead of allocating.
 */
export function decodeBase41Into(text: string, start: number, out: Uint8Array): number | Base41ErrorCode {
  const n = text.length - start;
  if (n % 3 === 1) return hasForeignCharacter(text, start) ? 'base41-char' : 'base41-length';
  if (out.length < decodedLength(n)) throw new RangeError('decodeBase41Into: output buffer too small');
  let o = 0;
  let i = start;
  const tripleEnd = text.length - (n % 3);
  for (; i < tripleEnd; i += 3) {
    const c0 = digit(text.charCodeAt(i));
    const c1 = digit(text.charCodeAt(i + 1));
    const c2 = digit(text.charCodeAt(i + 2));
    if ((c0 | c1 | c2) < 0) return 'base41-char';
    const v = c0 + c1 * 41 + c2 * 1681;
    if (v > 0xffff) return hasForeignCharacter(text, i + 3) ? 'base41-char' : 'base41-value';
    out[o++] = v >>> 8;
    out[o++] = v & 255;
  }
  if (i < text.length) {
    const c0 = digit(text.charCodeAt(i));
    const c1 = digit(text.charCodeAt(i + 1));
    if ((c0 | c1) < 0) return 'base41-char';
    const v = c0 + c1 * 41;
    if (v > 0xff) return 'base41-value';
    out[o++] = v;
  }
  return o;
}

function digit(code: number): number {
  return code < 128 ? DECODE_TABLE[code] : -1;
}

function hasForeignCharacter(text: string, start: number): boolean {
  for (let i = start; i < text.length; i++) {
    if (digit(text.charCodeAt(i)) < 0) return true;
  }
  return false;
}
