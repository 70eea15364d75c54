// What the form says, decided without the DOM (tested in Node): the error shown on each control,
// the submission line from the outbox, and the hint under a ward/commune picker.

import { SYMPTOMS, type Symptom } from '../../core/declaration';
import type { DraftValues, OutboxEntry } from '../../store/citizen-db';
import type { FormMessages } from './ck-declaration-form.messages';
import { IDENTITY_FIELDS, str, textKey, type FieldPath } from './form-model';
import { parseCompanionPath, validateForm, type ControlPath } from './group-model';
import { COMBO_FIELDS } from './unit-options';

/** The line about this form's submission: sending, waiting (offline or for a retry), or refused. */
export type SubmissionLine =
  | { kind: 'none' }
  | { kind: 'sending' }
  | { kind: 'waiting-offline' }
  | { kind: 'waiting-retry'; at: number; errorCode: string }
  | { kind: 'fields-rejected' }
  | { kind: 'failed'; errorCode: string };

/** The submission still to be sent (waiting or being sent), the latest one if several. */
export function pendingSubmission(entries: readonly OutboxEntry[] | undefined): OutboxEntry | undefined {
  return (entries ?? []).findLast((e) => e.state === 'waiting' || e.state === 'sending');
}

/**
 * The submission line. A refused submission stays visible (also after a reload) unless an error
 * notice already says it.
 */
export function submissionLine(entries: readonly OutboxEntry[] | undefined, online: boolean, errorNoticeShown: boolean): SubmissionLine {
  const pending = pendingSubmission(entries);
  if (pending?.state === 'sending') return { kind: 'sending' };
  if (pending) {
    const offline = !online || !pending.lastError || pending.lastError.code === 'network';
    return offline ? { kind: 'waiting-offline' } : { kind: 'waiting-retry', at: pending.nextAttemptAt, errorCode: pending.lastError?.code ?? '' };
  }
  const latest = entries?.at(-1);
  if (latest?.state === 'failed' && !errorNoticeShown) {
    return latest.fieldErrors?.length ? { kind: 'fields-rejected' } : { kind: 'failed', errorCode: latest.lastError?.code ?? '' };
  }
  return { kind: 'none' };
}

/** The hint under a ward/commune picker. */
export type UnitHint = 'pick-province-first' | 'choose' | 'loading' | 'no-list';

export interface UnitHintInput {
  province: string;
  /** Wards known for that province (0 while loading or without a list). */
  wardCount: number;
  /** A catalogue (index) is loaded. */
  catalogue: boolean;
  /** That province's wards have been loaded (undefined: not yet). */
  provinceLoaded: boolean;
  provinceFailed: boolean;
  /** A units source is set (flat list or index). */
  hasSource: boolean;
  sourceFailed: boolean;
}

export function unitHint(input: UnitHintInput): UnitHint {
  if (!input.province) return 'pick-province-first';
  if (input.wardCount > 0) return 'choose';
  const loading = input.catalogue
    ? /^\d{2}$/.test(input.province) && !input.provinceLoaded && !input.provinceFailed
    : input.hasSource && !input.sourceFailed;
  return loading ? 'loading' : 'no-list';
}

const DATE_FIELDS: readonly FieldPath[] = ['dateOfBirth', 'departureDate', 'returnDate', 'health.testResult.date', 'vaccination.lastDoseDate'];

export interface ShownErrorsInput {
  values: DraftValues;
  /** Whether a control's core error shows now (touched, or all after a submit). */
  shown: (path: ControlPath | '') => boolean;
  /** Date inputs with some segments typed (their value is '' but not empty). */
  badDates: ReadonlySet<string>;
  /** Codes not in the loaded unit set. */
  setErrors: ReadonlyMap<FieldPath, string>;
  serverErrors: ReadonlyMap<ControlPath | '', { code: string; message?: string }>;
  msg: FormMessages;
  /** A core or server error code in words. */
  text: (code: string, message: string | undefined) => string;
}

/**
 * The message on each control now: core errors on the controls shown, refined by what only the
 * UI knows (a half-typed date, a place name typed but not picked), then codes not in the unit
 * set, then the server's own errors (always shown).
 */
export function shownErrors(input: ShownErrorsInput): Map<ControlPath | '', string> {
  const { values, msg } = input;
  const shown = new Map<ControlPath | '', string>();
  const result = validateForm(values);
  for (const error of result.ok ? [] : result.errors) {
    const control = error.control;
    if (!input.shown(control) || shown.has(control)) continue;
    let text = input.text(error.code, undefined);
    const field = parseCompanionPath(control)?.field ?? control;
    if (error.code === 'required' && DATE_FIELDS.includes(field as FieldPath) && input.badDates.has(control)) text = msg.badDate;
    if (error.code === 'required' && COMBO_FIELDS.includes(control as FieldPath) && str(values, textKey(control as FieldPath)).trim() !== '') {
      text = msg.pickFromList;
    }
    shown.set(control, text);
  }
  for (const [path, text] of input.setErrors) {
    if (input.shown(path) && !shown.has(path)) shown.set(path, text);
  }
  for (const [path, error] of input.serverErrors) shown.set(path, input.text(error.code, error.message));
  return shown;
}

/** The ticked symptoms after one box changed, in SYMPTOMS order. */
export function toggledSymptoms(ticked: readonly string[], symptom: string, checked: boolean): Symptom[] {
  const current = new Set(ticked);
  if (checked) current.add(symptom);
  else current.delete(symptom);
  return SYMPTOMS.filter((s) => current.has(s));
}

/** The controls holding a partly typed date after one was checked; undefined when nothing changed. */
export function withBadDate(badDates: ReadonlySet<string>, path: string, bad: boolean): Set<string> | undefined {
  if (bad === badDates.has(path)) return undefined;
  const next = new Set(badDates);
  if (bad) next.add(path);
  else next.delete(path);
  return next;
}

/** The identity fields the portal filled, when they are shown read-only (their values win). */
export function lockedValues(prefill: DraftValues, readonly: boolean): DraftValues {
  if (!readonly) return {};
  return Object.fromEntries(IDENTITY_FIELDS.filter((path) => str(prefill, path) !== '').map((path) => [path, str(prefill, path)]));
}
