// The people travelling with the declarant (a family in one car), as form values: each
// companion's own identity and health under `companions.<i>.<field>`, the journey shared with the
// declarant. Builds the group body, validates it with the core and places every error on the
// control that shows it. Plain TS, no DOM (tested in Node).

import { validateDeclaration, type Declaration } from '../../core/declaration';
import { GROUP_SIZE, validateDeclarationGroup } from '../../core/declaration-group';
import type { DraftValues } from '../../store/citizen-db';
import { controlFor, FIELD_ORDER, str, toDeclarationInput, type FieldPath } from './form-model';

/** A companion's own controls, in the order they appear. */
export const COMPANION_FIELDS = [
  'fullName',
  'idType',
  'idNumber',
  'dateOfBirth',
  'gender',
  'phone',
  'health.symptoms',
  'health.contactWithCase',
  'health.testResult.result',
  'health.testResult.date',
  'health.testResult.kind',
  'vaccination.doses',
  'vaccination.lastDoseDate',
] as const satisfies readonly FieldPath[];

export type CompanionField = (typeof COMPANION_FIELDS)[number];
export type CompanionPath = `companions.${number}.${CompanionField}`;
/** Any control of the form: the declarant's (and the journey's) or a companion's. */
export type ControlPath = FieldPath | CompanionPath;

/** The declarant plus at most this many (one car). */
export const MAX_COMPANIONS = GROUP_SIZE.max - 1;
const COUNT_KEY = 'companions';

export function companionPath(index: number, field: CompanionField): CompanionPath {
  return `companions.${index}.${field}`;
}

/** Splits a companion path; undefined for the declarant's own paths. */
export function parseCompanionPath(path: string): { index: number; field: CompanionField } | undefined {
  const match = /^companions\.(\d+)\.(.+)$/.exec(path);
  if (!match) return undefined;
  const field = match[2] as CompanionField;
  return (COMPANION_FIELDS as readonly string[]).includes(field) ? { index: Number(match[1]), field } : undefined;
}

export function companionCount(values: DraftValues): number {
  const n = Number(str(values, COUNT_KEY));
  return Number.isInteger(n) && n > 0 ? Math.min(n, MAX_COMPANIONS) : 0;
}

/** The changes that add one (empty) companion; {} when the car is full. */
export function addCompanion(values: DraftValues): DraftValues {
  const n = companionCount(values);
  return n >= MAX_COMPANIONS ? {} : { [COUNT_KEY]: String(n + 1) };
}

/** The values without companion `index` (the later ones move up one place). */
export function removeCompanion(values: DraftValues, index: number): DraftValues {
  const n = companionCount(values);
  if (index < 0 || index >= n) return values;
  const next: DraftValues = {};
  for (const [key, value] of Object.entries(values)) {
    if (key === COUNT_KEY) continue;
    const parsed = parseCompanionPath(key.split('#')[0] ?? key);
    if (!parsed) next[key] = value;
    else if (parsed.index < index) next[key] = value;
    else if (parsed.index > index) next[key.replace(`companions.${parsed.index}.`, `companions.${parsed.index - 1}.`)] = value;
  }
  if (n - 1 > 0) next[COUNT_KEY] = String(n - 1);
  return next;
}

/** Companion `index`'s values under the declarant's keys (to reuse toDeclarationInput). */
function companionValues(values: DraftValues, index: number): DraftValues {
  const prefix = `companions.${index}.`;
  const own: DraftValues = {};
  for (const [key, value] of Object.entries(values)) if (key.startsWith(prefix)) own[key.slice(prefix.length)] = value;
  return own;
}

const MEMBER_KEYS = ['fullName', 'idType', 'idNumber', 'dateOfBirth', 'gender', 'phone', 'health', 'vaccination'] as const;

/** The `POST /declaration-groups` body as typed (unvalidated): the declarant first. */
export function toGroupInput(values: DraftValues): { journey: Record<string, unknown>; members: Record<string, unknown>[] } {
  const declarant = toDeclarationInput(values);
  const { fullName: _n, idType: _t, idNumber: _i, dateOfBirth: _d, gender: _g, phone: _p, health: _h, vaccination: _v, ...journey } = declarant;
  const member = (input: Record<string, unknown>) => Object.fromEntries(MEMBER_KEYS.map((k) => [k, input[k]]));
  const members = [member(declarant)];
  for (let i = 0; i < companionCount(values); i++) members.push(member(toDeclarationInput(companionValues(values, i))));
  return { journey, members };
}

/** The control that shows a group error (`journey.…`, `members.<i>.…`); '' = the form. */
export function groupControlFor(field: string): ControlPath | '' {
  const journey = /^journey(?:\.(.*))?$/.exec(field);
  if (journey) return controlFor(journey[1] ?? '');
  const member = /^members\.(\d+)(?:\.(.*))?$/.exec(field);
  if (!member) return controlFor(field);
  const index = Number(member[1]);
  const own = controlFor(member[2] ?? '');
  if (index === 0) return own;
  if (own === '' || !(COMPANION_FIELDS as readonly string[]).includes(own)) return '';
  return companionPath(index - 1, own as CompanionField);
}

export interface ControlError {
  control: ControlPath | '';
  code: string;
}

export type FormValidation = { ok: true; declarations: Declaration[] } | { ok: false; errors: ControlError[] };

/**
 * The whole form, validated by the core: one declaration alone, or the group with every
 * companion. Errors come back on their controls, in the order the controls appear.
 */
export function validateForm(values: DraftValues, now?: Date): FormValidation {
  const options = now ? { now } : undefined;
  if (companionCount(values) === 0) {
    const single = validateDeclaration(toDeclarationInput(values), options);
    if (single.ok) return { ok: true, declarations: [single.value] };
    return { ok: false, errors: single.errors.map((e) => ({ control: controlFor(e.field), code: e.code })) };
  }
  const result = validateDeclarationGroup(toGroupInput(values), options);
  if (result.ok) return { ok: true, declarations: result.value };
  const errors = result.errors.map((e) => ({ control: groupControlFor(e.field), code: e.code }));
  return { ok: false, errors: errors.sort((a, b) => controlOrder(a.control) - controlOrder(b.control)) };
}

/** Every control in page order (declarant and journey first, then each companion). */
export function controlOrder(control: ControlPath | ''): number {
  if (control === '') return -1;
  const parsed = parseCompanionPath(control);
  if (!parsed) return FIELD_ORDER.indexOf(control as FieldPath);
  return FIELD_ORDER.length + parsed.index * COMPANION_FIELDS.length + COMPANION_FIELDS.indexOf(parsed.field);
}

/** All controls of the current form, in page order (to touch them all on submit). */
export function allControls(values: DraftValues): ControlPath[] {
  const list: ControlPath[] = [...FIELD_ORDER];
  for (let i = 0; i < companionCount(values); i++) for (const field of COMPANION_FIELDS) list.push(companionPath(i, field));
  return list;
}
