// The QR text form of a pass: `CK1:` + base41(container). The container carries the three
// parts of a JWS compact string as raw bytes (no base64url inflation), and drops the protected
// header altogether when it is exactly the canonical one this kit issues. See docs/pass-format.md.

import { decodeBase41, decodeBase41Into, encodeBase41 } from './base41';
import type { Base41ErrorCode } from './base41';
import { decodeBase64Url, encodeBase64Url, writeBase64UrlAscii } from './base64url';

export const QR_TEXT_PREFIX = 'CK1:';
/** The minimal pass (claims as one positional array, no address): same container and base41. */
export const QR_TEXT_PREFIX_CK2 = 'CK2:';
export type QrFormat = 'CK1' | 'CK2';

/**
 * The most characters a version-40 QR code holds in alphanumeric mode at ECC level L (ISO/IEC
 * 18004 table 7). Longer text cannot be a pass, so verifiers refuse it before any other work.
 */
export const MAX_QR_TEXT_CHARS = 4296;

/** Container form tags (byte 0 of the container). */
export const CONTAINER_TAG_GENERIC = 0x00;
export const CONTAINER_TAG_COMPACT_ES256 = 0x01;

const KID_BYTES = 32;
const ES256_SIGNATURE_BYTES = 64;
const CANONICAL_HEADER_HEAD = '{"alg":"ES256","kid":"';
const CANONICAL_HEADER_TAIL = '","zip":"DEF"}';
/** Byte length of the canonical header: head + 43 base64url characters of the kid + tail. */
export const CANONICAL_HEADER_LENGTH = CANONICAL_HEADER_HEAD.length + 43 + CANONICAL_HEADER_TAIL.length;
/** Largest length a container varint may carry (two LEB128 bytes); no real pass comes near it. */
const MAX_VARINT = 0x3fff;

export type QrTextErrorCode =
  | 'type'
  | 'too-large'
  | 'prefix'
  | 'version'
  | Base41ErrorCode
  | 'container'
  | 'tag'
  | 'non-canonical'
  | 'jws-segments'
  | 'base64url';

/** The codes parseQrText can return (the JWS-side codes belong to toQrText only). */
export type QrTextParseErrorCode = Exclude<QrTextErrorCode, 'jws-segments' | 'base64url'>;

const QR_TEXT_ERROR_MESSAGES: Record<QrTextErrorCode, string> = {
  type: 'The input is not a string.',
  'too-large': `The QR text would exceed ${MAX_QR_TEXT_CHARS} characters, the capacity of the largest QR code.`,
  prefix: `The text does not start with "${QR_TEXT_PREFIX}" or "${QR_TEXT_PREFIX_CK2}".`,
  version: 'The text starts with a Checkpoint Kit prefix of another version.',
  'base41-char': 'The text contains a character outside the base41 alphabet.',
  'base41-length': 'The base41 text has a length that no byte string encodes to (1 mod 3).',
  'base41-value': 'A base41 group encodes a value too large for its bytes (non-canonical).',
  container: 'The binary container is empty, truncated or has a bad length field.',
  tag: 'The binary container has an unknown form tag.',
  'non-canonical': 'The generic container form was used where the compact ES256 form applies.',
  'jws-segments': 'A JWS compact string must have exactly three dot-separated segments.',
  base64url: 'A JWS segment is not strict unpadded base64url.',
};

/** Thrown by `toQrText`/`fromQrText`; `code` names the exact rule that failed. */
export class QrTextError extends Error {
  readonly code: QrTextErrorCode;

  constructor(code: QrTextErrorCode) {
    super(QR_TEXT_ERROR_MESSAGES[code]);
    this.name = 'QrTextError';
    this.code = code;
  }
}

/** The JWS parts carried by a container. Tag 1 stores only the kid of the canonical header. */
export type QrContainer = (
  | { tag: 0x01; kid: Uint8Array<ArrayBuffer>; signature: Uint8Array<ArrayBuffer>; payload: Uint8Array<ArrayBuffer> }
  | { tag: 0x00; header: Uint8Array<ArrayBuffer>; signature: Uint8Array<ArrayBuffer>; payload: Uint8Array<ArrayBuffer> }
) & { format: QrFormat };

