// The chip ID card (CCCD) QR: `CCCD|CMND|Full name|ddmmyyyy|gender|address|issue date`, UTF-8,
// `|`-separated. The old 9-digit CMND field may be empty; cards issued later append further
// (empty) fields, which are tolerated and ignored. The QR is not signed: it proves nothing on its
// own, it spares the officer reading and typing. The 12-digit number is checked against the
// card's own date of birth and gender (Circular 59/2021/TT-BCA): digits 1–3 the province of birth
// registration, digit 4 century and gender, digits 5–6 the last two digits of the birth year.
//
// Card data is personal: this module never logs, stores or sends it. parseIdCard never throws.

import { isIsoDate, vietnamDate } from './dates';
import { isPassName } from './name-alphabet';
import { isProvinceCode } from './vietnam';

/** Longest QR text accepted (UTF-16 units), checked before anything else. Real cards: ~100–250. */
export const MAX_ID_CARD_QR_CHARS = 1000;
/** Fields the card format defines; at least this many must be present. */
export const ID_CARD_FIELDS = 7;
/** Most fields accepted (the seven plus trailing fields of later card series). */
export const MAX_ID_CARD_FIELDS = 16;
/** Field lengths in code points, after NFC and whitespace collapsing. */
export const ID_CARD_LIMITS = {
  fullName: { min: 2, max: 100 },
  address: { min: 1, max: 300 },
} as const;

export type IdCardGender = 'male' | 'female';

/** A chip ID card as its QR reads. */
export interface IdCard {
  /** The 12-digit CCCD number. */
  readonly cccd: string;
  /** The old 9-digit CMND number, when the card carries it. */
  readonly cmnd?: string;
  /** NFC, whitespace runs collapsed, trimmed; case as printed. */
  readonly fullName: string;
  /** 'YYYY-MM-DD' */
  readonly dateOfBirth: string;
  readonly gender: IdCardGender;
  /** Permanent address, NFC, whitespace collapsed. */
  readonly address: string;
  /** 'YYYY-MM-DD' */
  readonly issueDate: string;
}

export const ID_CARD_ERROR_CODES = [
  'too-long',
  'not-an-id-card',
  'bad-number',
  'unknown-province',
  'bad-cmnd',
  'bad-name',
  'bad-date',
  'bad-gender',
  'bad-address',
  'bad-issue-date',
  'century-mismatch',
  'gender-digit-mismatch',
  'birth-year-mismatch',
] as const;

export type IdCardErrorCode = (typeof ID_CARD_ERROR_CODES)[number];

export type IdCardParse =
  | { readonly ok: true; readonly card: IdCard }
  | { readonly ok: false; readonly code: IdCardErrorCode; readonly message: string };

export interface ParseIdCardOptions {
  /** The instant dates are judged against (no birth or issue date after it); default now. */
  readonly now?: Date;
}

const MESSAGES: Record<IdCardErrorCode, string> = {
  'too-long': `the text is longer than ${MAX_ID_CARD_QR_CHARS} characters`,
  'not-an-id-card': 'the text is not a chip ID card QR (CCCD|CMND|name|date of birth|gender|address|issue date)',
  'bad-number': 'the CCCD number is not 12 digits',
  'unknown-province': 'the first three digits of the CCCD number are not a province code',
  'bad-cmnd': 'the CMND field is neither empty nor 9 digits',
  'bad-name': 'the full name is missing, too long or has characters a name cannot have',
  'bad-date': 'the date of birth is not a real date ddmmyyyy between 1900 and today',
  'bad-gender': 'the gender is neither Nam nor Nữ',
  'bad-address': 'the address is missing, too long or has control characters',
  'bad-issue-date': 'the issue date is not a real date ddmmyyyy between the date of birth and today',
  'century-mismatch': 'the fourth digit of the CCCD number does not match the century of birth',
  'gender-digit-mismatch': 'the fourth digit of the CCCD number does not match the gender',
  'birth-year-mismatch': 'the fifth and sixth digits of the CCCD number do not match the year of birth',
};

const CONTROL_CHARACTER = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/u;
const DIGITS = /^\d+$/;
const EARLIEST_BIRTH_DATE = '1900-01-01';

function fail(code: IdCardErrorCode): IdCardParse {
  return { ok: false, code, message: MESSAGES[code] };
}

