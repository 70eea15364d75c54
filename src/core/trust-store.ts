// The verifier's trust data: which issuers are trusted, their ES256 public keys (imported once,
// here, and cached as CryptoKeys), the revoked pass ids and how fresh all of it is.

import { calculateJwkThumbprint } from 'jose';
import { decodeBase64Url } from './base64url';

export const DEFAULT_TRUST_MAX_AGE_SECONDS = 48 * 3600;

export type RejectedKeyReason =
  | 'not-an-object'
  | 'private-key' // carries `d`
  | 'kty' // not "EC"
  | 'crv' // not "P-256"
  | 'use' // present and not "sig"
  | 'alg' // present and not "ES256"
  | 'key-ops' // present without "verify"
  | 'coordinates' // x/y missing, not strict base64url of 32 bytes
  | 'kid-mismatch' // `kid` present and not the RFC 7638 thumbprint
  | 'import-failed' // WebCrypto refused the point (e.g. not on the curve)
  | 'duplicate'; // the same key listed twice for one issuer

export interface RejectedKey {
  iss: string;
  kid?: string;
  reason: RejectedKeyReason;
}

export interface TrustedKey {
  /** base64url RFC 7638 thumbprint — the only index keys are looked up by. */
  kid: string;
  /** The public JWK reduced to its RFC 7638 members { crv, kty, x, y }. */
  jwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
}

export interface TrustedIssuer {
  iss: string;
  keys: readonly TrustedKey[];
}

/** A JWK as found in a JWKS: the WebCrypto JsonWebKey plus the `kid` member it lacks. */
export type Jwk = JsonWebKey & { kid?: string };

export interface TrustStoreInit {
  issuers: { iss: string; jwks: { keys: Jwk[] } }[];
  revokedPassIds?: string[];
  updatedAt?: Date;
  maxAgeSeconds?: number;
  /** The trust data's own end of validity (a bundle's expiresAt): stale after it. */
  expiresAt?: Date;
}

export interface TrustStore {
  readonly issuers: readonly TrustedIssuer[];
  readonly updatedAt: Date;
  readonly maxAgeSeconds: number;
  /** JWKs that were ignored, and why. */
  readonly rejectedKeys: readonly RejectedKey[];
  isRevoked(passId: string): boolean;
  /** The imported verification keys of one issuer by kid, or undefined for an unknown issuer. */
  issuerKeys(iss: string): ReadonlyMap<string, CryptoKey> | undefined;
  /** True when the trust data is older than maxAgeSeconds at `now`, or past its expiresAt. */
  isStale(now: Date): boolean;
}

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/**
 * Builds a trust store. Each key is indexed by its computed RFC 7638 thumbprint; a key whose own
 * `kid` differs from that thumbprint is rejected (SMART Health Cards rule: kid = thumbprint), as
 * is anything that is not an ES256 public verification key. Throws TypeError/RangeError only
 * for an `init` of the wrong shape.
 */
