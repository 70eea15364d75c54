// verifyPass: QR text → verdict. Never throws. Each step runs only after the previous one
// passed, cheapest first, so hostile input is turned away before it costs anything:
//  1 length cap  2 prefix/base41/container  3 protected header  4 capped inflate
//  5 issuer allow-list  6 kid within that issuer  7 ES256 signature  8 claim schema
//  9 time window  10 revocation  then trust freshness.
// jose is deliberately not used here: keys are pre-imported CryptoKeys, and the signing input
// is rebuilt straight from the container bytes. Inflation is the synchronous decoder in
// inflate.ts, not DecompressionStream, whose per-call cost rivals the signature check.

import { base64UrlLength, decodeBase64Url, encodeBase64Url, writeBase64UrlAscii } from './base64url';
import { parsePassClaims, passFromClaims } from './claims';
import { parseCk2Claims, type Ck2Times } from './claims-ck2';
import type { Declaration } from './declaration';
import { MAX_CLAIMS_BYTES } from './deflate';
import { inflateRaw } from './inflate';
import { CANONICAL_HEADER_LENGTH, canonicalHeaderBytes, CONTAINER_TAG_COMPACT_ES256, MAX_CONTAINER_BYTES, parseQrText } from './qr-text';
import type { QrContainer, QrFormat } from './qr-text';
import { parseStrictJson } from './strict-json';
import { reasonText, reasonTexts } from './texts';
import type { ReasonLang } from './texts';
import type { TrustStore } from './trust-store';
import type { PassStatus, PassVerdict, PassWarning, VerdictDetail, VerifiedPass } from './verdict-types';

export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 60;
/** Largest protected header accepted (bytes, generic container form). */
export const MAX_HEADER_BYTES = 512;

export interface VerifyOptions {
  /** The instant to verify at; default the device clock. An invalid Date falls back to it too. */
  now?: Date;
  /** Allowed clock difference for nbf/exp, in seconds; default 60. */
  clockToleranceSeconds?: number;
  /** Turn a valid pass into status 'stale-trust' when the trust data is older than its max age. */
  failOnStaleTrust?: boolean;
  /** Language of `reason`; default 'vi'. */
  lang?: ReasonLang;
}

const STRICT = { integersOnly: true } as const;
const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

const DOT = 0x2e;

let strictUtf8: TextDecoder | undefined;
/**
 * UTF-8 decoding that refuses invalid sequences and keeps a BOM (so JSON.parse refuses it).
 * Created once: without the stream option a TextDecoder keeps no state between calls.
 */
function decodeUtf8(bytes: Uint8Array): string {
  strictUtf8 ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  return strictUtf8.decode(bytes);
}

/**
 * Working memory of the verify path, allocated once: the decoded container, the inflated
 * claims, the protected header and the signing input. Sharing it between calls is safe because
 * a call stops using it before its only await: by then the claims are parsed into fresh JS
 * values and crypto.subtle.verify has copied its inputs (WebCrypto copies at call time).
 * Fresh typed arrays per call cost more than the rest of the parsing in Chromium.
 */
interface Scratch {
  container: Uint8Array<ArrayBuffer>;
  claims: Uint8Array<ArrayBuffer>;
  header: Uint8Array<ArrayBuffer>;
  signingInput: Uint8Array<ArrayBuffer>;
}
let scratch: Scratch | undefined;

function scratchMemory(): Scratch {
  scratch ??= {
    container: new Uint8Array(MAX_CONTAINER_BYTES),
    claims: new Uint8Array(MAX_CLAIMS_BYTES),
    header: new Uint8Array(CANONICAL_HEADER_LENGTH),
    signingInput: new Uint8Array(base64UrlLength(MAX_HEADER_BYTES) + 1 + base64UrlLength(MAX_CONTAINER_BYTES)),
  };
  return scratch;
}

