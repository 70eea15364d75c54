// The fuzz targets: every parser of untrusted input the kit has, each with the invariants its
// documentation promises. Inputs are random and, above all, mutations of genuine artefacts
// (passes, trust bundles, batch answers, passage records), because random bytes rarely get past
// the first check while a flipped bit in a real pass exercises every later step.
//
// Invariants checked for every input:
//  - nothing throws out of the public API (or, for the API parsers, only the documented
//    ApiError 'bad-response');
//  - only documented statuses, details and codes come back (lists written out here from the
//    docs, not imported, so a new undocumented code fails);
//  - a mutated genuine artefact is never accepted as genuine (a pass never `valid`, a bundle's
//    accepted content never differs from the signed one, a changed record never passes its hash);
//  - the canonical forms round-trip (fromQrText → toQrText gives the same text).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CompactSign } from 'jose';
import { v7 as uuidv7 } from 'uuid';
import { ApiError } from '../../src/api/http';
import { parseIssuedPass } from '../../src/api/declarations';
import { parseJwks } from '../../src/api/issuer-keys';
import { parseWardMovementsPage } from '../../src/api/movements';
import { parseBatchResult } from '../../src/api/passages';
import { parseFieldErrors, parseRetryAfter, parseServerErrors } from '../../src/api/http';
import { parsePassRoute } from '../../src/api/routes';
import { BASE41_ALPHABET, decodeBase41, encodeBase41 } from '../../src/core/base41';
import { encodeBase64Url } from '../../src/core/base64url';
import { isPassId } from '../../src/core/claims';
import { csvCell } from '../../src/core/csv';
import { DECLARATION_ERROR_CODES, validateDeclaration } from '../../src/core/declaration';
import { inflateRaw } from '../../src/core/inflate';
import { issuePass } from '../../src/core/issue';
import {
  computePassageHash, GENESIS_HASH, parsePassageRecord, PASSAGE_KEYS, type PassageRecord, type UnhashedPassage,
} from '../../src/core/passage-record';
import { fromQrText, QR_TEXT_PREFIX, QrTextError, toQrText } from '../../src/core/qr-text';
import { createTrustBundle, readTrustBundle, TRUST_BUNDLE_TYP, type TrustBundleContent, type TrustBundleErrorCode } from '../../src/core/trust-bundle';
import { createTrustStore, type TrustStore } from '../../src/core/trust-store';
import { verifyPass } from '../../src/core/verify';
import { readPassUnverified } from '../../src/core/read-unverified';
import { compareIdCard } from '../../src/core/id-card-compare';
import { parseIdCard } from '../../src/core/id-card';
import { DEFAULT_DECISION_RULES, parseDecisionRules, recommend } from '../../src/core/recommendation';
import { cardQrText, declarationOfHolder, fakeCardFields } from '../fixtures/id-cards';
import { readCsv } from '../fixtures/csv-read';
import { compactJws, makeTestIssuer, signEs256, signingInput, utf8, compressedJson } from '../fixtures/jws';
import { referenceDeclaration } from '../fixtures/reference';
import { target, type CaseReport, type FuzzTarget } from './harness';

// ---------------------------------------------------------------------------------------------
// Documented vocabularies (docs/pass-format.md §7–8, docs/api.md). Written out, not imported.

const STATUSES = new Set([
  'valid', 'expired', 'not-yet-valid', 'revoked', 'untrusted-issuer', 'unknown-key', 'bad-signature',
  'unsupported-algorithm', 'malformed', 'too-large', 'stale-trust',
]);
/** Which details each status may carry (pass-format.md §7); `''` = no detail. */
const DETAILS: Record<string, ReadonlySet<string>> = {
  valid: new Set(['']),
  expired: new Set(['']),
  'not-yet-valid': new Set(['']),
  revoked: new Set(['']),
  'untrusted-issuer': new Set(['']),
  'unknown-key': new Set(['']),
  'stale-trust': new Set(['']),
  'bad-signature': new Set(['signature-length', 'signature']),
  'unsupported-algorithm': new Set(['alg']),
  'too-large': new Set(['length', 'zip-cap']),
  malformed: new Set([
    'type', 'prefix', 'version', 'base41-char', 'base41-length', 'base41-value', 'container', 'tag', 'non-canonical',
    'header-size', 'header-json', 'header-alg', 'header-crit', 'kid-missing', 'kid-format', 'zip', 'deflate',
    'claims-json', 'iss', 'claims',
  ]),
};
const QR_TEXT_CODES = new Set(['type', 'too-large', 'prefix', 'version', 'base41-char', 'base41-length', 'base41-value', 'container', 'tag', 'non-canonical']);
const BUNDLE_CODES: ReadonlySet<string> = new Set<TrustBundleErrorCode>([
  'too-large', 'malformed', 'unsigned', 'unsupported-alg', 'wrong-type', 'unknown-key', 'bad-anchor', 'bad-signature', 'invalid-content', 'replayed',
]);
const RECORD_CODES = new Set(['invalid-record', 'unexpected-field', 'missing-field', 'invalid-field', 'bad-hash']);
const DECLARATION_CODES = new Set<string>(DECLARATION_ERROR_CODES);
/** parseIdCard's codes (docs: src/core/id-card.ts). */
const ID_CARD_CODES = new Set([
  'too-long', 'not-an-id-card', 'bad-number', 'unknown-province', 'bad-cmnd', 'bad-name', 'bad-date', 'bad-gender', 'bad-address',
  'bad-issue-date', 'century-mismatch', 'gender-digit-mismatch', 'birth-year-mismatch',
]);
/** parseDecisionRules' codes (docs/api.md, trust bundle `decisionRules`). */
const RULES_CODES = new Set([
  'invalid-type', 'too-many-rules', 'bad-id', 'duplicate-id', 'unknown-kind', 'bad-condition', 'bad-action', 'bad-decision', 'bad-text', 'unknown-member',
]);

// ---------------------------------------------------------------------------------------------
// Shared generators.

