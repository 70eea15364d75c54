// The movement declaration: its type, the form's validation rules (the single copy of them —
// the form element shows these codes through declarationErrorText) and normalisation.

import { isIsoDate, vietnamDate } from './dates';
import { isPassName } from './name-alphabet';
import { isProvinceCode, normaliseMobile, normalisePlate } from './vietnam';

export const ID_TYPES = ['cccd', 'cmnd', 'passport'] as const;
export const GENDERS = ['female', 'male', 'other'] as const;
export const PURPOSES = ['work', 'medical', 'family', 'official', 'goods', 'other'] as const;
export const SYMPTOMS = ['fever', 'cough', 'breath', 'taste', 'sore-throat', 'fatigue'] as const;
export const TEST_RESULTS = ['negative', 'positive'] as const;
export const TEST_KINDS = ['pcr', 'rapid'] as const;

export type IdType = (typeof ID_TYPES)[number];
export type Gender = (typeof GENDERS)[number];
export type Purpose = (typeof PURPOSES)[number];
export type Symptom = (typeof SYMPTOMS)[number];
export type TestResultValue = (typeof TEST_RESULTS)[number];
export type TestKind = (typeof TEST_KINDS)[number];

export interface Place {
  /** Two-digit province code (see PROVINCES). */
  provinceCode: string;
  /** Five-digit ward/commune code. */
  unitCode: string;
  address: string;
}

export interface TestResult {
  result: TestResultValue;
  /** 'YYYY-MM-DD' */
  date: string;
  kind?: TestKind;
}

export interface HealthAnswers {
  /** Symptoms in the last 14 days, in SYMPTOMS order, without duplicates. */
  symptoms: Symptom[];
  contactWithCase: boolean;
  testResult?: TestResult;
}

export interface Declaration {
  fullName: string;
  idType: IdType;
  idNumber: string;
  /** 'YYYY-MM-DD' */
  dateOfBirth: string;
  gender: Gender;
  /** Normalised Vietnamese mobile number '0xxxxxxxxx'. */
  phone: string;
  origin: Place;
  destination: Place;
  /** 'YYYY-MM-DD' */
  departureDate: string;
  /** 'YYYY-MM-DD', not before departureDate. */
  returnDate?: string;
  purpose: Purpose;
  /** Required when purpose is 'other'. */
  purposeNote?: string;
  /** Canonical plate such as '29A-123.45'. */
  vehiclePlate?: string;
  health: HealthAnswers;
  /** Optional vaccination record (carried by CK2 passes only). */
  vaccination?: Vaccination;
}

export interface Vaccination {
  /** Doses received, 1–9. */
  doses: number;
  /** 'YYYY-MM-DD' of the last dose, not in the future. */
  lastDoseDate: string;
}

export const DECLARATION_ERROR_CODES = [
  'required',
  'invalid-type',
  'too-short',
  'too-long',
  'invalid-characters',
  'invalid-format',
  'unknown-value',
  'invalid-date',
  'future-date',
  'before-1900',
  'before-today',
  'before-departure',
  'invalid-phone',
  'invalid-plate',
  'cccd-province',
  'cccd-century',
  'cccd-gender',
  'cccd-birth-year',
] as const;

export type DeclarationErrorCode = (typeof DECLARATION_ERROR_CODES)[number];

export interface DeclarationFieldError {
  /** Path of the field, e.g. 'fullName', 'origin.unitCode', 'health.testResult.date'; '' = the whole input. */
  field: string;
  code: DeclarationErrorCode;
}

export type DeclarationValidation =
  | { ok: true; value: Declaration }
  | { ok: false; errors: DeclarationFieldError[] };

/** Lengths in Unicode code points, after NFC normalisation and whitespace collapsing. */
export const DECLARATION_LIMITS = {
  fullName: { min: 2, max: 100 },
  address: { min: 1, max: 200 },
  purposeNote: { min: 1, max: 200 },
} as const;

const CONTROL_CHARACTER = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/u; // stable across Unicode versions (no Cn)
const EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * Validates and normalises form input. Unknown keys are dropped; optional fields given as '' or
 * null count as absent. Never throws. At most one error per field, in field order, except that
 * the CCCD consistency error of idNumber comes after dateOfBirth and gender (it needs both).
 */
