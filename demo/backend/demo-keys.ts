// ┌──────────────────────────────────────────────────────────────────────────────────────────┐
// │ DEMO-ONLY KEYS. These private keys are public (committed to the repository). Anything    │
// │ they sign proves nothing. A real portal generates its issuer key and its trust-anchor     │
// │ key in an HSM/KMS, never ships them to a browser, and configures kiosks with the anchor's │
// │ PUBLIC key only.                                                                          │
// └──────────────────────────────────────────────────────────────────────────────────────────┘
// Each `kid` is the key's RFC 7638 thumbprint, as the kit's trust store requires.
import type { PublicJwks } from '../../src/core/trust-bundle';

/** Issuer identifier (`iss`) of demo passes. The `.invalid` TLD can never resolve. */
export const DEMO_ISSUER = 'https://portal.demo.checkpoint-kit.invalid';

interface PrivateEcJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
  readonly d: string;
  readonly kid: string;
}

/** DEMO-ONLY: signs demo passes. */
export const DEMO_ISSUER_PRIVATE_JWK: PrivateEcJwk = {
  kty: 'EC',
  crv: 'P-256',
  x: 'wjaHq5gPjpxZtddEdiWVPpkFOY0FS_Uis06utVGOQbw',
  y: '91tjbHWvItYYJjV9G_6867JlOphQ55q5e4CbRt_CQKs',
  d: 'KaSAerTp3jsVIGmSpptjpfx6l1LKn9fYRYt3JPeN75U',
  kid: 'jU-AcYv3EzlfWY9gCet3GOeo3hfhSfleyoqaI8xZDss',
};

/** DEMO-ONLY: the authority's trust anchor, signs demo trust bundles. */
export const DEMO_TRUST_ANCHOR_PRIVATE_JWK: PrivateEcJwk = {
  kty: 'EC',
  crv: 'P-256',
  x: 'zKNI00joia40SLpdsDFn6HrGz4YcDJoXSSw28XX82vE',
  y: 'TRsh5xmVmUf8wNf7jNXXsJpEKP-w3Ufvbp590Ye380E',
  d: 'XfxjHvTu4QcoPuRFnfzzEaX-BxlCxLtsTIm_yB1A0wk',
  kid: 'sHvO5ERDRtraKX7D0BwK6zEfuIJiQK0-ioo45CfB5jg',
};


function publicPart(jwk: PrivateEcJwk): PublicJwks['keys'][number] {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid: jwk.kid, alg: 'ES256', use: 'sig' };
}

/** The issuer's public JWKS, as served at `/.well-known/jwks.json`. */
export const DEMO_ISSUER_PUBLIC_JWKS: PublicJwks = { keys: [publicPart(DEMO_ISSUER_PRIVATE_JWK)] };

/** What a demo kiosk is configured with (`trust-anchor` attribute / SyncEngine option). */
export const DEMO_TRUST_ANCHOR_PUBLIC_JWKS: PublicJwks = { keys: [publicPart(DEMO_TRUST_ANCHOR_PRIVATE_JWK)] };