export async function createTrustStore(init: TrustStoreInit): Promise<TrustStore> {
  if (typeof init !== 'object' || init === null || !Array.isArray(init.issuers)) {
    throw new TypeError('createTrustStore: init.issuers must be an array');
  }
  const updatedAt = init.updatedAt ?? new Date();
  if (!(updatedAt instanceof Date) || Number.isNaN(updatedAt.getTime())) {
    throw new TypeError('createTrustStore: updatedAt must be a valid Date');
  }
  const maxAgeSeconds = init.maxAgeSeconds ?? DEFAULT_TRUST_MAX_AGE_SECONDS;
  if (typeof maxAgeSeconds !== 'number' || !(maxAgeSeconds > 0) || !Number.isFinite(maxAgeSeconds)) {
    throw new RangeError('createTrustStore: maxAgeSeconds must be a positive finite number');
  }
  const revoked = new Set<string>();
  for (const id of init.revokedPassIds ?? []) {
    if (typeof id !== 'string') throw new TypeError('createTrustStore: revokedPassIds must be strings');
    revoked.add(id);
  }

  const rejectedKeys: RejectedKey[] = [];
  const keysByIssuer = new Map<string, Map<string, CryptoKey>>();
  const publicKeysByIssuer = new Map<string, TrustedKey[]>();
  for (const entry of init.issuers) {
    if (typeof entry !== 'object' || entry === null || typeof entry.iss !== 'string' || entry.iss === '') {
      throw new TypeError('createTrustStore: every issuer needs a non-empty string iss');
    }
    if (typeof entry.jwks !== 'object' || entry.jwks === null || !Array.isArray(entry.jwks.keys)) {
      throw new TypeError(`createTrustStore: issuer ${entry.iss} needs jwks.keys as an array`);
    }
    const iss = entry.iss;
    // An issuer listed twice gets the union of its keys.
    const keys = keysByIssuer.get(iss) ?? new Map<string, CryptoKey>();
    const publicKeys = publicKeysByIssuer.get(iss) ?? [];
    keysByIssuer.set(iss, keys);
    publicKeysByIssuer.set(iss, publicKeys);
    for (const jwk of entry.jwks.keys) {
      const accepted = await acceptKey(jwk);
      if ('reason' in accepted) {
        rejectedKeys.push({ iss, ...(accepted.kid !== undefined && { kid: accepted.kid }), reason: accepted.reason });
      } else if (keys.has(accepted.key.kid)) {
        rejectedKeys.push({ iss, kid: accepted.key.kid, reason: 'duplicate' });
      } else {
        keys.set(accepted.key.kid, accepted.cryptoKey);
        publicKeys.push(accepted.key);
      }
    }
  }

  const issuers: TrustedIssuer[] = [...publicKeysByIssuer].map(([iss, keys]) => ({ iss, keys }));
  const expiresAt = init.expiresAt;
  if (expiresAt !== undefined && (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime()))) {
    throw new TypeError('createTrustStore: expiresAt must be a valid Date');
  }
  const staleAfterMs = Math.min(updatedAt.getTime() + maxAgeSeconds * 1000, expiresAt?.getTime() ?? Infinity);
  return {
    issuers,
    updatedAt,
    maxAgeSeconds,
    rejectedKeys,
    isRevoked: (passId) => revoked.has(passId),
    issuerKeys: (iss) => keysByIssuer.get(iss),
    isStale: (now) => now.getTime() > staleAfterMs,
  };
}

type KeyCheck = { key: TrustedKey; cryptoKey: CryptoKey } | { reason: RejectedKeyReason; kid?: string };

async function acceptKey(jwk: unknown): Promise<KeyCheck> {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) return { reason: 'not-an-object' };
  const k = jwk as Record<string, unknown>;
  const declaredKid = typeof k.kid === 'string' ? k.kid : undefined;
  const reject = (reason: RejectedKeyReason): KeyCheck => ({ reason, ...(declaredKid !== undefined && { kid: declaredKid }) });
  if ('d' in k) return reject('private-key');
  if (k.kty !== 'EC') return reject('kty');
  if (k.crv !== 'P-256') return reject('crv');
  if (k.use !== undefined && k.use !== 'sig') return reject('use');
  if (k.alg !== undefined && k.alg !== 'ES256') return reject('alg');
  if (k.key_ops !== undefined && !(Array.isArray(k.key_ops) && k.key_ops.includes('verify'))) return reject('key-ops');
  if (!isCoordinate(k.x) || !isCoordinate(k.y)) return reject('coordinates');
  const publicJwk = { kty: 'EC', crv: 'P-256', x: k.x, y: k.y } as const;
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  if (declaredKid !== undefined && declaredKid !== kid) return reject('kid-mismatch');
  let cryptoKey: CryptoKey;
  try {
    cryptoKey = await crypto.subtle.importKey('jwk', publicJwk, ECDSA_P256, false, ['verify']);
  } catch {
    return { reason: 'import-failed', kid };
  }
  return { key: { kid, jwk: publicJwk }, cryptoKey };
}

function isCoordinate(value: unknown): value is string {
  return typeof value === 'string' && decodeBase64Url(value)?.length === 32;
}