/** The canonical protected header for a kid given as base64url. */
export function canonicalHeader(kidBase64Url: string): string {
  return CANONICAL_HEADER_HEAD + kidBase64Url + CANONICAL_HEADER_TAIL;
}

/**
 * The canonical protected header bytes for a raw 32-byte kid (no intermediate strings), in
 * `out` when given (at least 79 bytes; the result is then a view of it).
 */
export function canonicalHeaderBytes(kid: Uint8Array, out: Uint8Array<ArrayBuffer> = new Uint8Array(CANONICAL_HEADER_LENGTH)): Uint8Array<ArrayBuffer> {
  for (let i = 0; i < CANONICAL_HEADER_HEAD.length; i++) out[i] = CANONICAL_HEADER_HEAD.charCodeAt(i);
  const tailStart = writeBase64UrlAscii(kid, out, CANONICAL_HEADER_HEAD.length);
  for (let i = 0; i < CANONICAL_HEADER_TAIL.length; i++) out[tailStart + i] = CANONICAL_HEADER_TAIL.charCodeAt(i);
  return out.subarray(0, CANONICAL_HEADER_LENGTH);
}

/** The largest container a QR text within the cap can carry. */
export const MAX_CONTAINER_BYTES = Math.floor((MAX_QR_TEXT_CHARS - QR_TEXT_PREFIX.length) / 3) * 2 + 1;

/**
 * Non-throwing parse of QR text into container parts (the verifier's entry point). Checks run
 * cheapest first: type, length cap, prefix/version, base41, container layout.
 * With `buffer` (at least MAX_CONTAINER_BYTES long) the container is decoded into it and the
 * parts are views of it, valid until the buffer is reused; without, into fresh memory.
 */
export function parseQrText(text: unknown, buffer?: Uint8Array<ArrayBuffer>): QrContainer | QrTextParseErrorCode {
  if (typeof text !== 'string') return 'type';
  if (text.length > MAX_QR_TEXT_CHARS) return 'too-large';
  const format: QrFormat | undefined = text.startsWith(QR_TEXT_PREFIX) ? 'CK1' : text.startsWith(QR_TEXT_PREFIX_CK2) ? 'CK2' : undefined;
  if (!format) return /^CK\d+:/.test(text) ? 'version' : 'prefix';
  if (!buffer) {
    const bytes = decodeBase41(text, QR_TEXT_PREFIX.length);
    return typeof bytes === 'string' ? bytes : parseContainer(bytes, format);
  }
  const length = decodeBase41Into(text, QR_TEXT_PREFIX.length, buffer);
  return typeof length === 'string' ? length : parseContainer(buffer.subarray(0, length), format);
}

function parseContainer(bytes: Uint8Array<ArrayBuffer>, format: QrFormat): QrContainer | QrTextParseErrorCode {
  if (bytes.length === 0) return 'container';
  const tag = bytes[0];
  if (tag === CONTAINER_TAG_COMPACT_ES256) {
    const payloadStart = 1 + KID_BYTES + ES256_SIGNATURE_BYTES;
    if (bytes.length < payloadStart) return 'container';
    return {
      tag,
      format,
      kid: bytes.subarray(1, 1 + KID_BYTES),
      signature: bytes.subarray(1 + KID_BYTES, payloadStart),
      payload: bytes.subarray(payloadStart),
    };
  }
  if (tag === CONTAINER_TAG_GENERIC) {
    const headerLength = readVarint(bytes, 1);
    if (headerLength === undefined) return 'container';
    const headerStart = 1 + varintSize(headerLength);
    const headerEnd = headerStart + headerLength;
    const signatureLength = readVarint(bytes, headerEnd);
    if (signatureLength === undefined) return 'container';
    const signatureStart = headerEnd + varintSize(signatureLength);
    const payloadStart = signatureStart + signatureLength;
    if (payloadStart > bytes.length) return 'container';
    const header = bytes.subarray(headerStart, headerEnd);
    const signature = bytes.subarray(signatureStart, payloadStart);
    // One JWS has one QR text: the generic form must not carry what the compact form can.
    if (signature.length === ES256_SIGNATURE_BYTES && canonicalHeaderKid(header) !== undefined) {
      return 'non-canonical';
    }
    return { tag, format, header, signature, payload: bytes.subarray(payloadStart) };
  }
  return 'tag';
}

