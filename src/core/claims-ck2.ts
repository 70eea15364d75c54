// CK2 claims: the minimal pass. One flat JSON array, positions instead of member names, and only
// what the officer compares and routing needs — no phone, no free-text address, no purpose note
// (the portal keeps them). Absent optional values are `null`. Every position is documented in
// docs/pass-format.md §3.2; the array length is exact, so a CK1 object or a longer array is refused.
import { isPassId } from './claims';
import { isIsoDate } from './dates';
import { ID_TYPES, PURPOSES, SYMPTOMS, TEST_KINDS, TEST_RESULTS } from './declaration';
import type { Declaration, Gender, Symptom } from './declaration';
import { isNumericDate, MAX_VALIDITY_SECONDS } from './claims';
import { codePointLength } from './declaration';
import { isPassName } from './name-alphabet';
import { isCanonicalPlate } from './vietnam';

/** Positions of the CK2 claims array. */
export const CK2 = {
  iss: 0, jti: 1, iat: 2, nbf: 3, exp: 4,
  n: 5, it: 6, id: 7, b: 8, g: 9,
  op: 10, ou: 11, tp: 12, tu: 13,
  dd: 14, rd: 15, pu: 16, vp: 17,
  s: 18, c: 19, tr: 20, vx: 21,
} as const;
export const CK2_LENGTH = 22;

const GENDER_TO_CODE: Record<Gender, 'f' | 'm' | 'x'> = { female: 'f', male: 'm', other: 'x' };
const CODE_TO_GENDER: Record<string, Gender> = { f: 'female', m: 'male', x: 'other' };
const MAX_ISSUER_CHARS = 256;

export interface Ck2Times {
  iss: string;
  jti: string;
  iat: number;
  nbf: number;
  exp: number;
}

type Json = string | number | boolean | null | Json[];

/** The CK2 claims array for a declaration (its phone, addresses and purpose note are left out). */
export function ck2Claims(times: Ck2Times, d: Declaration): Json[] {
  const tr = d.health.testResult;
  return [
    times.iss, times.jti, times.iat, times.nbf, times.exp,
    d.fullName, d.idType, d.idNumber, d.dateOfBirth, GENDER_TO_CODE[d.gender],
    d.origin.provinceCode, d.origin.unitCode, d.destination.provinceCode, d.destination.unitCode,
    d.departureDate, d.returnDate ?? null, d.purpose, d.vehiclePlate ?? null,
    [...d.health.symptoms], d.health.contactWithCase,
    tr ? [tr.result, tr.date, tr.kind ?? null] : null,
    d.vaccination ? [d.vaccination.doses, d.vaccination.lastDoseDate] : null,
  ];
}

/**
 * Structural check of CK2 claims; `undefined` unless `value` is exactly the documented array. The
 * declaration has `phone` and both `address`es empty: a CK2 pass does not carry them.
 */
export function parseCk2Claims(value: unknown): { times: Ck2Times; declaration: Declaration } | undefined {
  if (!Array.isArray(value) || value.length !== CK2_LENGTH) return undefined;
  const v = value as unknown[];
  const [iss, jti, iat, nbf, exp] = v;
  if (typeof iss !== 'string' || iss.length === 0 || codePointLength(iss) > MAX_ISSUER_CHARS) return undefined;
  if (!isPassId(jti)) return undefined;
  if (!isNumericDate(iat) || !isNumericDate(nbf) || !isNumericDate(exp) || nbf > exp || exp - nbf > MAX_VALIDITY_SECONDS) return undefined;
  const at = (key: keyof typeof CK2): unknown => v[CK2[key]];
  const n = at('n');
  const it = at('it');
  const id = at('id');
  const b = at('b');
  const g = at('g');
  const op = at('op');
  const ou = at('ou');
  const tp = at('tp');
  const tu = at('tu');
  const dd = at('dd');
  const rd = at('rd');
  const pu = at('pu');
  const vp = at('vp');
  const s = at('s');
  const c = at('c');
  const tr = at('tr');
  const vx = at('vx');
  if (!isPassName(n)) return undefined;
  if (!isOneOf(it, ID_TYPES) || typeof id !== 'string' || !/^[0-9A-Z]{6,12}$/.test(id)) return undefined;
  if (!isIsoDate(b) || typeof g !== 'string' || !Object.hasOwn(CODE_TO_GENDER, g)) return undefined;
  if (!isProvince(op) || !isUnit(ou) || !isProvince(tp) || !isUnit(tu)) return undefined;
  if (!isIsoDate(dd) || (rd !== null && !isIsoDate(rd))) return undefined;
  if (!isOneOf(pu, PURPOSES) || (vp !== null && (typeof vp !== 'string' || !isCanonicalPlate(vp)))) return undefined;
  if (!Array.isArray(s) || !s.every((x) => isOneOf(x, SYMPTOMS)) || new Set(s).size !== s.length) return undefined;
  if (typeof c !== 'boolean') return undefined;
  let testResult: Declaration['health']['testResult'];
  if (tr !== null) {
    if (!Array.isArray(tr) || tr.length !== 3) return undefined;
    const [r, date, k] = tr as unknown[];
    if (!isOneOf(r, TEST_RESULTS) || !isIsoDate(date) || (k !== null && !isOneOf(k, TEST_KINDS))) return undefined;
    testResult = { result: r, date, ...(k !== null && { kind: k }) };
  }
  let vaccination: Declaration['vaccination'];
  if (vx !== null) {
    if (!Array.isArray(vx) || vx.length !== 2) return undefined;
    const [doses, last] = vx as unknown[];
    if (typeof doses !== 'number' || !Number.isInteger(doses) || doses < 1 || doses > 9 || !isIsoDate(last)) return undefined;
    vaccination = { doses, lastDoseDate: last };
  }
  const declaration: Declaration = {
    fullName: n,
    idType: it,
    idNumber: id,
    dateOfBirth: b,
    gender: CODE_TO_GENDER[g] as Gender,
    phone: '',
    origin: { provinceCode: op, unitCode: ou, address: '' },
    destination: { provinceCode: tp, unitCode: tu, address: '' },
    departureDate: dd,
    ...(rd !== null && { returnDate: rd }),
    purpose: pu,
    ...(vp !== null && { vehiclePlate: vp }),
    health: { symptoms: [...(s as Symptom[])], contactWithCase: c, ...(testResult && { testResult }) },
    ...(vaccination && { vaccination }),
  };
  return { times: { iss, jti, iat: iat, nbf: nbf, exp: exp }, declaration };
}

function isProvince(value: unknown): value is string {
  return typeof value === 'string' && /^\d{2}$/.test(value);
}

function isUnit(value: unknown): value is string {
  return typeof value === 'string' && /^\d{5}$/.test(value);
}

function isOneOf<T extends string>(value: unknown, choices: readonly T[]): value is T {
  return typeof value === 'string' && (choices as readonly string[]).includes(value);
}
