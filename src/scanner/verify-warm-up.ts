/**
 * Warm-up for the verify worker: one pass verified against a throw-away trust store when the
 * worker starts (while the camera opens). The first real verification in a fresh worker
 * otherwise paid for compiling the verify path (base41, inflate, strict JSON, claims), importing
 * a key and WebCrypto's first ECDSA use: 20–25 ms on the first verdict. The pass below was issued
 * once with a throw-away key for this purpose (travel in 2021: it verifies as expired, which
 * needs a good signature); the real trust store is never touched.
 */
import { createTrustStore } from '../core/trust-store';
import { verifyPass } from '../core/verify';

const ISSUER = 'https://warm-up.invalid';
const KEY = { kty: 'EC', crv: 'P-256', x: 'ImIhQNqNE_gM4wEhLiHhu5fnOxB57T-L3_Uzhx2-Mzc', y: 'VJPtHNXdHv6KGpTYpSEgQ35hfRFBliRX5KdfsXMHQp4' };
const PASS = [
  'CK2::B00S14ZAJVN0QP9RSLMS*6D/B*2D8F3O32TUC6RJ0I2DJ7ZKY63TF0R3:WO:9H8HRBHIQYH4VMYSUZGDOYRSZEPYZYT',
  '0VXH5VU8:SCFNKK4OLO.3890N9Q2KHJ0*PFZRB.A0FITOLWVY*IXEGV4IL5A208C.NAZPAUX-LH9T:M7D7CWL.X5VTK9.C:A',
  '3.8BMFPCLYTTBTUKO5MTX5NEG2M*:*0SPQC4-983IOAVI4:BJSL*W*6JP-S*4U6RBPQL5VDQKF:-2SHZSBE4UKEX2CFEUMZS',
  'A62KW4A3AG8UKP08ZQ7.C1*QG1AJG3CITNXX43RWPKJZGUBP9E1FRFABUT1-2*.W7Z2CXJFL2:2TL7GNINI/9N87344DBK1W',
  '1FXJELJC3CT9KXMMMW.:LD3Y58C7ZEOMJD10',
].join('');

/** Verifies the warm-up pass; resolves to its verdict status (`expired`: every step ran, signature included). */
export async function warmUpVerify(): Promise<string> {
  const store = await createTrustStore({ issuers: [{ iss: ISSUER, jwks: { keys: [KEY] } }], updatedAt: new Date() });
  return (await verifyPass(PASS, store)).status;
}
