// P5 — verifyPass throughput against raw crypto.subtle.verify of the same signatures.
// A self-contained module Web Worker (served by Vite, which resolves the imports): on any
// message it issues N passes of the reference declaration (distinct pass ids), then cycles
// through all of them, chunk by chunk, timing verifyPass on a chunk and raw ECDSA
// verification of the same chunk's signing inputs and signatures with a pre-imported key, back
// to back (A B, then B A, …) so drift and noise hit both alike, until at least `minDurationMs`
// has passed. A round is one chunk measured both ways; the reported figures are medians over
// rounds, which stay meaningful on a machine whose load changes during the run. It also times the claims decompression alone,
// with the kit's inflate decoder and with the platform's DecompressionStream (for the record:
// the latter costs about as much as the signature check). It posts a VerifyBenchResult back.
// Any failure is rethrown outside the message handler so it reaches the page as an error event.

import { exportJWK } from 'jose';
import { decodeBase64Url } from '../../src/core/base64url';
import { issuePass } from '../../src/core/issue';
import { MAX_CLAIMS_BYTES } from '../../src/core/deflate';
import { inflateRaw } from '../../src/core/inflate';
import { fromQrText } from '../../src/core/qr-text';
import { createTrustStore } from '../../src/core/trust-store';
import { verifyPass } from '../../src/core/verify';
import { referenceDeclaration } from '../fixtures/reference';

export interface VerifyBenchRequest {
  /** Number of distinct passes (default 300). */
  passes?: number;
  /** Minimum total time spent in the timed rounds (default 2,000 ms). */
  minDurationMs?: number;
  /** Passes per round (default 50: with the 100 µs timer of a non-isolated worker, ~2 % steps). */
  chunk?: number;
}

export interface VerifyBenchSample {
  verifyPassPerSec: number;
  rawVerifyPerSec: number;
  ratio: number;
}

export interface VerifyBenchResult {
  /** Median over rounds. */
  verifyPassPerSec: number;
  /** Median over rounds. */
  rawVerifyPerSec: number;
  /** Median over rounds of verifyPass/raw throughput (goal ≥ 0.8). */
  ratio: number;
  /** One entry per round (a chunk of passes timed both ways). */
  samples: VerifyBenchSample[];
  passes: number;
  qrTextChars: number;
  durationMs: number;
  /** Microseconds to inflate one pass payload: the kit's decoder vs DecompressionStream. */
  inflateMicros: { inflateRaw: number; decompressionStream: number };
}

interface WorkerScope {
  onmessage: ((event: MessageEvent<VerifyBenchRequest | undefined>) => void) | null;
  postMessage(message: VerifyBenchResult): void;
}

const ISSUER = 'https://portal.bench.example.vn';
const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

async function runVerifyBench(request: VerifyBenchRequest): Promise<VerifyBenchResult> {
  const passes = request.passes ?? 300;
  const minDurationMs = request.minDurationMs ?? 2000;
  const chunk = Math.min(request.chunk ?? 50, passes);
  const keyPair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const trust = await createTrustStore({ issuers: [{ iss: ISSUER, jwks: { keys: [await exportJWK(keyPair.publicKey)] } }] });
  const declaration = referenceDeclaration();
  const texts: string[] = [];
  for (let i = 0; i < passes; i++) texts.push(await issuePass(declaration, { privateKey: keyPair.privateKey, issuer: ISSUER }));

  // The raw baseline gets its inputs ready-made: signing input bytes, raw signature, imported key.
  const encoder = new TextEncoder();
  const raw = texts.map((text) => {
    const jws = fromQrText(text);
    const lastDot = jws.lastIndexOf('.');
    const signature = decodeBase64Url(jws.slice(lastDot + 1));
    const payload = decodeBase64Url(jws.slice(jws.indexOf('.') + 1, lastDot));
    if (!signature || !payload) throw new Error('bench: bad JWS encoding');
    return { signingInput: encoder.encode(jws.slice(0, lastDot)), signature, payload };
  });
  const rawKey = await crypto.subtle.importKey('jwk', await exportJWK(keyPair.publicKey), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);

  const timeVerifyPass = async (from: number, to: number): Promise<number> => {
    const t0 = performance.now();
    for (let i = from; i < to; i++) {
      const verdict = await verifyPass(texts[i] ?? '', trust);
      if (verdict.status !== 'valid') throw new Error(`bench: verifyPass said ${verdict.status} (${verdict.detail ?? ''})`);
    }
    return performance.now() - t0;
  };
  const timeRaw = async (from: number, to: number): Promise<number> => {
    const t0 = performance.now();
    for (let i = from; i < to; i++) {
      const input = raw[i];
      if (!input || !(await crypto.subtle.verify(ES256, rawKey, input.signature, input.signingInput))) throw new Error('bench: raw verify failed');
    }
    return performance.now() - t0;
  };

  await timeVerifyPass(0, passes); // warm-up: JIT, key caches
  await timeRaw(0, passes);

  const samples: VerifyBenchSample[] = [];
  const started = performance.now();
  for (let round = 0; performance.now() - started < minDurationMs || round < 4; round++) {
    const from = (round * chunk) % passes;
    const to = Math.min(from + chunk, passes);
    let a: number;
    let b: number;
    if (round % 2 === 0) {
      a = await timeVerifyPass(from, to);
      b = await timeRaw(from, to);
    } else {
      b = await timeRaw(from, to);
      a = await timeVerifyPass(from, to);
    }
    const n = to - from;
    samples.push({ verifyPassPerSec: (n * 1000) / a, rawVerifyPerSec: (n * 1000) / b, ratio: b / a });
  }
  const durationMs = performance.now() - started;
  return {
    verifyPassPerSec: median(samples.map((s) => s.verifyPassPerSec)),
    rawVerifyPerSec: median(samples.map((s) => s.rawVerifyPerSec)),
    ratio: median(samples.map((s) => s.ratio)),
    samples,
    passes,
    qrTextChars: texts[0]?.length ?? 0,
    durationMs,
    inflateMicros: await timeInflate(raw.map((r) => r.payload)),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * The platform decompressor the kit does not use on the verify path, for comparison, driven the
 * fastest way measured (writer + reader; Blob/Response piping costs ~20× more per call).
 */
async function decompressionStreamInflate(bytes: Uint8Array<ArrayBuffer>): Promise<number> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  void writer.write(bytes);
  void writer.close();
  const reader = stream.readable.getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return total;
    total += value.length;
  }
}

async function timeInflate(payloads: Uint8Array<ArrayBuffer>[]): Promise<{ inflateRaw: number; decompressionStream: number }> {
  const rounds = 5;
  let t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const payload of payloads) {
      if (typeof inflateRaw(payload, MAX_CLAIMS_BYTES) === 'string') throw new Error('bench: inflate failed');
    }
  }
  const own = ((performance.now() - t0) * 1000) / (rounds * payloads.length);
  t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const payload of payloads) await decompressionStreamInflate(payload);
  }
  const platform = ((performance.now() - t0) * 1000) / (rounds * payloads.length);
  return { inflateRaw: own, decompressionStream: platform };
}

const scope = self as unknown as WorkerScope;
scope.onmessage = (event) => {
  runVerifyBench(event.data ?? {}).then(
    (result) => scope.postMessage(result),
    (error: unknown) => {
      setTimeout(() => {
        throw error;
      });
    },
  );
};