/** NFC, whitespace runs collapsed to one space, trimmed. */
function normaliseText(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

function codePoints(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** 'ddmmyyyy' → 'YYYY-MM-DD', or undefined when it is not a real date. */
function readCardDate(value: string): string | undefined {
  if (value.length !== 8 || !DIGITS.test(value)) return undefined;
  const iso = `${value.slice(4, 8)}-${value.slice(2, 4)}-${value.slice(0, 2)}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** `Nam` / `Nữ`, any case, precomposed or decomposed. */
function readGender(value: string): IdCardGender | undefined {
  const g = value.normalize('NFC').trim().toLowerCase();
  if (g === 'nam') return 'male';
  if (g === 'nữ') return 'female';
  return undefined;
}

/**
 * Parses and checks a chip ID card's QR text. Never throws: any input, of any type, gives a
 * result. Checks, cheapest first: size, shape, number, dates, gender, name, address, then the
 * number against the card's own birth date and gender.
 */
export function parseIdCard(text: unknown, options?: ParseIdCardOptions): IdCardParse {
  try {
    if (typeof text !== 'string') return fail('not-an-id-card');
    if (text.length > MAX_ID_CARD_QR_CHARS) return fail('too-long');
    // A byte-order mark and the line end some decoders keep are not part of the card's text.
    const body = text.replace(/^\uFEFF/, '').replace(/[\r\n]+$/, '');
    const fields = body.split('|');
    if (fields.length < ID_CARD_FIELDS || fields.length > MAX_ID_CARD_FIELDS) return fail('not-an-id-card');
    const [numberField, cmndField, nameField, birthField, genderField, addressField, issueField] = fields as [
      string, string, string, string, string, string, string,
    ];

    const cccd = numberField.trim();
    if (!DIGITS.test(cccd)) return fail('not-an-id-card');
    if (cccd.length !== 12) return fail('bad-number');
    if (cccd[0] !== '0' || !isProvinceCode(cccd.slice(1, 3))) return fail('unknown-province');

    const cmnd = cmndField.trim();
    if (cmnd !== '' && !/^\d{9}$/.test(cmnd)) return fail('bad-cmnd');

    const now = options?.now instanceof Date && !Number.isNaN(options.now.getTime()) ? options.now : new Date();
    const today = vietnamDate(now);

    const fullName = normaliseText(nameField);
    if (!isPassName(fullName, ID_CARD_LIMITS.fullName)) return fail('bad-name');

    const dateOfBirth = readCardDate(birthField.trim());
    if (dateOfBirth === undefined || dateOfBirth < EARLIEST_BIRTH_DATE || dateOfBirth > today) return fail('bad-date');

    const gender = readGender(genderField);
    if (gender === undefined) return fail('bad-gender');

    const address = normaliseText(addressField);
    const addressLength = codePoints(address);
    if (
      addressLength < ID_CARD_LIMITS.address.min ||
      addressLength > ID_CARD_LIMITS.address.max ||
      CONTROL_CHARACTER.test(address)
    ) {
      return fail('bad-address');
    }

    const issueDate = readCardDate(issueField.trim());
    if (issueDate === undefined || issueDate < dateOfBirth || issueDate > today) return fail('bad-issue-date');

    // Digit 4: 0/1 = born 1900–1999 male/female, 2/3 = 2000–2099, 4/5 = 2100–2199, …
    const centuryGender = cccd.charCodeAt(3) - 0x30;
    const year = Number(dateOfBirth.slice(0, 4));
    if (Math.floor(centuryGender / 2) !== Math.floor((year - 1900) / 100)) return fail('century-mismatch');
    if ((centuryGender % 2 === 1) !== (gender === 'female')) return fail('gender-digit-mismatch');
    if (cccd.slice(4, 6) !== dateOfBirth.slice(2, 4)) return fail('birth-year-mismatch');

    const card: IdCard = {
      cccd,
      ...(cmnd !== '' && { cmnd }),
      fullName,
      dateOfBirth,
      gender,
      address,
      issueDate,
    };
    return { ok: true, card };
  } catch {
    // No known input gets here (every step above is total); refuse rather than throw.
    return fail('not-an-id-card');
  }
}

/** A cheap pre-check for a scanner routing texts: could this be a card QR (no full parse)? */
export function looksLikeIdCard(text: unknown): boolean {
  return typeof text === 'string' && text.length <= MAX_ID_CARD_QR_CHARS && /^\uFEFF?\s*\d{12}\s*\|/.test(text);
}
