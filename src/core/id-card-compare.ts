// The chip ID card compared with a verified pass's declaration, field by field. Pure and
// synchronous; the card's data stays in memory only as long as the caller keeps the result
// (which holds outcomes, never the card's values).

import type { Declaration } from './declaration';
import type { IdCard } from './id-card';
import type { IdCheckResult } from './passage-record';

export const ID_COMPARE_FIELDS = ['idNumber', 'fullName', 'dateOfBirth', 'gender'] as const;
export type IdCompareField = (typeof ID_COMPARE_FIELDS)[number];

/**
 * - `match`: the card and the pass agree.
 * - `mismatch`: they disagree.
 * - `not-on-card`: the pass has it, the card does not (a CMND-declared pass and a card without
 *   the CMND field; a passport-declared pass).
 * - `not-on-pass`: the pass lacks it (an empty field; gender declared as "other").
 */
export type IdFieldOutcome = 'match' | 'mismatch' | 'not-on-card' | 'not-on-pass';

export interface IdFieldComparison {
  readonly field: IdCompareField;
  readonly outcome: IdFieldOutcome;
}

/**
 * `matched` only when no field disagrees and the ID number itself matched: the number is what
 * ties the card to the pass, so a card whose number could not be compared is not a match (the
 * officer checks it by eye, and the passage records `manual` or `mismatch`).
 */
export type IdCardMatch = Extract<IdCheckResult, 'matched' | 'mismatch'>;

export interface IdCardComparison {
  readonly result: IdCardMatch;
  /** One entry per field, in ID_COMPARE_FIELDS order. */
  readonly fields: readonly IdFieldComparison[];
}

/** What of a declaration the compare reads; empty strings count as absent. */
export type IdCardPassFields = Partial<Pick<Declaration, 'fullName' | 'idType' | 'idNumber' | 'dateOfBirth' | 'gender'>>;

/**
 * A name as compared: NFC, lower case, whitespace runs collapsed, trimmed. Diacritics stay
 * significant ("Thư" ≠ "Thu"); `Đ` lower-cases to `đ`, never to `d`.
 */
export function comparableName(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

function present(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function compareIdNumber(card: IdCard, pass: IdCardPassFields): IdFieldOutcome {
  if (!present(pass.idNumber)) return 'not-on-pass';
  const number = pass.idNumber.replace(/\s+/g, '');
  if (pass.idType === 'passport') return 'not-on-card';
  // A 9-digit number is an old CMND: compare it with the card's CMND field. A 12-digit one (a
  // CCCD, or a 12-digit CMND, whose number the chip card kept) with the card's number.
  if (number.length === 9) {
    if (card.cmnd === undefined) return 'not-on-card';
    return card.cmnd === number ? 'match' : 'mismatch';
  }
  return card.cccd === number ? 'match' : 'mismatch';
}

function compareName(card: IdCard, pass: IdCardPassFields): IdFieldOutcome {
  if (!present(pass.fullName)) return 'not-on-pass';
  return comparableName(card.fullName) === comparableName(pass.fullName) ? 'match' : 'mismatch';
}

function compareDateOfBirth(card: IdCard, pass: IdCardPassFields): IdFieldOutcome {
  if (!present(pass.dateOfBirth)) return 'not-on-pass';
  return card.dateOfBirth === pass.dateOfBirth.trim() ? 'match' : 'mismatch';
}

function compareGender(card: IdCard, pass: IdCardPassFields): IdFieldOutcome {
  if (pass.gender !== 'male' && pass.gender !== 'female') return 'not-on-pass';
  return card.gender === pass.gender ? 'match' : 'mismatch';
}

/** Compares a parsed card with a verified pass's declaration. Never throws for typed input. */
export function compareIdCard(card: IdCard, pass: IdCardPassFields): IdCardComparison {
  const fields: IdFieldComparison[] = [
    { field: 'idNumber', outcome: compareIdNumber(card, pass) },
    { field: 'fullName', outcome: compareName(card, pass) },
    { field: 'dateOfBirth', outcome: compareDateOfBirth(card, pass) },
    { field: 'gender', outcome: compareGender(card, pass) },
  ];
  const matched = fields[0]?.outcome === 'match' && fields.every((f) => f.outcome !== 'mismatch');
  return { result: matched ? 'matched' : 'mismatch', fields };
}