export function validateDeclaration(input: unknown, options?: { now?: Date }): DeclarationValidation {
  const now = options?.now instanceof Date && !Number.isNaN(options.now.getTime()) ? options.now : new Date();
  const today = vietnamDate(now);
  const errors: DeclarationFieldError[] = [];
  if (!isRecord(input)) return { ok: false, errors: [{ field: '', code: 'invalid-type' }] };
  const fail = (field: string, code: DeclarationErrorCode): undefined => {
    errors.push({ field, code });
    return undefined;
  };

  const fullName = readText(input.fullName, 'fullName', DECLARATION_LIMITS.fullName, fail);
  // The format 1.0 alphabet (Vietnamese Latin letters, space, - ' .), as verifiers check it.
  if (fullName !== undefined && !isPassName(fullName, DECLARATION_LIMITS.fullName)) fail('fullName', 'invalid-characters');

  const idType = readChoice(input.idType, 'idType', ID_TYPES, fail);
  const idNumberRaw = readRequiredString(input.idNumber, 'idNumber', fail);
  const idNumber = idNumberRaw?.replace(/\s+/g, '').toUpperCase();
  const idNumberOk = idNumber !== undefined && checkIdNumberFormat(idNumber, idType, fail);

  const dateOfBirth = readDate(input.dateOfBirth, 'dateOfBirth', fail);
  if (dateOfBirth !== undefined) {
    if (dateOfBirth > today) fail('dateOfBirth', 'future-date');
    else if (dateOfBirth < EARLIEST_BIRTH_DATE) fail('dateOfBirth', 'before-1900');
  }
  const gender = readChoice(input.gender, 'gender', GENDERS, fail);
  if (idType === 'cccd' && idNumberOk && idNumber !== undefined) {
    checkCccdConsistency(idNumber, dateOfBirth, gender, fail);
  }

  const phoneRaw = readRequiredString(input.phone, 'phone', fail);
  const phone = phoneRaw === undefined ? undefined : normaliseMobile(phoneRaw) ?? fail('phone', 'invalid-phone');

  const origin = readPlace(input.origin, 'origin', fail);
  const destination = readPlace(input.destination, 'destination', fail);

  const departureDate = readDate(input.departureDate, 'departureDate', fail);
  if (departureDate !== undefined && departureDate < today) fail('departureDate', 'before-today');
  const returnDate = isAbsent(input.returnDate) ? undefined : readDate(input.returnDate, 'returnDate', fail);
  if (returnDate !== undefined && departureDate !== undefined && returnDate < departureDate) {
    fail('returnDate', 'before-departure');
  }

  const purpose = readChoice(input.purpose, 'purpose', PURPOSES, fail);
  let purposeNote: string | undefined;
  if (isAbsent(input.purposeNote) || (typeof input.purposeNote === 'string' && input.purposeNote.trim() === '')) {
    if (purpose === 'other') fail('purposeNote', 'required');
  } else {
    purposeNote = readText(input.purposeNote, 'purposeNote', DECLARATION_LIMITS.purposeNote, fail);
  }

  let vehiclePlate: string | undefined;
  if (!isAbsent(input.vehiclePlate)) {
    if (typeof input.vehiclePlate !== 'string') fail('vehiclePlate', 'invalid-type');
    else vehiclePlate = normalisePlate(input.vehiclePlate) ?? fail('vehiclePlate', 'invalid-plate');
  }

  const health = readHealth(input.health, today, fail);
  const vaccination = readVaccination(input.vaccination, today, fail);

  if (
    errors.length > 0 ||
    // Each missing value below has recorded an error above; the checks narrow the types.
    fullName === undefined ||
    idType === undefined ||
    idNumber === undefined ||
    dateOfBirth === undefined ||
    gender === undefined ||
    phone === undefined ||
    origin === undefined ||
    destination === undefined ||
    departureDate === undefined ||
    purpose === undefined ||
    health === undefined ||
    vaccination === null
  ) {
    return { ok: false, errors };
  }
  const value: Declaration = {
    fullName,
    idType,
    idNumber,
    dateOfBirth,
    gender,
    phone,
    origin,
    destination,
    departureDate,
    ...(returnDate !== undefined && { returnDate }),
    purpose,
    ...(purposeNote !== undefined && { purposeNote }),
    ...(vehiclePlate !== undefined && { vehiclePlate }),
    health,
    ...(vaccination !== undefined && { vaccination }),
  };
  return { ok: true, value };
}

