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

export interface IdCardBenchRow {
  step: string;
  cards: number;
  'p50 µs': number;
  'p95 µs': number;
  'max µs': number;
  'per s': number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

/**
 * P-idcard. Chip ID card QR → parsed card → field-by-field compare with the holder's pass →
 * recommendation (default rules), per card, on generated cards (test/fixtures/id-cards.ts):
 * each step timed alone over `rounds` passes of the set after a warm-up, in this process's V8.
 */
export async function benchIdCard(cards = 2000, rounds = 5): Promise<{ rows: IdCardBenchRow[] }> {
  const [{ parseIdCard }, { compareIdCard }, { recommend }, { fakeIdCard, declarationOfHolder }] = await Promise.all([
    import('../../src/core/id-card'),
    import('../../src/core/id-card-compare'),
    import('../../src/core/recommendation'),
    import('../fixtures/id-cards'),
  ]);
  const now = new Date();
  const set = Array.from({ length: cards }, (_, i) => fakeIdCard({ seed: i + 1 }));
  const passes = set.map((c) => declarationOfHolder(c.fields));
  const parsed = set.map((c) => {
    const r = parseIdCard(c.text, { now });
    if (!r.ok) throw new Error(`generated card refused: ${r.code}`);
    return r.card;
  });
  const health = { symptoms: [], contactWithCase: false };
  const steps: [string, (i: number) => unknown][] = [
    ['parseIdCard', (i) => parseIdCard(set[i]?.text, { now })],
    ['compareIdCard', (i) => compareIdCard(parsed[i] as (typeof parsed)[number], passes[i] ?? {})],
    ['recommend (default rules)', () => recommend({ status: 'valid', health, card: 'matched', today: '2026-12-07' })],
    ['parse + compare + recommend', (i) => {
      const r = parseIdCard(set[i]?.text, { now });
      if (!r.ok) return r;
      const cmp = compareIdCard(r.card, passes[i] ?? {});
      return recommend({ status: 'valid', health, card: cmp.result, today: '2026-12-07' });
    }],
  ];
  const rows: IdCardBenchRow[] = [];
  let sink = 0;
  for (const [step, run] of steps) {
    for (let i = 0; i < cards; i++) sink += run(i) ? 1 : 0; // warm-up
    const times: number[] = [];
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < cards; i++) {
        const s = performance.now();
        sink += run(i) ? 1 : 0;
        times.push((performance.now() - s) * 1000);
      }
    }
    const total = performance.now() - t0;
    times.sort((a, b) => a - b);
    rows.push({
      step,
      cards: cards * rounds,
      'p50 µs': Math.round(percentile(times, 0.5) * 10) / 10,
      'p95 µs': Math.round(percentile(times, 0.95) * 10) / 10,
      'max µs': Math.round(percentile(times, 1) * 10) / 10,
      'per s': Math.round((cards * rounds) / (total / 1000)),
    });
  }
  if (sink < 0) throw new Error('unreachable');
  return { rows };
}