/**
 * Wraps a JWS compact string in the QR text encoding, under the prefix of its claims format
 * (`CK2` for a positional claims array, `CK1` for a claims object). Throws `QrTextError`.
 */
export function toQrText(jws: string, format: QrFormat = 'CK1'): string {
  if (typeof jws !== 'string') throw new QrTextError('type');
  const segments = jws.split('.');
  if (segments.length !== 3) throw new QrTextError('jws-segments');
  const header = decodeBase64Url(segments[0]);
  const payload = decodeBase64Url(segments[1]);
  const signature = decodeBase64Url(segments[2]);
  if (!header || !payload || !signature) throw new QrTextError('base64url');

  const kid = canonicalHeaderKid(header);
  let container: Uint8Array;
  if (kid && signature.length === ES256_SIGNATURE_BYTES) {
    container = concatBytes([Uint8Array.of(CONTAINER_TAG_COMPACT_ES256), kid, signature, payload]);
  } else {
    if (header.length > MAX_VARINT || signature.length > MAX_VARINT) throw new QrTextError('too-large');
    container = concatBytes([
      Uint8Array.of(CONTAINER_TAG_GENERIC),
      writeVarint(header.length),
      header,
      writeVarint(signature.length),
      signature,
      payload,
    ]);
  }
  const text = (format === 'CK2' ? QR_TEXT_PREFIX_CK2 : QR_TEXT_PREFIX) + encodeBase41(container);
  if (text.length > MAX_QR_TEXT_CHARS) throw new QrTextError('too-large');
  return text;
}

/** Unwraps QR text into the exact JWS compact string it carries. Throws `QrTextError`. */
export function fromQrText(qrText: string): string {
  const parsed = parseQrText(qrText);
  if (typeof parsed === 'string') throw new QrTextError(parsed);
  const headerB64 =
    parsed.tag === CONTAINER_TAG_COMPACT_ES256
      ? encodeBase64Url(canonicalHeaderBytes(parsed.kid))
      : encodeBase64Url(parsed.header);
  return `${headerB64}.${encodeBase64Url(parsed.payload)}.${encodeBase64Url(parsed.signature)}`;
}

/**
 * The raw kid if `header` is byte for byte the canonical header (alg, kid, zip in that order, no
 * whitespace, kid 43 strict base64url characters), else `undefined`.
 */
export function canonicalHeaderKid(header: Uint8Array): Uint8Array<ArrayBuffer> | undefined {
  if (header.length !== CANONICAL_HEADER_LENGTH) return undefined;
  for (let i = 0; i < CANONICAL_HEADER_HEAD.length; i++) {
    if (header[i] !== CANONICAL_HEADER_HEAD.charCodeAt(i)) return undefined;
  }
  const tailStart = CANONICAL_HEADER_LENGTH - CANONICAL_HEADER_TAIL.length;
  for (let i = 0; i < CANONICAL_HEADER_TAIL.length; i++) {
    if (header[tailStart + i] !== CANONICAL_HEADER_TAIL.charCodeAt(i)) return undefined;
  }
  let kidText = '';
  for (let i = CANONICAL_HEADER_HEAD.length; i < tailStart; i++) kidText += String.fromCharCode(header[i]);
  const kid = decodeBase64Url(kidText);
  return kid && kid.length === KID_BYTES ? kid : undefined;
}

function concatBytes(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

// Container lengths are unsigned LEB128 in minimal form, at most two bytes (values < 16,384).
function writeVarint(value: number): Uint8Array {
  return value < 0x80 ? Uint8Array.of(value) : Uint8Array.of((value & 0x7f) | 0x80, value >>> 7);
}

function varintSize(value: number): number {
  return value < 0x80 ? 1 : 2;
}

function readVarint(bytes: Uint8Array, offset: number): number | undefined {
  if (offset >= bytes.length) return undefined;
  const b0 = bytes[offset];
  if (b0 < 0x80) return b0;
  if (offset + 1 >= bytes.length) return undefined;
  const b1 = bytes[offset + 1];
  // b1 === 0 would be an over-long encoding of a value < 128; b1 ≥ 0x80 would need a third byte.
  if (b1 === 0 || b1 >= 0x80) return undefined;
  return (b0 & 0x7f) | (b1 << 7);
}