/** undefined: not given; null: given and wrong (errors recorded). */
function readVaccination(value: unknown, today: string, fail: Fail): Vaccination | undefined | null {
  if (isAbsent(value)) return undefined;
  if (!isRecord(value)) {
    fail('vaccination', 'invalid-type');
    return null;
  }
  let ok = true;
  const doses = value.doses;
  if (doses === undefined || doses === null || doses === '') ok = !!fail('vaccination.doses', 'required');
  else if (typeof doses !== 'number' || !Number.isInteger(doses) || doses < 1 || doses > 9) ok = !!fail('vaccination.doses', 'invalid-format');
  const date = readDate(value.lastDoseDate, 'vaccination.lastDoseDate', fail);
  if (date === undefined) ok = false;
  else if (date > today) ok = !!fail('vaccination.lastDoseDate', 'future-date');
  return ok && typeof doses === 'number' && date !== undefined ? { doses, lastDoseDate: date } : null;
}

type Fail = (field: string, code: DeclarationErrorCode) => undefined;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Optional fields: undefined, null and '' all mean "not given". */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function readRequiredString(value: unknown, field: string, fail: Fail): string | undefined {
  if (value === undefined || value === null) return fail(field, 'required');
  if (typeof value !== 'string') return fail(field, 'invalid-type');
  if (value.trim() === '') return fail(field, 'required');
  return value;
}

