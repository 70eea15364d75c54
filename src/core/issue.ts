// Issuing a pass (portal side): claims → UTF-8 JSON → raw DEFLATE → JWS ES256 → QR text.

import { CompactSign, calculateJwkThumbprint } from 'jose';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import { CLAIMS_SCHEMA_VERSION, declarationFromClaims, declarationToClaims, isNumericDate, isPassId, MAX_VALIDITY_SECONDS } from './claims';
import type { PassClaims } from './claims';
import type { Declaration } from './declaration';
import { deflateRaw } from './deflate';
import { ck2Claims, parseCk2Claims } from './claims-ck2';
import { toQrText, type QrFormat } from './qr-text';

/** Default validity: 72 hours, as Hanoi's 2021 movement passes. */
export const DEFAULT_VALIDITY_SECONDS = 72 * 3600;

export interface PassSigner {
  /** ECDSA P-256 private key (sign usage). */
  privateKey: CryptoKey;
  /** Issuer identifier, the `iss` claim; must match the trust store entry exactly. */
  issuer: string;
  /** RFC 7638 thumbprint of the public key; required when the private key is not extractable. */
  kid?: string;
}

export interface IssueOptions {
  /** nbf; default now. */
  validFrom?: Date;
  /** exp; default validFrom + 72 h. */
  validUntil?: Date;
  /** Pass id; default base64url of 16 random bytes. Must be strict base64url, 22–64 chars. */
  passId?: string;
  /**
   * 'CK2' (default): the minimal pass — no phone, address or purpose note in the QR code (the
   * portal keeps them), QR version ≤ 13 at ECC M for the reference declaration. 'CK1': the
   * earlier full pass (still verified until such passes expire).
   */
  format?: QrFormat;
}

/** A fresh pass id: base64url of 16 bytes from the platform CSPRNG (128 random bits). */
export function newPassId(): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * Signs a declaration and returns the pass as QR text. Throws TypeError/RangeError for a
 * declaration that is not structurally valid (run validateDeclaration first), a bad key or bad
 * options. Everything issued here verifies with verifyPass given the matching trust store.
 */
export async function issuePass(declaration: Declaration, signer: PassSigner, options?: IssueOptions): Promise<string> {
  const { jws } = await issuePassJws(declaration, signer, options);
  return toQrText(jws, options?.format ?? 'CK2');
}

/** issuePass without the QR wrapping: the JWS compact string, its claims (CK1 object form; a CK2 pass signs them as the positional array), its kid. */
export async function issuePassJws(
  declaration: Declaration,
  signer: PassSigner,
  options?: IssueOptions,
): Promise<{ jws: string; claims: PassClaims; kid: string }> {
  const claims = await buildClaims(declaration, signer, options);
  const kid = signer.kid ?? (await thumbprintOfPrivateKey(signer.privateKey));
  if (decodeBase64Url(kid)?.length !== 32) throw new TypeError('issuePass: kid must be a base64url SHA-256 thumbprint (43 characters)');
  const body = (options?.format ?? 'CK2') === 'CK2' ? ck2Claims(claims, declaration) : claims;
  if (body !== claims && !parseCk2Claims(body)) {
    throw new TypeError('issuePass: the declaration does not fit a CK2 pass; run validateDeclaration first');
  }
  const payload = await deflateRaw(new TextEncoder().encode(JSON.stringify(body)));
  // Key order alg, kid, zip: exactly the canonical header that the compact QR container omits.
  const jws = await new CompactSign(payload).setProtectedHeader({ alg: 'ES256', kid, zip: 'DEF' }).sign(signer.privateKey);
  return { jws, claims, kid };
}

/** The claims object issuePass signs, after checking the declaration, signer and options. */
async function buildClaims(declaration: Declaration, signer: PassSigner, options?: IssueOptions): Promise<PassClaims> {
  if (typeof signer?.issuer !== 'string' || signer.issuer === '' || signer.issuer.length > 256) {
    throw new TypeError('issuePass: signer.issuer must be a non-empty string of at most 256 characters');
  }
  const algorithm = signer.privateKey?.algorithm as EcKeyAlgorithm | undefined;
  if (signer.privateKey?.type !== 'private' || algorithm?.name !== 'ECDSA' || algorithm.namedCurve !== 'P-256') {
    throw new TypeError('issuePass: signer.privateKey must be an ECDSA P-256 private key');
  }
  const d = declarationToClaims(declaration);
  if (!declarationFromClaims(d)) {
    throw new TypeError('issuePass: the declaration is not structurally valid; run validateDeclaration first');
  }
  const now = Date.now();
  const validFrom = options?.validFrom ?? new Date(now);
  const nbf = toNumericDate(validFrom, 'validFrom');
  const exp = options?.validUntil ? toNumericDate(options.validUntil, 'validUntil') : nbf + DEFAULT_VALIDITY_SECONDS;
  if (exp < nbf) throw new RangeError('issuePass: validUntil is before validFrom');
  if (exp - nbf > MAX_VALIDITY_SECONDS) throw new RangeError('issuePass: a pass is valid for at most 30 days');
  const jti = options?.passId ?? newPassId();
  if (!isPassId(jti)) throw new TypeError('issuePass: passId must be strict base64url of 22–64 characters');
  return { iss: signer.issuer, jti, iat: Math.floor(now / 1000), nbf, exp, v: CLAIMS_SCHEMA_VERSION, d };
}

function toNumericDate(date: Date, name: string): number {
  const t = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(t) || t < 0) throw new RangeError(`issuePass: ${name} must be a valid Date after 1970`);
  const seconds = Math.floor(t / 1000);
  if (!isNumericDate(seconds)) throw new RangeError(`issuePass: ${name} must be before the year 10000`);
  return seconds;
}

async function thumbprintOfPrivateKey(privateKey: CryptoKey): Promise<string> {
  if (!privateKey.extractable) {
    throw new TypeError('issuePass: signer.kid is required when the private key is not extractable');
  }
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  // The thumbprint covers only crv, kty, x, y, so the private member d does not enter it.
  return calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, 'sha256');
}