export async function verifyPass(qrText: string, trust: TrustStore, options?: VerifyOptions): Promise<PassVerdict> {
  const lang: ReasonLang = options?.lang === 'en' ? 'en' : 'vi';
  let warnings: PassWarning[] = [];
  try {
    const now = options?.now instanceof Date && !Number.isNaN(options.now.getTime()) ? options.now : new Date();
    warnings = trust.isStale(now) ? ['stale-trust'] : [];
    const checked = check(qrText, trust, now, options);
    // One await per verification, and only for the signature (no async helper layers).
    const outcome =
      'signatureCheck' in checked
        ? (await checked.signatureCheck)
          ? checked.claimsOutcome
          : fail('bad-signature', 'signature')
        : checked;
    if (outcome.status === 'valid' && warnings.length > 0 && options?.failOnStaleTrust === true) {
      return verdict('stale-trust', lang, warnings);
    }
    return verdict(outcome.status, lang, warnings, outcome.detail, outcome.pass);
  } catch {
    // Last resort only (e.g. a trust object that is not a TrustStore); no known input gets here.
    return verdict('malformed', lang, warnings, 'internal');
  }
}

interface Outcome {
  status: PassStatus;
  detail?: VerdictDetail;
  pass?: VerifiedPass;
}

function fail(status: PassStatus, detail?: VerdictDetail): Outcome {
  return detail === undefined ? { status } : { status, detail };
}

/** Steps 1–6 decided synchronously, or the signature check under way with steps 8–10 done. */
type Checked = Outcome | { signatureCheck: Promise<boolean>; claimsOutcome: Outcome };

function check(qrText: unknown, trust: TrustStore, now: Date, options?: VerifyOptions): Checked {
  const memory = scratchMemory();
  // 1–2: length cap, prefix and version, base41, container layout.
  const container = parseQrText(qrText, memory.container);
  if (typeof container === 'string') {
    return container === 'too-large' ? fail('too-large', 'length') : fail('malformed', container);
  }

  // 3: protected header.
  const header = readHeader(container, memory.header);
  if ('status' in header) return header;

  // 4: decompression under a hard cap.
  const inflated = inflateRaw(container.payload, MAX_CLAIMS_BYTES, memory.claims);
  if (inflated === 'cap') return fail('too-large', 'zip-cap');
  if (inflated === 'invalid') return fail('malformed', 'deflate');

  // 5: issuer allow-list, before any key lookup.
  // Strict JSON: a duplicate member, a number not written as an integer → malformed.
  let claims: unknown;
  try {
    claims = parseStrictJson(decodeUtf8(inflated), STRICT);
  } catch {
    return fail('malformed', 'claims-json');
  }
  // CK1 claims are an object, CK2 claims a positional array (iss first): the prefix says which,
  // and as the two shapes are disjoint, a pass relabelled with the other prefix is malformed.
  const ck2 = container.format === 'CK2';
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims) !== ck2) return fail('malformed', 'claims-json');
  const iss = ck2 ? (claims as unknown[])[0] : (claims as Record<string, unknown>).iss;
  if (typeof iss !== 'string') return fail('malformed', 'iss');
  const issuerKeys = trust.issuerKeys(iss);
  if (!issuerKeys) return fail('untrusted-issuer');

  // 6: the key, looked up only among this issuer's keys.
  const key = issuerKeys.get(header.kid);
  if (!key) return fail('unknown-key');

  // 7: signature over ASCII(b64url(header) '.' b64url(payload)).
  if (container.signature.length !== 64) return fail('bad-signature', 'signature-length');
  const signingInput = buildSigningInput(header.headerBytes, container.payload, memory.signingInput);
  const signatureCheck = crypto.subtle.verify(ECDSA_SHA256, key, container.signature, signingInput);
  // Where WebCrypto verifies off the JavaScript thread (Node does), steps 8–10 run meanwhile.
  // Their outcome counts only after a genuine signature: the verdict is the same as in sequence.
  let claimsOutcome: Outcome;
  try {
    claimsOutcome = checkClaims(claims, container.format, header.kid, trust, now, options);
  } catch (error) {
    signatureCheck.catch(() => undefined); // nobody will await it now
    throw error;
  }
  return { signatureCheck, claimsOutcome };
}