/** NFC, whitespace runs collapsed to one space, trimmed. */
function normaliseText(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

export function codePointLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

function readText(value: unknown, field: string, limits: { min: number; max: number }, fail: Fail): string | undefined {
  const raw = readRequiredString(value, field, fail);
  if (raw === undefined) return undefined;
  const text = normaliseText(raw).replace(/\u2019/g, "'");
  if (CONTROL_CHARACTER.test(text)) return fail(field, 'invalid-characters');
  const length = codePointLength(text);
  if (length < limits.min) return fail(field, 'too-short');
  if (length > limits.max) return fail(field, 'too-long');
  return text;
}

function readChoice<T extends string>(value: unknown, field: string, choices: readonly T[], fail: Fail): T | undefined {
  if (value === undefined || value === null || value === '') return fail(field, 'required');
  if (typeof value !== 'string') return fail(field, 'invalid-type');
  return (choices as readonly string[]).includes(value) ? (value as T) : fail(field, 'unknown-value');
}

function readDate(value: unknown, field: string, fail: Fail): string | undefined {
  const raw = readRequiredString(value, field, fail);
  if (raw === undefined) return undefined;
  return isIsoDate(raw) ? raw : fail(field, 'invalid-date');
}

/**
 * CCCD: 12 digits. CMND: 9 or 12 digits. Passport: a Vietnamese passport is one letter + 7
 * digits; foreign passports are 6–9 letters/digits — the rule accepts 6–9 of [A-Z0-9], which
 * covers both. With an unknown idType only the common shape (6–12 of [A-Z0-9]) is checked.
 */
function checkIdNumberFormat(idNumber: string, idType: IdType | undefined, fail: Fail): boolean {
  const pattern =
    idType === 'cccd' ? /^\d{12}$/ : idType === 'cmnd' ? /^(?:\d{9}|\d{12})$/ : idType === 'passport' ? /^[A-Z0-9]{6,9}$/ : /^[A-Z0-9]{6,12}$/;
  if (pattern.test(idNumber)) return true;
  fail('idNumber', 'invalid-format');
  return false;
}

/**
 * CCCD digits 1–3: province of birth registration; digit 4: century and gender (0/1 = 1900s
 * male/female, 2/3 = 2000s, 4/5 = 2100s, …); digits 5–6: last two digits of the birth year.
 */
function checkCccdConsistency(idNumber: string, dateOfBirth: string | undefined, gender: Gender | undefined, fail: Fail): void {
  const province = idNumber.slice(1, 3);
  if (idNumber[0] !== '0' || !isProvinceCode(province)) {
    fail('idNumber', 'cccd-province');
    return;
  }
  if (dateOfBirth === undefined) return; // nothing to compare with; the date has its own error
  const centuryGenderDigit = Number(idNumber[3]);
  const year = Number(dateOfBirth.slice(0, 4));
  const centuryIndex = Math.floor((year - 1900) / 100);
  if (Math.floor(centuryGenderDigit / 2) !== centuryIndex) {
    fail('idNumber', 'cccd-century');
    return;
  }
  if (gender === 'female' || gender === 'male') {
    const femaleDigit = centuryGenderDigit % 2 === 1;
    if (femaleDigit !== (gender === 'female')) {
      fail('idNumber', 'cccd-gender');
      return;
    }
  }
  if (idNumber.slice(4, 6) !== dateOfBirth.slice(2, 4)) fail('idNumber', 'cccd-birth-year');
}

function readPlace(value: unknown, field: string, fail: Fail): Place | undefined {
  if (value === undefined || value === null) return fail(field, 'required');
  if (!isRecord(value)) return fail(field, 'invalid-type');
  const provinceRaw = readRequiredString(value.provinceCode, `${field}.provinceCode`, fail);
  let provinceCode: string | undefined;
  if (provinceRaw !== undefined) {
    const trimmed = provinceRaw.trim();
    if (!/^\d{2}$/.test(trimmed)) fail(`${field}.provinceCode`, 'invalid-format');
    else if (!isProvinceCode(trimmed)) fail(`${field}.provinceCode`, 'unknown-value');
    else provinceCode = trimmed;
  }
  const unitRaw = readRequiredString(value.unitCode, `${field}.unitCode`, fail);
  let unitCode: string | undefined;
  if (unitRaw !== undefined) {
    const trimmed = unitRaw.trim();
    if (/^\d{5}$/.test(trimmed)) unitCode = trimmed;
    else fail(`${field}.unitCode`, 'invalid-format');
  }
  const address = readText(value.address, `${field}.address`, DECLARATION_LIMITS.address, fail);
  if (provinceCode === undefined || unitCode === undefined || address === undefined) return undefined;
  return { provinceCode, unitCode, address };
}

function readHealth(value: unknown, today: string, fail: Fail): HealthAnswers | undefined {
  if (value === undefined || value === null) return fail('health', 'required');
  if (!isRecord(value)) return fail('health', 'invalid-type');
  let symptoms: Symptom[] | undefined;
  if (value.symptoms === undefined || value.symptoms === null) fail('health.symptoms', 'required');
  else if (!Array.isArray(value.symptoms)) fail('health.symptoms', 'invalid-type');
  else if (!value.symptoms.every((s) => (SYMPTOMS as readonly unknown[]).includes(s))) fail('health.symptoms', 'unknown-value');
  else symptoms = SYMPTOMS.filter((s) => (value.symptoms as unknown[]).includes(s)); // canonical order, no duplicates

  let contactWithCase: boolean | undefined;
  if (value.contactWithCase === undefined || value.contactWithCase === null) fail('health.contactWithCase', 'required');
  else if (typeof value.contactWithCase !== 'boolean') fail('health.contactWithCase', 'invalid-type');
  else contactWithCase = value.contactWithCase;

  let testResult: TestResult | undefined;
  let testResultOk = true;
  if (!isAbsent(value.testResult)) {
    const t = value.testResult;
    if (!isRecord(t)) {
      testResultOk = false;
      fail('health.testResult', 'invalid-type');
    } else {
      const result = readChoice(t.result, 'health.testResult.result', TEST_RESULTS, fail);
      const date = readDate(t.date, 'health.testResult.date', fail);
      if (date !== undefined && date > today) fail('health.testResult.date', 'future-date');
      const kind = isAbsent(t.kind) ? undefined : readChoice(t.kind, 'health.testResult.kind', TEST_KINDS, fail);
      const kindOk = isAbsent(t.kind) || kind !== undefined;
      if (result !== undefined && date !== undefined && date <= today && kindOk) {
        testResult = { result, date, ...(kind !== undefined && { kind }) };
      } else {
        testResultOk = false;
      }
    }
  }
  if (symptoms === undefined || contactWithCase === undefined || !testResultOk) return undefined;
  return { symptoms, contactWithCase, ...(testResult !== undefined && { testResult }) };
}
