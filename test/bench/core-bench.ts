// Measures of checkpoint-kit/core for `npm run bench` (test/bench/run.ts wires them in).
//  P7 — QR size: the QR version of the reference declaration in our CK1 encoding against the
//       same claims as a plain uncompressed JWT (byte mode), and two other encodings of our JWS.
//  P5 — verify throughput: `verifyBenchSource` is the module Web Worker that measures it in
//       Chromium (page: test/bench/pages/verify.html).

import { CompactSign } from 'jose';
import { issuePassJws } from '../../src/core/issue';
import { toQrText } from '../../src/core/qr-text';
import { referenceDeclaration } from '../fixtures/reference';
import { qrModeOf, qrVersionForSegments } from './qr-capacity';
import type { EccLevel, QrSegment } from './qr-capacity';

export interface QrSizeRow {
  encoding: string;
  chars: number;
  /** QR mode of each segment, e.g. 'alphanumeric' or 'byte + numeric'. */
  mode: string;
  ecc: EccLevel;
  version: number | null;
}

const ISSUER = 'https://portal.bench.example.vn';
const ECC: EccLevel = 'M';

/**
 * SMART Health Cards' numeric form: 'shc:/' then every JWS character as two digits (code − 45).
 * SHC encodes it as two QR segments: the prefix in byte mode, the digits in numeric mode.
 */
function shcSegments(jws: string): QrSegment[] {
  let digits = '';
  for (const ch of jws) digits += String(ch.charCodeAt(0) - 45).padStart(2, '0');
  return [
    { text: 'shc:/', mode: 'byte' },
    { text: digits, mode: 'numeric' },
  ];
}

function row(encoding: string, segments: QrSegment[]): QrSizeRow {
  return {
    encoding,
    chars: segments.reduce((n, s) => n + s.text.length, 0),
    mode: segments.map((s) => s.mode).join(' + '),
    ecc: ECC,
    version: qrVersionForSegments(segments, ECC) ?? null,
  };
}

/** One segment in the mode qr-code-styling picks for the text. */
function single(text: string): QrSegment[] {
  return [{ text, mode: qrModeOf(text) }];
}

/**
 * P7. Signatures use a fresh key; sizes do not depend on it (ES256 signatures are always 64
 * bytes, pass ids always 22 characters).
 */
export async function benchP7(): Promise<{ rows: QrSizeRow[] }> {
  const keyPair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const declaration = referenceDeclaration();
  const { jws, claims, kid } = await issuePassJws(declaration, { privateKey: keyPair.privateKey, issuer: ISSUER });
  const ck1 = await issuePassJws(declaration, { privateKey: keyPair.privateKey, issuer: ISSUER }, { format: 'CK1' });

  // What a naive portal would sign: the same facts, long claim names, no compression.
  const plainClaims = {
    iss: claims.iss,
    jti: claims.jti,
    iat: claims.iat,
    nbf: claims.nbf,
    exp: claims.exp,
    version: 1,
    declaration,
  };
  const plainJwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(plainClaims)))
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid })
    .sign(keyPair.privateKey);

  return {
    rows: [
      row('CK2: minimal pass, base41 container (ours, issued)', single(toQrText(jws, 'CK2'))),
      row('plain JWT, long claim names, no zip', single(plainJwt)),
      row('our CK2 JWS as SHC-style shc:/ numeric', shcSegments(jws)),
      row('our CK2 JWS as base64url text', single(jws)),
      row('CK1: full pass (still verified until expiry)', single(toQrText(ck1.jws, 'CK1'))),
    ],
  };
}

/** P5: repository path of the worker module; it posts a VerifyBenchResult (see that file). */
export const verifyBenchSource = 'test/bench/verify-worker-bench.ts';
export type { VerifyBenchRequest, VerifyBenchResult, VerifyBenchSample } from './verify-worker-bench';