/** Look-alikes a camera app, a keyboard or an attacker may put in place of QR characters. */
const CONFUSABLES: readonly (readonly [string, string])[] = [
  ['C', '\u0421'], ['K', '\u041a'], ['A', '\u0391'], ['B', '\u0412'], ['E', '\u0415'], ['H', '\u041d'], ['M', '\u041c'],
  ['O', '\u041e'], ['P', '\u0420'], ['T', '\u0422'], ['X', '\u0425'], ['Y', '\u04ae'], ['3', '\u0417'], ['0', '\u041e'],
  ['1', '\u0406'], ['1', '\uff11'], [':', '\uff1a'], [':', '\u0589'], ['-', '\u2010'], ['-', '\u2212'], ['-', '\u2013'],
  ['.', '\uff0e'], ['.', '\u2024'], ['/', '\u2215'], ['/', '\u2044'], ['*', '\uff0a'], ['*', '\u2217'], ['S', '\u0405'],
];
/** Control, format and invisible characters that scanners, copy-paste or attackers add. */
const INVISIBLES = ['\u0000', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u00a0', '\u200b', '\u200c', '\u200d', '\u200e', '\u202e', '\u2066', '\u2060', '\ufeff', '\ufffd', '\ud800'];
const WRONG_PREFIXES = ['CK3:', 'CK0:', 'CK10:', 'CK01:', 'ck1:', 'Ck1:', 'CK1', 'CK1::', 'CK1;', 'CK:', 'HC1:', 'shc:/', 'NZCP:/1/', ' CK1:', 'CK1 :', '\ufeffCK1:', '\uff23\uff2b\uff11\uff1a', '\u0421\u041a1:', 'CK\u0661:', 'CK\uff11:', ''];

function fullWidth(text: string): string {
  return text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

const base41Char = fc.constantFrom(...BASE41_ALPHABET);
const anyChar = fc.oneof(base41Char, fc.constantFrom(...INVISIBLES), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));

function replaceAt(text: string, at: number, insert: string, remove: number): string {
  return text.slice(0, at) + insert + text.slice(at + remove);
}

function flipBits(bytes: Uint8Array, positions: readonly number[]): Uint8Array {
  const out = Uint8Array.from(bytes);
  for (const p of positions) {
    const bit = p % (out.length * 8);
    out[bit >> 3] = (out[bit >> 3] as number) ^ (1 << (bit & 7));
  }
  return out;
}

function container(text: string): Uint8Array {
  const bytes = decodeBase41(text, QR_TEXT_PREFIX.length);
  if (typeof bytes === 'string') throw new Error('genuine pass does not decode');
  return bytes;
}

function qrOf(bytes: Uint8Array): string {
  return QR_TEXT_PREFIX + encodeBase41(bytes);
}

/** LEB128 as the container writes it (at most two bytes), or a deliberately odd one. */
function varint(value: number): number[] {
  return value < 0x80 ? [value] : [(value & 0x7f) | 0x80, value >>> 7];
}

// ---------------------------------------------------------------------------------------------
// verifyPass / fromQrText / readPassUnverified

interface Mutant {
  kind: string;
  text: string;
}

export interface PassCorpus {
  trust: TrustStore;
  now: Date;
  /** Genuine passes (valid at `now`), compact and generic containers, two issuers. */
  genuine: string[];
  jws: string[];
}

export async function passCorpus(): Promise<PassCorpus> {
  const now = new Date('2026-12-01T03:00:00.000Z');
  const a = await makeTestIssuer('https://portal.fuzz.invalid');
  const b = await makeTestIssuer('https://other.fuzz.invalid');
  const validFrom = new Date(now.getTime() - 3600_000);
  const validUntil = new Date(now.getTime() + 72 * 3600_000);
  const declaration = referenceDeclaration(now);
  const genuine = [
    await issuePass(declaration, { privateKey: a.privateKey, issuer: a.iss, kid: a.kid }, { validFrom, validUntil, format: 'CK1' }),
    await issuePass({ ...declaration, fullName: 'Trần Văn Bình', idNumber: '027078004321' }, { privateKey: a.privateKey, issuer: a.iss, kid: a.kid }, { validFrom, validUntil }),
    await issuePass(declaration, { privateKey: b.privateKey, issuer: b.iss, kid: b.kid }, { validFrom, validUntil }),
  ];
  // A genuine pass in the generic container (tag 0): another JOSE library's header order.
  const claims = JSON.parse(new TextDecoder().decode(inflateOf(genuine[0] as string))) as Record<string, unknown>;
  const header = utf8(JSON.stringify({ kid: a.kid, alg: 'ES256', zip: 'DEF' }));
  const payload = await compressedJson({ ...claims, jti: encodeBase64Url(crypto.getRandomValues(new Uint8Array(16))) });
  genuine.push(toQrText(compactJws(header, payload, await signEs256(signingInput(header, payload), a.privateKey))));
  const trust = await createTrustStore({
    issuers: [{ iss: a.iss, jwks: { keys: [a.publicJwk] } }, { iss: b.iss, jwks: { keys: [b.publicJwk] } }],
    updatedAt: new Date(now.getTime() - 3600_000),
  });
  for (const text of genuine) assert.equal((await verifyPass(text, trust, { now })).status, 'valid', 'corpus pass must be valid');
  return { trust, now, genuine, jws: genuine.map((t) => fromQrText(t)) };
}

function inflateOf(qrText: string): Uint8Array {
  const claims = inflateRaw(container(qrText).subarray(1 + 32 + 64), 1 << 16);
  if (typeof claims === 'string') throw new Error('genuine pass does not inflate');
  return claims;
}

/** Every way a genuine pass text gets damaged, re-encoded or forged, as one arbitrary. */
export function passMutants(corpus: PassCorpus): fc.Arbitrary<Mutant> {
  const { genuine, jws } = corpus;
  const pick = fc.nat({ max: genuine.length - 1 });
  const withText = <T>(arb: fc.Arbitrary<T>) => fc.tuple(pick, arb);
  const textOf = (i: number) => genuine[i] as string;
  const pos = (text: string, n: number) => QR_TEXT_PREFIX.length + (n % Math.max(1, text.length - QR_TEXT_PREFIX.length));
  const mutants: fc.Arbitrary<Mutant>[] = [
    // — text level —
    withText(fc.tuple(fc.nat(), base41Char)).map(([i, [n, c]]) => ({ kind: 'char-replace', text: replaceAt(textOf(i), pos(textOf(i), n), c, 1) })),
    withText(fc.tuple(fc.array(fc.nat(), { minLength: 2, maxLength: 8 }), base41Char)).map(([i, [ns, c]]) => ({
      kind: 'chars-replace', text: ns.reduce((t, n) => replaceAt(t, pos(t, n), c, 1), textOf(i)),
    })),
    withText(fc.tuple(fc.nat(), fc.nat({ max: 15 }))).map(([i, [n, bit]]) => {
      const t = textOf(i);
      const at = n % t.length;
      return { kind: 'text-bitflip', text: replaceAt(t, at, String.fromCharCode(t.charCodeAt(at) ^ (1 << bit)), 1) };
    }),
    withText(fc.tuple(fc.nat(), anyChar)).map(([i, [n, c]]) => ({ kind: 'char-insert', text: replaceAt(textOf(i), pos(textOf(i), n), c, 0) })),
    withText(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 6 }))).map(([i, [n, k]]) => ({ kind: 'chars-delete', text: replaceAt(textOf(i), pos(textOf(i), n), '', k) })),
    withText(fc.nat()).map(([i, n]) => ({ kind: 'truncate', text: textOf(i).slice(0, n % textOf(i).length) })),
    withText(fc.oneof(fc.string({ unit: base41Char, minLength: 1, maxLength: 12 }), fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom(...INVISIBLES)))
      .map(([i, tail]) => ({ kind: 'trailing-garbage', text: textOf(i) + tail })),
    withText(fc.constantFrom(...INVISIBLES)).map(([i, c]) => ({ kind: 'leading-invisible', text: c + textOf(i) })),
    withText(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLES))).map(([i, [n, c]]) => ({ kind: 'control-char', text: replaceAt(textOf(i), pos(textOf(i), n), c, 0) })),
    withText(fc.constantFrom(...WRONG_PREFIXES)).map(([i, p]) => ({ kind: 'wrong-prefix', text: p + textOf(i).slice(QR_TEXT_PREFIX.length) })),
    withText(fc.tuple(fc.nat(), fc.constantFrom(...CONFUSABLES))).map(([i, [n, [from, to]]]) => {
      const t = textOf(i);
      const hits = [...t].flatMap((c, k) => (c === from ? [k] : []));
      const at = hits.length ? (hits[n % hits.length] as number) : pos(t, n);
      return { kind: 'confusable', text: replaceAt(t, at, to, 1) };
    }),
    withText(fc.tuple(fc.nat(), fc.nat({ max: 40 }))).map(([i, [n, len]]) => {
      const t = textOf(i);
      const at = n % t.length;
      return { kind: 'full-width', text: t.slice(0, at) + fullWidth(t.slice(at, at + len + 1)) + t.slice(at + len + 1) };
    }),
    withText(fc.constantFrom('lower', 'nfkd', 'nfd', 'fullwidth-all')).map(([i, how]) => {
      const t = textOf(i);
      const text = how === 'lower' ? t.toLowerCase() : how === 'fullwidth-all' ? fullWidth(t) : t.normalize(how === 'nfd' ? 'NFD' : 'NFKD');
      return { kind: `whole-${how}`, text };
    }),
    withText(fc.constant(0)).map(([i]) => ({ kind: 'duplicated', text: textOf(i) + textOf(i).slice(QR_TEXT_PREFIX.length) })),
    // — container level (decoded bytes) —
    withText(fc.array(fc.nat(), { minLength: 1, maxLength: 8 })).map(([i, bits]) => ({ kind: 'container-bitflip', text: qrOf(flipBits(container(textOf(i)), bits)) })),
    withText(fc.nat()).map(([i, n]) => {
      const bytes = container(textOf(i));
      return { kind: 'container-truncate', text: qrOf(bytes.subarray(0, n % bytes.length)) };
    }),
    withText(fc.uint8Array({ minLength: 1, maxLength: 40 })).map(([i, extra]) => ({ kind: 'container-append', text: qrOf(Uint8Array.from([...container(textOf(i)), ...extra])) })),
    withText(fc.integer({ min: 0, max: 255 })).map(([i, tag]) => ({ kind: 'container-tag', text: qrOf(Uint8Array.from([tag, ...container(textOf(i)).subarray(1)])) })),
    withText(fc.tuple(fc.nat(), fc.nat(), fc.uint8Array({ maxLength: 64 }))).map(([i, [at, del, ins]]) => {
      const bytes = [...container(textOf(i))];
      const start = at % bytes.length;
      bytes.splice(start, del % 16, ...ins);
      return { kind: 'container-splice', text: qrOf(Uint8Array.from(bytes)) };
    }),
    // — segment swaps between two genuine passes (JWS level and compact-container fields) —
    fc.tuple(pick, pick, pick).map(([h, p, s]) => {
      const [header] = (jws[h] as string).split('.');
      const [, payload] = (jws[p] as string).split('.');
      const [, , signature] = (jws[s] as string).split('.');
      const text = (() => {
        try {
          return toQrText(`${header}.${payload}.${signature}`);
        } catch {
          return `${QR_TEXT_PREFIX}`;
        }
      })();
      return { kind: 'segment-swap', text };
    }),
    fc.tuple(pick, pick, pick).map(([k, s, p]) => {
      const kc = container(textOf(k));
      const sc = container(textOf(s));
      const pc = container(textOf(p));
      // Compact fields: kid (1..33), signature (33..97), payload (97..); generic passes give odd slices on purpose.
      return { kind: 'compact-field-swap', text: qrOf(Uint8Array.from([1, ...kc.subarray(1, 33), ...sc.subarray(33, 97), ...pc.subarray(97)])) };
    }),
    // — huge segments and lengths —
    fc.tuple(fc.integer({ min: 0, max: 0x3fff }), fc.integer({ min: 0, max: 0x3fff }), fc.nat({ max: 2800 })).map(([hl, sl, pl]) => {
      const header = new Uint8Array(Math.min(hl, 2800)).fill(0x7b);
      const sig = new Uint8Array(Math.min(sl, 2800)).fill(7);
      const bytes = Uint8Array.from([0, ...varint(hl), ...header, ...varint(sl), ...sig, ...new Uint8Array(pl)]);
      return { kind: 'huge-segments', text: qrOf(bytes) };
    }),
    fc.integer({ min: 4290, max: 200_000 }).map((n) => ({ kind: 'huge-text', text: QR_TEXT_PREFIX + '0'.repeat(n - QR_TEXT_PREFIX.length) })),
    // — random —
    fc.string({ unit: base41Char, maxLength: 900 }).map((s) => ({ kind: 'random-base41', text: QR_TEXT_PREFIX + s })),
    fc.uint8Array({ maxLength: 700 }).map((bytes) => ({ kind: 'random-container', text: qrOf(bytes) })),
    fc.string({ maxLength: 300 }).map((text) => ({ kind: 'random-string', text })),
    fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ kind: 'random-unicode', text })),
  ];
  return fc.oneof(...mutants);
}

