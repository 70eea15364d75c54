// The JWS payload (before compression): short claim names, and the declaration in compact form.
// The checks here are structural (types, formats, lengths) — what a verifier can insist on for
// any issuer. The form's rules (dates relative to today, CCCD consistency) live in declaration.ts.

import { isBase64Url } from './base64url';
import { isIsoDate } from './dates';
import { codePointLength, DECLARATION_LIMITS, ID_TYPES, PURPOSES, SYMPTOMS, TEST_KINDS, TEST_RESULTS } from './declaration';
import type { Declaration, Gender, Place, Symptom } from './declaration';
import type { VerifiedPass } from './verdict-types';
import { isPassName } from './name-alphabet';
import { isCanonicalPlate, isNormalisedMobile } from './vietnam';

export const CLAIMS_SCHEMA_VERSION = 1;

export interface CompactPlace {
  pc: string;
  uc: string;
  a: string;
}

export interface CompactDeclaration {
  n: string;
  it: Declaration['idType'];
  id: string;
  b: string;
  g: 'f' | 'm' | 'x';
  p: string;
  o: CompactPlace;
  t: CompactPlace;
  dd: string;
  rd?: string;
  pu: Declaration['purpose'];
  pn?: string;
  vp?: string;
  h: { s: Symptom[]; c: boolean; tr?: { r: 'negative' | 'positive'; at: string; k?: 'pcr' | 'rapid' } };
}

export interface PassClaims {
  iss: string;
  /** Pass id: base64url of ≥ 16 random bytes. */
  jti: string;
  iat: number;
  nbf: number;
  exp: number;
  v: typeof CLAIMS_SCHEMA_VERSION;
  d: CompactDeclaration;
}

/** Control, format, private-use and lone surrogate characters: never part of a name or address. */
const FORBIDDEN_CHARACTER = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/u;

const GENDER_TO_CODE: Record<Gender, CompactDeclaration['g']> = { female: 'f', male: 'm', other: 'x' };
const CODE_TO_GENDER: Record<string, Gender> = { f: 'female', m: 'male', x: 'other' };

/** Pass ids: strict base64url, 22 (= 16 bytes) to 64 characters. */
export const MIN_PASS_ID_CHARS = 22;
export const MAX_PASS_ID_CHARS = 64;
const MAX_ISSUER_CHARS = 256;

export function isPassId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length >= MIN_PASS_ID_CHARS &&
    value.length <= MAX_PASS_ID_CHARS &&
    isBase64Url(value)
  );
}

/** The compact `d` claim for a declaration, optional members omitted when absent. */
export function declarationToClaims(declaration: Declaration): CompactDeclaration {
  const h = declaration.health;
  const tr = h.testResult;
  return {
    n: declaration.fullName,
    it: declaration.idType,
    id: declaration.idNumber,
    b: declaration.dateOfBirth,
    g: GENDER_TO_CODE[declaration.gender],
    p: declaration.phone,
    o: placeToClaims(declaration.origin),
    t: placeToClaims(declaration.destination),
    dd: declaration.departureDate,
    ...(declaration.returnDate !== undefined && { rd: declaration.returnDate }),
    pu: declaration.purpose,
    ...(declaration.purposeNote !== undefined && { pn: declaration.purposeNote }),
    ...(declaration.vehiclePlate !== undefined && { vp: declaration.vehiclePlate }),
    h: {
      s: [...h.symptoms],
      c: h.contactWithCase,
      ...(tr !== undefined && { tr: { r: tr.result, at: tr.date, ...(tr.kind !== undefined && { k: tr.kind }) } }),
    },
  };
}

function placeToClaims(place: Place): CompactPlace {
  return { pc: place.provinceCode, uc: place.unitCode, a: place.address };
}

/**
 * The declaration carried by a compact `d` claim, after a structural check; `undefined` when
 * `d` is not exactly the documented compact form (unknown members are refused).
 */
export function declarationFromClaims(d: unknown): Declaration | undefined {
  if (!hasOnlyKeys(d, ['n', 'it', 'id', 'b', 'g', 'p', 'o', 't', 'dd', 'rd', 'pu', 'pn', 'vp', 'h'])) return undefined;
  const origin = placeFromClaims(d.o);
  const destination = placeFromClaims(d.t);
  const health = healthFromClaims(d.h);
  if (
    !isPassName(d.n, DECLARATION_LIMITS.fullName) ||
    !isOneOf(d.it, ID_TYPES) ||
    typeof d.id !== 'string' ||
    !/^[0-9A-Z]{6,12}$/.test(d.id) ||
    !isIsoDate(d.b) ||
    typeof d.g !== 'string' ||
    !Object.hasOwn(CODE_TO_GENDER, d.g) ||
    typeof d.p !== 'string' ||
    !isNormalisedMobile(d.p) ||
    !origin ||
    !destination ||
    !isIsoDate(d.dd) ||
    (d.rd !== undefined && !isIsoDate(d.rd)) ||
    !isOneOf(d.pu, PURPOSES) ||
    (d.pn !== undefined && !isText(d.pn, DECLARATION_LIMITS.purposeNote)) ||
    (d.vp !== undefined && (typeof d.vp !== 'string' || !isCanonicalPlate(d.vp))) ||
    !health
  ) {
    return undefined;
  }
  return {
    fullName: d.n,
    idType: d.it,
    idNumber: d.id,
    dateOfBirth: d.b,
    gender: CODE_TO_GENDER[d.g],
    phone: d.p,
    origin,
    destination,
    departureDate: d.dd,
    ...(d.rd !== undefined && { returnDate: d.rd }),
    purpose: d.pu,
    ...(d.pn !== undefined && { purposeNote: d.pn }),
    ...(d.vp !== undefined && { vehiclePlate: d.vp }),
    health,
  };
}