/** Steps 8–10: claim schema (structural), time window with tolerance, revocation. */
function checkClaims(claims: object, format: QrFormat, kid: string, trust: TrustStore, now: Date, options?: VerifyOptions): Outcome {
  const parsed = format === 'CK2' ? parseCk2Claims(claims) : toTimes(parsePassClaims(claims as Record<string, unknown>));
  if (!parsed) return fail('malformed', 'claims');
  const { times: c, declaration } = parsed;

  const tolerance = readTolerance(options?.clockToleranceSeconds);
  const nowSeconds = now.getTime() / 1000;
  if (nowSeconds < c.nbf - tolerance) return fail('not-yet-valid');
  if (nowSeconds > c.exp + tolerance) return fail('expired');

  if (trust.isRevoked(c.jti)) return fail('revoked');

  return { status: 'valid', pass: passFromClaims(c, declaration, kid, format) };
}

function toTimes(parsed: ReturnType<typeof parsePassClaims>): { times: Ck2Times; declaration: Declaration } | undefined {
  return parsed && { times: parsed.claims, declaration: parsed.declaration };
}

interface HeaderInfo {
  kid: string;
  /** The protected header bytes as signed (base64url-encoded into the signing input). */
  headerBytes: Uint8Array;
}

function readHeader(container: QrContainer, buffer: Uint8Array<ArrayBuffer>): HeaderInfo | Outcome {
  if (container.tag === CONTAINER_TAG_COMPACT_ES256) {
    // The compact form stands for exactly the canonical header: nothing to parse.
    return { kid: encodeBase64Url(container.kid), headerBytes: canonicalHeaderBytes(container.kid, buffer) };
  }
  const bytes = container.header;
  if (bytes.length > MAX_HEADER_BYTES) return fail('malformed', 'header-size');
  let header: unknown;
  try {
    header = parseStrictJson(decodeUtf8(bytes), STRICT);
  } catch {
    return fail('malformed', 'header-json');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return fail('malformed', 'header-json');
  const h = header as Record<string, unknown>;
  if (typeof h.alg !== 'string') return fail('malformed', 'header-alg');
  if (h.alg !== 'ES256') return fail('unsupported-algorithm', 'alg');
  // No extension is understood, so any `crit` must be refused (RFC 7515 §4.1.11).
  if ('crit' in h) return fail('malformed', 'header-crit');
  if (h.kid === undefined) return fail('malformed', 'kid-missing');
  if (typeof h.kid !== 'string' || h.kid.length !== 43 || decodeBase64Url(h.kid) === undefined) {
    return fail('malformed', 'kid-format');
  }
  if (h.zip !== 'DEF') return fail('malformed', 'zip');
  return { kid: h.kid, headerBytes: bytes };
}

/** ASCII(b64url(header) '.' b64url(payload)), written into `buffer`; returns the view. */
function buildSigningInput(header: Uint8Array, payload: Uint8Array, buffer: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const headerChars = base64UrlLength(header.length);
  writeBase64UrlAscii(header, buffer, 0);
  buffer[headerChars] = DOT;
  const end = writeBase64UrlAscii(payload, buffer, headerChars + 1);
  return buffer.subarray(0, end);
}

function readTolerance(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : DEFAULT_CLOCK_TOLERANCE_SECONDS;
}

function verdict(
  status: PassStatus,
  lang: ReasonLang,
  warnings: PassWarning[],
  detail?: VerdictDetail,
  pass?: VerifiedPass,
): PassVerdict {
  return {
    status,
    reason: reasonText(status, lang),
    reasons: reasonTexts(status),
    ...(detail !== undefined && { detail }),
    warnings,
    ...(pass !== undefined && status === 'valid' && { pass }),
  };
}
