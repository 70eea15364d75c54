// A family in one car: one declarant declares for several people travelling together. The route,
// dates, purpose and plate are given once (`journey`); each member has their own identity and
// health. Every member gets a full Declaration (and so a pass of their own); the rules are the
// single copy in validateDeclaration, run once per member.

import {
  validateDeclaration,
  type Declaration,
  type DeclarationErrorCode,
  type DeclarationFieldError,
} from './declaration';
import { declarationErrorText } from './texts';

/** What the people in one car share. */
export const JOURNEY_FIELDS = ['origin', 'destination', 'departureDate', 'returnDate', 'purpose', 'purposeNote', 'vehiclePlate'] as const;
/** What each person declares for themself. */
export const MEMBER_FIELDS = ['fullName', 'idType', 'idNumber', 'dateOfBirth', 'gender', 'phone', 'health', 'vaccination'] as const;

export type Journey = Pick<Declaration, (typeof JOURNEY_FIELDS)[number]>;
export type GroupMember = Omit<Pick<Declaration, (typeof MEMBER_FIELDS)[number]>, 'phone'> & {
  /** The member's own mobile; without one, the declarant's (member 0) is the contact. */
  phone?: string;
};

/** Body of `POST /declaration-groups` (docs/api.md). Member 0 is the declarant. */
export interface DeclarationGroup {
  journey: Journey;
  members: GroupMember[];
}

/** A group is 2 to 8 people: one car (a single person uses `POST /declarations`). */
export const GROUP_SIZE = { min: 2, max: 8 } as const;

export type GroupErrorCode = DeclarationErrorCode | 'group-size';

export interface GroupFieldError {
  /** 'journey.origin.unitCode', 'members.2.fullName', 'members' (the count), '' (the whole body). */
  field: string;
  code: GroupErrorCode;
}

export type GroupValidation = { ok: true; value: Declaration[] } | { ok: false; errors: GroupFieldError[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pick(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in record).map((k) => [k, record[k]]));
}

/**
 * Validates a group body and expands it into one normalised Declaration per member, in order.
 * Errors of the shared journey are reported once, under `journey.`; a member's under
 * `members.<i>.`. Unknown keys are dropped. Never throws.
 */
export function validateDeclarationGroup(input: unknown, options?: { now?: Date }): GroupValidation {
  if (!isRecord(input)) return { ok: false, errors: [{ field: '', code: 'invalid-type' }] };
  const errors: GroupFieldError[] = [];
  if (input.journey === undefined || input.journey === null) errors.push({ field: 'journey', code: 'required' });
  else if (!isRecord(input.journey)) errors.push({ field: 'journey', code: 'invalid-type' });
  const members = input.members;
  if (members === undefined || members === null) errors.push({ field: 'members', code: 'required' });
  else if (!Array.isArray(members)) errors.push({ field: 'members', code: 'invalid-type' });
  else if (members.length < GROUP_SIZE.min || members.length > GROUP_SIZE.max) errors.push({ field: 'members', code: 'group-size' });
  if (errors.length > 0 || !isRecord(input.journey) || !Array.isArray(members)) return { ok: false, errors };

  const journey = pick(input.journey, JOURNEY_FIELDS);
  const declarant = isRecord(members[0]) ? members[0] : undefined;
  const declarations: Declaration[] = [];
  members.forEach((member: unknown, index) => {
    if (!isRecord(member)) {
      errors.push({ field: `members.${index}`, code: 'invalid-type' });
      return;
    }
    const own = pick(member, MEMBER_FIELDS);
    // Children and elderly people may have no phone: the declarant's number is their contact.
    const phone = index > 0 && (own.phone === undefined || own.phone === null || own.phone === '') ? declarant?.phone : own.phone;
    const result = validateDeclaration({ ...journey, ...own, phone }, options);
    if (result.ok) {
      declarations.push(result.value);
      return;
    }
    for (const error of result.errors) errors.push(placeError(error, index));
  });
  if (errors.length > 0) return { ok: false, errors: dedupe(errors) };
  return { ok: true, value: declarations };
}

/** A member's error, moved under `journey.` (shared field) or `members.<i>.` (their own). */
function placeError(error: DeclarationFieldError, index: number): GroupFieldError {
  const head = error.field.split('.')[0] ?? '';
  if ((JOURNEY_FIELDS as readonly string[]).includes(head)) return { field: `journey.${error.field}`, code: error.code };
  return { field: error.field === '' ? `members.${index}` : `members.${index}.${error.field}`, code: error.code };
}

/** Journey errors repeat for every member: keep the first of each. */
function dedupe(errors: GroupFieldError[]): GroupFieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.field}\u0000${e.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The group body for declarations that share a journey (the form's view: full declarations in, wire body out). */
export function groupFromDeclarations(declarations: readonly Declaration[]): DeclarationGroup {
  const first = declarations[0];
  if (!first) throw new RangeError('a group needs at least one declaration');
  const journey = Object.fromEntries(JOURNEY_FIELDS.filter((k) => first[k] !== undefined).map((k) => [k, first[k]])) as Journey;
  const members = declarations.map((d, i) => {
    const member = Object.fromEntries(MEMBER_FIELDS.filter((k) => d[k] !== undefined).map((k) => [k, d[k]])) as GroupMember;
    if (i > 0 && d.phone === first.phone) delete member.phone;
    return member;
  });
  return { journey, members };
}

/** The message of a group error code (the server's `message`; the UI words its own). */
export function groupErrorText(code: GroupErrorCode, lang: 'vi' | 'en' = 'en'): string {
  if (code !== 'group-size') return declarationErrorText(code, lang);
  return lang === 'en'
    ? `A group declaration is for ${GROUP_SIZE.min} to ${GROUP_SIZE.max} people.`
    : `Khai báo theo nhóm dành cho ${GROUP_SIZE.min} đến ${GROUP_SIZE.max} người.`;
}
