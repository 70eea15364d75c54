// Strict base64url (RFC 4648 §5) without padding, as JWS compact serialisation uses it.
// Strict means: only the 64 URL-safe characters, no '=', no whitespace, a length that is not
// 1 mod 4, and zero bits in the unused tail of the last character. Every byte string therefore
// has exactly one accepted encoding, so decode(encode(x)) and encode(decode(s)) are identities.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** ASCII code of each alphabet character, by 6-bit value. */
const ENCODE_TABLE: Uint8Array = /* @__PURE__ */ Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));

/** 6-bit value by ASCII code, or -1 for a character outside the alphabet. */
const DECODE_TABLE: Int8Array = /* @__PURE__ */ (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** Number of base64url characters for `byteLength` bytes. */
export function base64UrlLength(byteLength: number): number {
  return Math.ceil((byteLength * 4) / 3);
}

/**
 * Writes the base64url form of `bytes` as ASCII codes into `out` at `offset`; returns the new
 * offset. Used on the verify path to build the signing input without intermediate strings.
 */
export function writeBase64UrlAscii(bytes: Uint8Array, out: Uint8Array, offset: number): number {
  let o = offset;
  const fullGroups = bytes.length - (bytes.length % 3);
  for (let i = 0; i < fullGroups; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = ENCODE_TABLE[v >>> 18];
    out[o++] = ENCODE_TABLE[(v >>> 12) & 63];
    out[o++] = ENCODE_TABLE[(v >>> 6) & 63];
    out[o++] = ENCODE_TABLE[v & 63];
  }
  const rest = bytes.length - fullGroups;
  if (rest === 1) {
    const v = bytes[fullGroups];
    out[o++] = ENCODE_TABLE[v >>> 2];
    out[o++] = ENCODE_TABLE[(v & 3) << 4];
  } else if (rest === 2) {
    const v = (bytes[fullGroups] << 8) | bytes[fullGroups + 1];
    out[o++] = ENCODE_TABLE[v >>> 10];
    out[o++] = ENCODE_TABLE[(v >>> 4) & 63];
    out[o++] = ENCODE_TABLE[(v & 15) << 2];
  }
  return o;
}

let asciiDecoder: TextDecoder | undefined;

/** Turns a byte array of ASCII codes into a flat string (ASCII is valid UTF-8 as it is). */
function asciiToString(ascii: Uint8Array): string {
  asciiDecoder ??= new TextDecoder();
  return asciiDecoder.decode(ascii);
}

export function encodeBase64Url(bytes: Uint8Array): string {
  const ascii = new Uint8Array(base64UrlLength(bytes.length));
  writeBase64UrlAscii(bytes, ascii, 0);
  return asciiToString(ascii);
}

/** Decodes strict base64url; `undefined` for anything that is not the canonical encoding. */
export function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  const n = text.length;
  const rest = n % 4;
  if (rest === 1) return undefined;
  const out = new Uint8Array(Math.floor(n / 4) * 3 + (rest === 0 ? 0 : rest - 1));
  let o = 0;
  const fullEnd = n - rest;
  for (let i = 0; i < fullEnd; i += 4) {
    const a = sextet(text, i), b = sextet(text, i + 1), c = sextet(text, i + 2), d = sextet(text, i + 3);
    if ((a | b | c | d) < 0) return undefined;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >>> 16;
    out[o++] = (v >>> 8) & 255;
    out[o++] = v & 255;
  }
  if (rest === 2) {
    const a = sextet(text, fullEnd), b = sextet(text, fullEnd + 1);
    if ((a | b) < 0 || (b & 15) !== 0) return undefined; // non-zero unused bits: not canonical
    out[o] = (a << 2) | (b >>> 4);
  } else if (rest === 3) {
    const a = sextet(text, fullEnd), b = sextet(text, fullEnd + 1), c = sextet(text, fullEnd + 2);
    if ((a | b | c) < 0 || (c & 3) !== 0) return undefined;
    const v = (a << 10) | (b << 4) | (c >>> 2);
    out[o++] = v >>> 8;
    out[o] = v & 255;
  }
  return out;
}

/** True when `text` is strict base64url (see the module comment). */
export function isBase64Url(text: string): boolean {
  return decodeBase64Url(text) !== undefined;
}

function sextet(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? DECODE_TABLE[code] : -1;
}
