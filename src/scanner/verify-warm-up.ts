/**
 * Warm-up for the verify worker: one pass issued with a throw-away key and verified against a
 * throw-away trust store, run when the worker starts (while the camera opens). The first real
 * verification in a fresh worker otherwise paid for compiling the verify path (base41, inflate,
 * strict JSON, claims) and for WebCrypto's first ECDSA use: 20–30 ms on the first verdict.
 * Nothing of it is kept; the real trust store is never touched.
 */
import type { Declaration } from '../core/declaration';
import { issuePass } from '../core/issue';
import { createTrustStore } from '../core/trust-store';
import { verifyPass } from '../core/verify';

const ISSUER = 'https://warm-up.invalid';

/** A structurally valid declaration (the codes are real ones); its dates do not matter here. */
const DECLARATION: Declaration = {
  fullName: 'Nguyễn Văn An',
  idType: 'cccd',
  idNumber: '001190012345',
  dateOfBirth: '1990-01-01',
  gender: 'male',
  phone: '0912345678',
  origin: { provinceCode: '01', unitCode: '00070', address: 'Hà Nội' },
  destination: { provinceCode: '27', unitCode: '09289', address: 'Bắc Ninh' },
  departureDate: '2021-09-14',
  purpose: 'work',
  health: { symptoms: [], contactWithCase: false },
};

/** Issues and verifies one pass; resolves to its verdict status (for tests). */
export async function warmUpVerify(): Promise<string> {
  const { privateKey, publicKey } = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', publicKey);
  const text = await issuePass(DECLARATION, { privateKey, issuer: ISSUER });
  const store = await createTrustStore({ issuers: [{ iss: ISSUER, jwks: { keys: [{ kty, crv, x, y }] } }], updatedAt: new Date() });
  return (await verifyPass(text, store)).status;
}
