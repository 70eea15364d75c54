// What the form's status area and place fields say, decided without the DOM (tested in Node):
// the submission line from the outbox, and the hint under a ward/commune picker.

import type { OutboxEntry } from '../../store/citizen-db';

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
