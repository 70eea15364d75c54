/// <reference types="node" />
// The portal's two signing keys: the issuer key (signs passes) and the trust-anchor key (signs
// trust bundles). A real portal configures its own (ISSUER, ISSUER_KEY_FILE,
// TRUST_ANCHOR_KEY_FILE: private EC P-256 JWKs in files only the server reads); the repository's
// demo keys are public and serve the demo and the tests only.
import { readFileSync } from 'node:fs';
import { calculateJwkThumbprint } from 'jose';
import { DEMO_ISSUER, DEMO_ISSUER_PRIVATE_JWK, DEMO_TRUST_ANCHOR_PRIVATE_JWK } from '../demo/backend/demo-keys';
import type { PublicJwks } from '../src/core/trust-bundle';

export interface PrivateEcJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  d: string;
  kid: string;
}

export interface SigningKeys {
  /** `iss` of the passes this portal issues. */
  issuer: string;
  issuerJwk: PrivateEcJwk;
  anchorJwk: PrivateEcJwk;
  /** True for the repository's public demo keys. */
  demo: boolean;
}

export const DEMO_SIGNING_KEYS: SigningKeys = {
  issuer: DEMO_ISSUER, issuerJwk: { ...DEMO_ISSUER_PRIVATE_JWK }, anchorJwk: { ...DEMO_TRUST_ANCHOR_PRIVATE_JWK }, demo: true,
};

export function publicJwks(jwk: PrivateEcJwk): PublicJwks {
  return { keys: [{ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid: jwk.kid, alg: 'ES256', use: 'sig' }] };
}

const B64URL = /^[A-Za-z0-9_-]{43}$/;

/** A private P-256 JWK whose `kid` is its RFC 7638 thumbprint (as the kit's trust store requires). */
export async function parsePrivateJwk(text: string, what: string): Promise<PrivateEcJwk> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${what}: not JSON`);
  }
  const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (o.kty !== 'EC' || o.crv !== 'P-256') throw new Error(`${what}: must be an EC P-256 JWK`);
  for (const m of ['x', 'y', 'd'] as const) if (typeof o[m] !== 'string' || !B64URL.test(o[m])) throw new Error(`${what}: member ${m} is missing or malformed`);
  const jwk = { kty: 'EC', crv: 'P-256', x: o.x as string, y: o.y as string, d: o.d as string } as const;
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, 'sha256');
  if (o.kid !== undefined && o.kid !== kid) throw new Error(`${what}: kid is not the key's RFC 7638 thumbprint`);
  // The key must really be a key: importing checks that the point lies on the curve.
  try {
    await crypto.subtle.importKey('jwk', { ...jwk }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  } catch {
    throw new Error(`${what}: not a valid P-256 private key`);
  }
  return { ...jwk, kid };
}

/**
 * Keys from the environment: ISSUER (an https URL), ISSUER_KEY_FILE and TRUST_ANCHOR_KEY_FILE.
 * Null when none of the three is set; an error naming what is wrong when only some are, or when
 * they are malformed.
 */
export async function keysFromEnv(env: NodeJS.ProcessEnv, read: (path: string) => string = (p) => readFileSync(p, 'utf8')): Promise<SigningKeys | null> {
  const { ISSUER: issuer, ISSUER_KEY_FILE: issuerFile, TRUST_ANCHOR_KEY_FILE: anchorFile } = env;
  if (!issuer && !issuerFile && !anchorFile) return null;
  if (!issuer || !issuerFile || !anchorFile) throw new Error('set all of ISSUER, ISSUER_KEY_FILE and TRUST_ANCHOR_KEY_FILE');
  if (!/^https:\/\/[^\s/]+/.test(issuer) || issuer.length > 200) throw new Error('ISSUER must be an https URL');
  const issuerJwk = await parsePrivateJwk(read(issuerFile), 'ISSUER_KEY_FILE');
  const anchorJwk = await parsePrivateJwk(read(anchorFile), 'TRUST_ANCHOR_KEY_FILE');
  if (issuerJwk.kid === anchorJwk.kid) throw new Error('the issuer key and the trust-anchor key must differ');
  const demoKids = new Set([DEMO_ISSUER_PRIVATE_JWK.kid, DEMO_TRUST_ANCHOR_PRIVATE_JWK.kid]);
  if (demoKids.has(issuerJwk.kid) || demoKids.has(anchorJwk.kid)) throw new Error('the configured keys are the public demo keys');
  return { issuer, issuerJwk, anchorJwk, demo: false };
}
