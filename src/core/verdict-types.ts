// The shape of a verification result.

import type { Declaration } from './declaration';

export const PASS_STATUSES = [
  'valid',
  'expired',
  'not-yet-valid',
  'revoked',
  'untrusted-issuer',
  'unknown-key',
  'bad-signature',
  'unsupported-algorithm',
  'malformed',
  'too-large',
  'stale-trust',
] as const;

export type PassStatus = (typeof PASS_STATUSES)[number];

export type PassWarning = 'stale-trust';

/**
 * Machine code of the exact sub-cause of a non-valid verdict (see docs/pass-format.md,
 * "Verification"). Absent when the status says it all (valid, expired, revoked, …).
 */
export type VerdictDetail =
  // too-large
  | 'length'
  | 'zip-cap'
  // malformed: QR text and container
  | 'type'
  | 'prefix'
  | 'version'
  | 'base41-char'
  | 'base41-length'
  | 'base41-value'
  | 'container'
  | 'tag'
  | 'non-canonical'
  // malformed: protected header
  | 'header-size'
  | 'header-json'
  | 'header-alg'
  | 'header-crit'
  | 'kid-missing'
  | 'kid-format'
  | 'zip'
  // unsupported-algorithm
  | 'alg'
  // malformed: payload
  | 'deflate'
  | 'claims-json'
  | 'iss'
  | 'claims'
  // bad-signature
  | 'signature-length'
  | 'signature'
  // last resort
  | 'internal';

export interface VerifiedPass {
  passId: string;
  issuer: string;
  /** base64url RFC 7638 thumbprint of the signing key. */
  kid: string;
  issuedAt: Date;
  validFrom: Date;
  validUntil: Date;
  /** CK2 passes carry no phone, addresses or purpose note: those are '' / absent here. */
  declaration: Declaration;
  /** The QR text version the pass came in. */
  format?: 'CK1' | 'CK2';
}

export interface PassVerdict {
  status: PassStatus;
  /** Human sentence in the requested language (default Vietnamese). */
  reason: string;
  /** The same sentence in both languages. */
  reasons: { vi: string; en: string };
  detail?: VerdictDetail;
  warnings: PassWarning[];
  /** Present only when status is 'valid'. */
  pass?: VerifiedPass;
}