function checkVerdict(verdict: Awaited<ReturnType<typeof verifyPass>>, input: unknown): string {
  assert.ok(STATUSES.has(verdict.status), `undocumented status ${verdict.status}`);
  const detail = verdict.detail ?? '';
  assert.ok(DETAILS[verdict.status]?.has(detail), `undocumented detail ${verdict.status}/${detail} for ${fc.stringify(input).slice(0, 200)}`);
  assert.equal(typeof verdict.reason, 'string');
  assert.ok(verdict.reason.length > 0);
  assert.ok(verdict.warnings.every((w) => w === 'stale-trust'));
  assert.equal(verdict.pass !== undefined, verdict.status === 'valid', 'pass data only with a valid verdict');
  return detail ? `${verdict.status}/${detail}` : verdict.status;
}

export function passTargets(corpus: PassCorpus): FuzzTarget[] {
  const genuine = new Set(corpus.genuine);
  const mutants = passMutants(corpus);
  return [
    target('verifyPass (mutated genuine passes + random text)', mutants, async ({ kind, text }): Promise<CaseReport> => {
      const verdict = await verifyPass(text, corpus.trust, { now: corpus.now });
      const outcome = checkVerdict(verdict, text);
      // A mutation that happened to give back a genuine text (an empty splice, a swap of a pass
      // with itself) is reported apart: it is the only way to a `valid` verdict.
      if (genuine.has(text)) return { kind, outcome: `unchanged genuine → ${outcome}` };
      assert.notEqual(verdict.status, 'valid', `${kind}: a mutated pass verified: ${text.slice(0, 120)}…`);
      return { kind, outcome };
    }),
    target('fromQrText / toQrText (canonical round trip)', mutants, ({ kind, text }): CaseReport => {
      let jws: string;
      try {
        jws = fromQrText(text);
      } catch (error) {
        assert.ok(error instanceof QrTextError, `fromQrText threw ${String(error)}`);
        assert.ok(QR_TEXT_CODES.has(error.code), `undocumented code ${error.code}`);
        return { kind, outcome: `QrTextError/${error.code}` };
      }
      assert.match(jws, /^[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/);
      // One JWS has exactly one QR text: whatever decodes must re-encode to the same text.
      assert.equal(toQrText(jws, text.startsWith('CK2:') ? 'CK2' : 'CK1'), text, `${kind}: not canonical`);
      return { kind, outcome: 'decoded' };
    }),
    target('readPassUnverified (ck-pass display path)', mutants, ({ kind, text }): CaseReport => {
      const read = readPassUnverified(text);
      if (!read.ok) {
        assert.ok(read.status === 'malformed' || read.status === 'too-large');
        return { kind, outcome: read.status };
      }
      assert.ok(isPassId(read.pass.passId));
      return { kind, outcome: 'read' };
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// readTrustBundle

export interface BundleCorpus {
  anchor: { keys: JsonWebKey[] };
  anchorKey: CryptoKey;
  anchorKid: string;
  bundles: { text: string; content: TrustBundleContent }[];
  /** Signed by another key under the anchor's kid. */
  forged: string;
}

export async function bundleCorpus(): Promise<BundleCorpus> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const other = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const pub = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const anchorKid = 'fuzz-anchor-1';
  const issuer = await makeTestIssuer('https://portal.fuzz.invalid');
  const content = (sequence: number, hour: number, revoked: string[]): TrustBundleContent => ({
    sequence,
    issuedAt: new Date(Date.UTC(2026, 11, 1, hour)).toISOString(),
    expiresAt: new Date(Date.UTC(2026, 11, 3, hour)).toISOString(),
    issuers: [{ iss: issuer.iss, jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: issuer.publicJwk.x as string, y: issuer.publicJwk.y as string, kid: issuer.kid }] } }],
    revokedPassIds: revoked,
    riskAreas: [{ unitCode: '09289', level: 'high', since: '2026-11-20', note: 'ổ dịch' }],
  });
  const contents = [content(1, 1, []), content(2, 2, ['EutzFYHL3kpStWEcOmcfQQ'])];
  const bundles = [];
  for (const c of contents) bundles.push({ text: await createTrustBundle(c, pair.privateKey, { kid: anchorKid }), content: c });
  const forged = await createTrustBundle(contents[1] as TrustBundleContent, other.privateKey, { kid: anchorKid });
  return { anchor: { keys: [{ kty: pub.kty, crv: pub.crv, x: pub.x, y: pub.y, kid: anchorKid } as JsonWebKey] }, anchorKey: pair.privateKey, anchorKid, bundles, forged };
}

const B64URL_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

interface BundleInput {
  kind: string;
  text: unknown;
  previous: { sequence: number; issuedAt: string } | null;
  /**
   * What an accepted result may carry: 'genuine' = exactly the content of one of the genuine
   * bundles (mutations of them), 'schema' = anything the schema allows (content the anchor really
   * signed), 'none' = must be refused.
   */
  allowed: 'genuine' | 'schema' | 'none';
}

export function bundleTargets(corpus: BundleCorpus): FuzzTarget[] {
  const { bundles } = corpus;
  const pick = fc.nat({ max: bundles.length - 1 });
  const textOf = (i: number) => (bundles[i] as { text: string }).text;
  const previous = fc.option(fc.constantFrom(...bundles.map((b) => ({ sequence: b.content.sequence, issuedAt: b.content.issuedAt }))), { nil: null });
  const resigned = (payload: string, header: Record<string, unknown>) =>
    new CompactSign(utf8(payload)).setProtectedHeader(header as { alg: string }).sign(corpus.anchorKey);
  const inputs = [
    fc.tuple(pick, fc.nat(), fc.constantFrom(...B64URL_CHARS, '.', '=', '+', '/', ' ', '\u0000'), previous).map(([i, n, c, prev]) => {
      const t = textOf(i);
      return { kind: 'char-replace', text: replaceAt(t, n % t.length, c, 1), previous: prev, allowed: 'genuine' as const };
    }),
    fc.tuple(pick, fc.nat(), previous).map(([i, n, prev]) => ({ kind: 'truncate', text: textOf(i).slice(0, n % textOf(i).length), previous: prev, allowed: 'genuine' as const })),
    fc.tuple(pick, fc.string({ minLength: 1, maxLength: 20 }), previous).map(([i, tail, prev]) => ({ kind: 'trailing-garbage', text: textOf(i) + tail, previous: prev, allowed: 'genuine' as const })),
    fc.tuple(pick, pick, pick, previous).map(([h, p, s, prev]) => {
      const [header] = textOf(h).split('.');
      const [, payload] = textOf(p).split('.');
      const [, , signature] = textOf(s).split('.');
      return { kind: 'segment-swap', text: `${header}.${payload}.${signature}`, previous: prev, allowed: 'genuine' as const };
    }),
    fc.tuple(pick, previous).map(([i, prev]) => {
      const [header, payload] = textOf(i).split('.');
      return { kind: 'signature-stripped', text: `${header}.${payload}.`, previous: prev, allowed: 'none' as const };
    }),
    fc.tuple(pick, fc.constantFrom('none', 'HS256', 'ES384', 'RS256', 'ES256K', 'EdDSA'), previous).map(([i, alg, prev]) => {
      const [, payload, signature] = textOf(i).split('.');
      const header = encodeBase64Url(utf8(JSON.stringify({ alg, typ: TRUST_BUNDLE_TYP, kid: corpus.anchorKid })));
      return { kind: `alg-${alg}`, text: `${header}.${payload}.${signature}`, previous: prev, allowed: 'none' as const };
    }),
    previous.map((prev) => ({ kind: 'wrong-anchor', text: corpus.forged, previous: prev, allowed: 'none' as const })),
    // Content the anchor really signed, but random: the schema check must hold on its own.
    fc.tuple(fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), fc.record({
      sequence: fc.oneof(fc.integer(), fc.double(), fc.string()),
      issuedAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()),
      issuers: fc.array(fc.record({ iss: fc.string(), jwks: fc.record({ keys: fc.array(fc.dictionary(fc.constantFrom('kty', 'crv', 'x', 'y', 'd', 'kid', 'alg', 'use'), fc.string()), { maxLength: 3 }) }) }), { maxLength: 3 }),
      revokedPassIds: fc.array(fc.string(), { maxLength: 4 }),
      riskAreas: fc.array(fc.record({ unitCode: fc.string(), since: fc.string(), level: fc.string(), note: fc.string() }), { maxLength: 3 }),
    }).map((v) => JSON.stringify(v))), fc.record({ alg: fc.constant('ES256'), typ: fc.constantFrom(TRUST_BUNDLE_TYP, 'JWT', 'jose'), kid: fc.constantFrom(corpus.anchorKid, 'other') }), previous)
      .map(async ([payload, header, prev]) => ({ kind: 'signed-random-content', text: await resigned(payload, header), previous: prev, allowed: 'schema' as const })),
    fc.tuple(fc.oneof(fc.string({ maxLength: 300 }), fc.anything()), previous).map(([text, prev]) => ({ kind: 'random', text, previous: prev, allowed: 'none' as const })),
    fc.tuple(fc.integer({ min: 4 * 1024 * 1024 - 2, max: 4 * 1024 * 1024 + 2 }), previous).map(([n, prev]) => ({ kind: 'huge', text: 'e'.repeat(n), previous: prev, allowed: 'none' as const })),
  ];
  return [
    target('readTrustBundle (mutated genuine bundles, forged, replayed, random)', fc.oneof(...inputs), async (pending): Promise<CaseReport> => {
      const input: BundleInput = await pending;
      const result = await readTrustBundle(input.text, corpus.anchor, { previous: input.previous });
      if (!result.ok) {
        assert.ok(BUNDLE_CODES.has(result.code), `undocumented code ${result.code}`);
        assert.equal(typeof result.message, 'string');
        return { kind: input.kind, outcome: result.code };
      }
      // Never older than the bundle held.
      if (input.previous) assert.ok(result.bundle.sequence >= input.previous.sequence && Date.parse(result.bundle.issuedAt) >= Date.parse(input.previous.issuedAt));
      if (input.allowed === 'schema') {
        for (const issuer of result.bundle.issuers) for (const key of issuer.jwks.keys) assert.ok(!('d' in key) && key.kty === 'EC' && key.crv === 'P-256');
        assert.ok(result.bundle.revokedPassIds.every(isPassId));
        assert.ok(Number.isSafeInteger(result.bundle.sequence) && result.bundle.sequence >= 1);
      } else {
        // A damaged genuine bundle may only be accepted when its signed content is unchanged
        // (e.g. non-canonical trailing bits of the signature segment): never other content.
        assert.equal(input.allowed, 'genuine', `${input.kind}: must be refused`);
        assert.ok(bundles.some((b) => isDeepStrictEqual(b.content, result.bundle)), `${input.kind}: accepted content that was not signed`);
      }
      return { kind: input.kind, outcome: 'accepted' };
    }),
  ];
}