function placeFromClaims(value: unknown): Place | undefined {
  if (!hasOnlyKeys(value, ['pc', 'uc', 'a'])) return undefined;
  if (typeof value.pc !== 'string' || !/^\d{2}$/.test(value.pc)) return undefined;
  if (typeof value.uc !== 'string' || !/^\d{5}$/.test(value.uc)) return undefined;
  if (!isText(value.a, DECLARATION_LIMITS.address)) return undefined;
  return { provinceCode: value.pc, unitCode: value.uc, address: value.a };
}

function healthFromClaims(value: unknown): Declaration['health'] | undefined {
  if (!hasOnlyKeys(value, ['s', 'c', 'tr'])) return undefined;
  const s = value.s;
  if (!Array.isArray(s) || s.length > SYMPTOMS.length || !s.every((x) => isOneOf(x, SYMPTOMS))) return undefined;
  if (new Set(s).size !== s.length) return undefined;
  if (typeof value.c !== 'boolean') return undefined;
  if (value.tr === undefined) return { symptoms: [...(s as Symptom[])], contactWithCase: value.c };
  const tr = value.tr;
  if (!hasOnlyKeys(tr, ['r', 'at', 'k'])) return undefined;
  if (!isOneOf(tr.r, TEST_RESULTS) || !isIsoDate(tr.at) || (tr.k !== undefined && !isOneOf(tr.k, TEST_KINDS))) {
    return undefined;
  }
  return {
    symptoms: [...(s as Symptom[])],
    contactWithCase: value.c,
    testResult: { result: tr.r, date: tr.at, ...(tr.k !== undefined && { kind: tr.k }) },
  };
}

/** Structural check of a whole claims object (issuer already read by the verifier). */
export function parsePassClaims(claims: Record<string, unknown>): { claims: PassClaims; declaration: Declaration } | undefined {
  const { iss, jti, iat, nbf, exp, v, d } = claims;
  if (typeof iss !== 'string' || iss.length === 0 || codePointLength(iss) > MAX_ISSUER_CHARS) return undefined;
  if (!isPassId(jti)) return undefined;
  if (!isNumericDate(iat) || !isNumericDate(nbf) || !isNumericDate(exp) || nbf > exp) return undefined;
  if (exp - nbf > MAX_VALIDITY_SECONDS) return undefined;
  if (v !== CLAIMS_SCHEMA_VERSION) return undefined;
  const declaration = declarationFromClaims(d);
  if (!declaration) return undefined;
  return { claims: { iss, jti, iat, nbf, exp, v, d: d as CompactDeclaration }, declaration };
}

/** Latest NumericDate of format 1.0: 9999-12-31T23:59:59Z (every date library can show it). */
export const MAX_NUMERIC_DATE = 253_402_300_799;
/** Longest validity of a pass (exp − nbf): 30 days. */
export const MAX_VALIDITY_SECONDS = 30 * 86_400;

/** NumericDate: a whole number of seconds, 0 … MAX_NUMERIC_DATE (a real calendar instant). */
export function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_NUMERIC_DATE;
}

function isOneOf<T extends string>(value: unknown, choices: readonly T[]): value is T {
  return typeof value === 'string' && (choices as readonly string[]).includes(value);
}

/** A string of min–max code points without control, format, private-use or surrogate characters. */
function isText(value: unknown, limits: { min: number; max: number }): value is string {
  if (typeof value !== 'string') return false;
  // A code point is 1 or 2 UTF-16 units, so count code points only when the unit length alone
  // cannot settle the range.
  const units = value.length;
  if (units > limits.max * 2) return false;
  if (units > limits.max || Math.ceil(units / 2) < limits.min) {
    const length = codePointLength(value);
    if (length < limits.min || length > limits.max) return false;
  }
  return isPlainText(value) || !FORBIDDEN_CHARACTER.test(value);
}

/**
 * Fast path for the usual case: printable ASCII, Latin-1 to Greek/Cyrillic (U+00A0–U+05FF
 * without the soft hyphen U+00AD) and Latin Extended Additional (U+1E00–U+1EFF, Vietnamese),
 * none of which holds a forbidden character. Anything else goes to the full regex.
 */
function isPlainText(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) continue;
    if (c >= 0xa0 && c <= 0x5ff && c !== 0xad) continue;
    if (c >= 0x1e00 && c <= 0x1eff) continue;
    return false;
  }
  return true;
}

function hasOnlyKeys(value: unknown, allowed: readonly string[]): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) {
    if (!allowed.includes(key)) return false;
  }
  return true;
}

/** The pass as callers see it, from checked claims (NumericDate seconds become Dates). */
export function passFromClaims(claims: Pick<PassClaims, 'iss' | 'jti' | 'iat' | 'nbf' | 'exp'>, declaration: Declaration, kid: string, format: 'CK1' | 'CK2' = 'CK1'): VerifiedPass {
  return {
    passId: claims.jti,
    issuer: claims.iss,
    kid,
    issuedAt: new Date(claims.iat * 1000),
    validFrom: new Date(claims.nbf * 1000),
    validUntil: new Date(claims.exp * 1000),
    declaration,
    format,
  };
}