function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// API response parsers

/** A value with one of its leaves or members replaced, removed, or the whole thing wrapped. */
function mutateJson(value: unknown): fc.Arbitrary<{ kind: string; value: unknown }> {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(value, []);
  const replacement = fc.oneof(
    fc.anything({ maxDepth: 2 }),
    fc.constantFrom(null, '', 0, -1, 1e21, Number.NaN, true, [], {}, 'x'.repeat(5000), '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '\u202e', '__proto__'),
    fc.string({ maxLength: 80 }),
  );
  return fc.tuple(fc.nat({ max: paths.length - 1 }), fc.constantFrom('replace', 'delete', 'wrap', 'duplicate'), replacement).map(([p, op, r]) => {
    const copy = structuredClone(value) as Record<string, unknown>;
    const path = paths[p] as (string | number)[];
    if (path.length === 0) return { kind: `root-${op}`, value: op === 'wrap' ? [copy] : r };
    let parent: Record<string | number, unknown> = copy;
    for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    if (op === 'replace') parent[last] = r;
    else if (op === 'delete') {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else Reflect.deleteProperty(parent, last);
    } else if (op === 'wrap') parent[last] = [parent[last]];
    else if (Array.isArray(parent)) parent.push(structuredClone(parent[last]));
    else parent[last] = structuredClone(parent[last]);
    return { kind: `${op}:${path.filter((s) => typeof s === 'string').join('.') || 'item'}`, value: copy };
  });
}

function expectBadResponse(error: unknown): string {
  assert.ok(error instanceof ApiError, `threw ${String(error)}`);
  assert.equal(error.code, 'bad-response', `code ${error.code}`);
  assert.equal(error.retryable, false);
  return 'ApiError/bad-response';
}

const REJECT_CODE = fc.stringMatching(/^[a-z0-9-]{1,64}$/);

function batchAnswer(ids: readonly string[]): fc.Arbitrary<{ accepted: string[]; duplicate: string[]; rejected: { id: string; code: string; message: string }[]; serverTime: string }> {
  return fc.tuple(
    fc.array(fc.constantFrom(0, 1, 2, 3), { minLength: ids.length, maxLength: ids.length }),
    fc.array(fc.tuple(REJECT_CODE, fc.oneof(fc.string({ maxLength: 80 }), fc.string({ minLength: 490, maxLength: 2000 }))), { minLength: ids.length, maxLength: ids.length }),
    fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
  ).map(([where, reasons, at]) => ({
    accepted: ids.filter((_, i) => where[i] === 0),
    duplicate: ids.filter((_, i) => where[i] === 1),
    // 3 = the server did not mention the id (a partial answer): it stays pending.
    rejected: ids.flatMap((id, i) => (where[i] === 2 ? [{ id, code: (reasons[i] as [string, string])[0], message: (reasons[i] as [string, string])[1] }] : [])),
    serverTime: at.toISOString(),
  }));
}

function movementsPage(): unknown {
  const passageId = uuidv7();
  return {
    unitCode: '00070', date: '2026-12-01', direction: null, nextCursor: 'WzE3OTYwODMyMDAwMDAsIngiXQ',
    items: [{
      id: `${passageId}:departure`, passageId, direction: 'departure', at: '2026-12-01T01:00:00.000Z', receivedAt: '2026-12-01T01:00:30.000Z',
      checkpointId: 'HN-QL1A-01', checkpointDirection: 'out', decision: 'allow', verdictStatus: 'valid', passId: 'EutzFYHL3kpStWEcOmcfQQ',
      manualCode: null, originUnit: '00070', destinationUnit: '09289', person: { fullName: 'Nguyễn Thị Minh Khai' },
    }],
  };
}

function route(): unknown {
  return {
    passId: 'EutzFYHL3kpStWEcOmcfQQ', known: true, validFrom: '2026-12-01T00:00:00.000Z', validUntil: '2026-12-04T00:00:00.000Z',
    originUnit: '00070', destinationUnit: '09289', person: { fullName: 'Nguyễn Thị Minh Khai' },
    passages: [{
      id: uuidv7(), at: '2026-12-01T01:00:00.000Z', receivedAt: '2026-12-01T01:00:30.000Z', checkpointId: 'HN-QL1A-01', direction: 'out',
      decision: 'allow', verdictStatus: 'valid', officerId: 'CA-HN-0042', deviceId: uuidv7(), originUnit: '00070', destinationUnit: '09289', clockSkewMs: null,
    }],
  };
}

export function apiTargets(): FuzzTarget[] {
  const sent = Array.from({ length: 6 }, () => uuidv7());
  const foreign = uuidv7();
  const answer = batchAnswer(sent);
  const hostileAnswer = fc.oneof(
    answer.chain((a) => mutateJson(a)),
    answer.map((a) => ({ kind: 'foreign-id', value: { ...a, accepted: [...a.accepted, foreign] } })),
    answer.map((a) => ({ kind: 'id-twice', value: { ...a, duplicate: [...a.duplicate, ...a.accepted.slice(0, 1), ...a.accepted.slice(0, 1)] } })),
    answer.map((a) => ({ kind: 'too-many', value: { ...a, rejected: Array.from({ length: 1001 }, () => ({ id: sent[0], code: 'x', message: '' })) } })),
    fc.anything().map((value) => ({ kind: 'random', value })),
  );
  return [
    target('parseBatchResult (contract-conforming answers are read exactly)', answer, (a): CaseReport => {
      const result = parseBatchResult(JSON.parse(JSON.stringify(a)), sent);
      assert.deepEqual(result.accepted, a.accepted);
      assert.deepEqual(result.duplicate, a.duplicate);
      assert.deepEqual(result.rejected.map((r) => [r.id, r.code]), a.rejected.map((r) => [r.id, r.code]));
      assert.ok(result.rejected.every((r, i) => a.rejected[i]?.message.startsWith(r.message)), 'a reason may be shortened, never changed');
      return { kind: `${a.accepted.length}a/${a.duplicate.length}d/${a.rejected.length}r`, outcome: 'read' };
    }),
    target('parseBatchResult (hostile answers)', hostileAnswer, ({ kind, value }): CaseReport => {
      try {
        const result = parseBatchResult(value, sent);
        const all = [...result.accepted, ...result.duplicate, ...result.rejected.map((r) => r.id)];
        assert.ok(all.every((id) => sent.includes(id)), 'an id that was not sent');
        assert.equal(new Set(all).size, all.length, 'an id in two lists');
        assert.ok(Number.isFinite(Date.parse(result.serverTime)));
        return { kind, outcome: 'read' };
      } catch (error) {
        return { kind, outcome: expectBadResponse(error) };
      }
    }),
    target('parseWardMovementsPage', fc.oneof(mutateJson(movementsPage()), fc.anything().map((value) => ({ kind: 'random', value }))), ({ kind, value }): CaseReport => {
      try {
        const page = parseWardMovementsPage(value);
        assert.ok(page.items.every((m) => /^\d{5}$/.test(m.originUnit) && (m.person === null || typeof m.person.fullName === 'string')));
        return { kind, outcome: 'read' };
      } catch (error) {
        return { kind, outcome: expectBadResponse(error) };
      }
    }),
    target('parsePassRoute', fc.oneof(mutateJson(route()), fc.anything().map((value) => ({ kind: 'random', value }))), ({ kind, value }): CaseReport => {
      try {
        const r = parsePassRoute(value);
        assert.ok(isPassId(r.passId));
        return { kind, outcome: 'read' };
      } catch (error) {
        return { kind, outcome: expectBadResponse(error) };
      }
    }),
    target('parseIssuedPass / parseJwks', fc.oneof(
      mutateJson({ pass: 'CK1:000', passId: 'EutzFYHL3kpStWEcOmcfQQ', issuedAt: '2026-12-01T00:00:00.000Z' }).map((x) => ({ ...x, which: 'pass' as const })),
      mutateJson({ keys: [{ kty: 'EC', crv: 'P-256', x: 'a', y: 'b' }] }).map((x) => ({ ...x, which: 'jwks' as const })),
      fc.anything().map((value) => ({ kind: 'random', value, which: 'pass' as const })),
      fc.anything().map((value) => ({ kind: 'random', value, which: 'jwks' as const })),
    ), ({ kind, value, which }): CaseReport => {
      try {
        if (which === 'pass') parseIssuedPass(value);
        else parseJwks(value);
        return { kind: `${which}:${kind}`, outcome: 'read' };
      } catch (error) {
        return { kind: `${which}:${kind}`, outcome: expectBadResponse(error) };
      }
    }),
    target('error bodies and Retry-After (never throw)', fc.oneof(
      mutateJson({ errors: [{ field: 'origin.unitCode', code: 'invalid-format', message: 'x' }] }).map((x) => ({ ...x, retryAfter: null as string | null })),
      fc.anything().map((value) => ({ kind: 'random', value, retryAfter: null as string | null })),
      fc.oneof(fc.string(), fc.nat().map(String), fc.date().map((d) => (Number.isFinite(d.getTime()) ? d.toUTCString() : 'x')), fc.constantFrom('-1', '1e3', '99999999999999999999', ' 5 ', 'Infinity'))
        .map((retryAfter) => ({ kind: 'retry-after', value: undefined as unknown, retryAfter })),
    ), ({ kind, value, retryAfter }): CaseReport => {
      if (kind === 'retry-after') {
        const ms = parseRetryAfter(retryAfter, Date.UTC(2026, 11, 1));
        assert.ok(ms === undefined || (Number.isFinite(ms) && ms >= 0 && ms <= 3_600_000), `Retry-After ${retryAfter} → ${ms}`);
        return { kind, outcome: ms === undefined ? 'ignored' : 'ms' };
      }
      const fields = parseFieldErrors(value);
      const items = parseServerErrors(value);
      assert.ok(fields === undefined || fields.every((f) => typeof f.field === 'string' && typeof f.code === 'string'));
      assert.ok(items.every((i) => typeof i.code === 'string' && typeof i.message === 'string'));
      return { kind, outcome: `${fields ? 'fields' : 'no-fields'}/${items.length ? 'items' : 'no-items'}` };
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// parsePassageRecord and validateDeclaration (the portal's readers of kiosk and citizen input)

function genuineRecords(): PassageRecord[] {
  const deviceId = uuidv7();
  const out: PassageRecord[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= 3; seq++) {
    const unhashed: UnhashedPassage = {
      id: uuidv7(), deviceId, seq, checkpointId: 'HN-QL1A-01', direction: seq % 2 ? 'in' : 'out', at: '2026-12-01T01:00:00.000Z',
      ...(seq === 2 ? { manualCode: 'Q5WPS-KE7RC' } : { passId: 'EutzFYHL3kpStWEcOmcfQQ' }),
      originUnit: '00070', destinationUnit: '09289', verdictStatus: 'valid', decision: 'allow', officerId: 'CA-HN-0042',
      ...(seq === 3 && { clockSkewMs: -1234 }), prevHash,
    } as UnhashedPassage;
    const record = { ...unhashed, hash: computePassageHash(unhashed) } as PassageRecord;
    out.push(record);
    prevHash = record.hash;
  }
  return out;
}

/** Order-independent text form; undefined members dropped (they do not exist on the wire). */
function sameRecord(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const norm = (o: Record<string, unknown>) => fc.stringify(Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).sort(([x], [y]) => (x < y ? -1 : 1))));
  return norm(a) === norm(b);
}

export function recordTargets(): FuzzTarget[] {
  const records = genuineRecords();
  const pick = fc.nat({ max: records.length - 1 });
  const key = fc.constantFrom(...PASSAGE_KEYS, 'fullName', 'idNumber', 'dateOfBirth', 'name', '__proto__', 'constructor', '');
  const value = fc.oneof(fc.anything({ maxDepth: 1 }), fc.constantFrom(Number.NaN, Infinity, -0, 2 ** 53, '', ' ', 'x'.repeat(10_000), null, undefined));
  const mutation = fc.oneof(
    fc.tuple(pick, key, value, fc.boolean()).map(([i, k, v, rehash]) => {
      const copy: Record<string, unknown> = { ...records[i] };
      Object.defineProperty(copy, k, { value: v, enumerable: true, configurable: true, writable: true });
      if (rehash && k !== 'hash') {
        try {
          copy.hash = computePassageHash(copy as unknown as UnhashedPassage);
        } catch {
          // A value canonical JSON cannot hold: keep the old hash.
        }
      }
      return { kind: `${rehash ? 'rehashed-' : ''}set:${PASSAGE_KEYS.includes(k as never) ? k : 'other'}`, original: records[i] as PassageRecord, value: copy as unknown, rehashed: rehash };
    }),
    fc.tuple(pick, fc.constantFrom(...PASSAGE_KEYS)).map(([i, k]) => {
      const copy: Record<string, unknown> = { ...records[i] };
      Reflect.deleteProperty(copy, k);
      return { kind: `delete:${k}`, original: records[i] as PassageRecord, value: copy as unknown, rehashed: false };
    }),
    fc.anything().map((v) => ({ kind: 'random', original: undefined, value: v, rehashed: false })),
  );
  return [
    target('parsePassageRecord (mutated genuine records, PII keys, random)', mutation, ({ kind, original, value: input, rehashed }): CaseReport => {
      const result = parsePassageRecord(input);
      if (!result.ok) {
        assert.ok(RECORD_CODES.has(result.code), `undocumented code ${result.code}`);
        return { kind, outcome: result.code };
      }
      const rec = input as Record<string, unknown>;
      assert.ok(Object.keys(rec).every((k) => (PASSAGE_KEYS as readonly string[]).includes(k)), 'an unknown key passed');
      if (original && !rehashed) assert.ok(sameRecord(rec, original as unknown as Record<string, unknown>), `${kind}: a changed record kept its hash`);
      return { kind, outcome: 'ok' };
    }),
    target('validateDeclaration (never throws, documented codes)', fc.oneof(
      mutateJson(referenceDeclaration(new Date('2026-12-01T03:00:00Z'))),
      fc.anything().map((value) => ({ kind: 'random', value })),
    ), ({ kind, value }): CaseReport => {
      const result = validateDeclaration(value, { now: new Date('2026-12-01T03:00:00Z') });
      if (result.ok) return { kind, outcome: 'ok' };
      assert.ok(result.errors.length > 0);
      for (const e of result.errors) assert.ok(DECLARATION_CODES.has(e.code), `undocumented code ${e.code}`);
      return { kind, outcome: [...new Set(result.errors.map((e) => e.code))].sort().join('+') };
    }),
    target('csvCell (round trip, formulas neutralised)', fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', ' =', '\u00a0+', '\u3000@', '\uff1d', '\uff0b', '\uff0d', '\uff20', '\n='), fc.string({ maxLength: 30 })).map(([a, b]) => a + b),
    ), (text): CaseReport => {
      const cell = csvCell(text);
      const rows = readCsv(`${cell}\r\n`);
      const read = rows[0]?.[0] ?? '';
      assert.ok(read === text || read === `'${text}`, 'the value changed beyond the apostrophe');
      // The documented formula starts (csv.ts): = + - @ tab CR, their full-width forms, after blanks.
      const risky = /^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]/u.test(text) || /^[\t\r]/.test(text);
      if (risky) assert.equal(read, `'${text}`, 'a formula was not neutralised');
      return { kind: risky ? 'formula-like' : 'text', outcome: read === text ? 'as-is' : 'neutralised' };
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// parseIdCard / compareIdCard / parseDecisionRules

const CARD_NOW = new Date('2026-12-01T03:00:00Z');
const CARD_FIELD_CHARS = ['|', ' ', '\u00a0', '0', '9', 'Nữ', 'Nam', 'ư', 'u\u031b', 'Đ', '\u0000', '\ufeff', '\u202e', '\ud800', '*', '-', '/'];

/** Mutations of genuine (generated, consistent) card texts: the parser's later checks are reached. */
function cardMutants(): fc.Arbitrary<{ kind: string; text: unknown; genuine: string }> {
  const genuine = fc.integer({ min: 1, max: 100_000 }).map((seed) => cardQrText(fakeCardFields({ seed })));
  return fc.oneof(
    genuine.map((text) => ({ kind: 'genuine', text, genuine: text })),
    fc.tuple(genuine, fc.nat(), fc.constantFrom(...CARD_FIELD_CHARS, ...INVISIBLES)).map(([g, n, c]) => ({ kind: 'char-replace', text: replaceAt(g, n % g.length, c, 1), genuine: g })),
    fc.tuple(genuine, fc.nat(), fc.constantFrom(...CARD_FIELD_CHARS, ...INVISIBLES)).map(([g, n, c]) => ({ kind: 'char-insert', text: replaceAt(g, n % (g.length + 1), c, 0), genuine: g })),
    fc.tuple(genuine, fc.nat()).map(([g, n]) => ({ kind: 'truncate', text: g.slice(0, n % g.length), genuine: g })),
    fc.tuple(genuine, fc.nat({ max: 12 }), fc.nat({ max: 12 })).map(([g, a, b]) => {
      const f = g.split('|');
      const i = a % f.length;
      const j = b % f.length;
      [f[i], f[j]] = [f[j] as string, f[i] as string];
      return { kind: 'field-swap', text: f.join('|'), genuine: g };
    }),
    fc.tuple(genuine, fc.integer({ min: 1, max: 1200 })).map(([g, n]) => ({ kind: 'padded', text: g + '|'.repeat(n % 3) + ' '.repeat(n), genuine: g })),
    fc.tuple(genuine, fc.nat({ max: 11 })).map(([g, d]) => ({ kind: 'digit-flip', text: replaceAt(g, d, String((Number(g[d]) + 1) % 10), 1), genuine: g })),
    fc.oneof(fc.string({ maxLength: 300 }), fc.anything()).map((text) => ({ kind: 'random', text, genuine: '' })),
  );
}

export function idCardTargets(): FuzzTarget[] {
  return [
    target('parseIdCard + compareIdCard (mutated generated cards, random)', cardMutants(), ({ kind, text, genuine }): CaseReport => {
      const r = parseIdCard(text, { now: CARD_NOW });
      if (!r.ok) {
        assert.ok(ID_CARD_CODES.has(r.code), `undocumented code ${r.code}`);
        assert.equal(typeof r.message, 'string');
        if (kind === 'genuine') assert.fail(`a generated card was refused: ${r.code}`);
        return { kind, outcome: r.code };
      }
      const card = r.card;
      // What an accepted card promises: the number's shape and its consistency with the card.
      assert.match(card.cccd, /^0\d{11}$/);
      assert.ok(card.cmnd === undefined || /^\d{9}$/.test(card.cmnd));
      assert.equal(Number(card.cccd[3]) % 2 === 1, card.gender === 'female');
      assert.equal(card.cccd.slice(4, 6), card.dateOfBirth.slice(2, 4));
      assert.equal(card.fullName, card.fullName.normalize('NFC'));
      assert.ok(card.issueDate >= card.dateOfBirth);
      if (genuine !== '') {
        const holder = parseIdCard(genuine, { now: CARD_NOW });
        assert.ok(holder.ok);
        const cmp = compareIdCard(card, declarationOfHolder({ ...fakeCardFields(), ...holder.card, cmnd: holder.card.cmnd ?? '', trailingFields: 0 }));
        assert.equal(cmp.fields.length, 4);
        // The genuine card always matches its holder; a changed card matches only if every compared field survived.
        if (kind === 'genuine') assert.equal(cmp.result, 'matched');
        const same = card.cccd === holder.card.cccd && card.dateOfBirth === holder.card.dateOfBirth && card.gender === holder.card.gender
          && card.fullName.toLowerCase().replace(/\s+/g, ' ') === holder.card.fullName.toLowerCase().replace(/\s+/g, ' ');
        assert.equal(cmp.result === 'matched', same, `${kind}: compare disagrees with the fields`);
      }
      return { kind, outcome: 'ok' };
    }),
    target('parseDecisionRules + recommend (mutated default rules, random)', fc.oneof(
      mutateJson(DEFAULT_DECISION_RULES),
      fc.anything().map((value) => ({ kind: 'random', value })),
    ), ({ kind, value }): CaseReport => {
      const r = parseDecisionRules(value);
      if (!r.ok) {
        assert.ok(RULES_CODES.has(r.code), `undocumented code ${r.code}`);
        return { kind, outcome: r.code };
      }
      // Accepted rules evaluate without throwing, and the kit floors hold.
      const revoked = recommend({ status: 'revoked', today: '2026-12-01' }, r.rules);
      assert.deepEqual([revoked.action, revoked.autoDecision], ['invalid', 'deny']);
      const mismatch = recommend({ status: 'valid', card: 'mismatch', health: { symptoms: [], contactWithCase: false }, today: '2026-12-01' }, r.rules);
      assert.notEqual(mismatch.autoDecision, 'allow');
      return { kind, outcome: 'ok' };
    }),
  ];
}

/** Every target, with the corpora they mutate. */
export async function allTargets(): Promise<FuzzTarget[]> {
  const [passes, bundles] = await Promise.all([passCorpus(), bundleCorpus()]);
  return [...passTargets(passes), ...bundleTargets(bundles), ...apiTargets(), ...recordTargets(), ...idCardTargets()];
}
