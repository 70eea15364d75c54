// What the form says and does about a submission's outcome, without a DOM (tested in Node): the
// text of a server error, the server's field errors placed on the form's controls, the error
// event for a failed attempt or a storage failure, and the confirmation once passes are issued.

import { DECLARATION_ERROR_CODES, type DeclarationErrorCode } from '../../core/declaration';
import { groupErrorText } from '../../core/declaration-group';
import { manualCode } from '../../core/manual-code';
import { declarationErrorText } from '../../core/texts';
import type { OutboxEntry } from '../../store/citizen-db';
import type { StoreError } from '../../store/errors';
import type { FlushOutcome } from '../../sync/declaration-sender';
import type { Lang } from '../shared/localize';
import type { FormMessages } from './ck-declaration-form.messages';
import type { DeclarationErrorDetail } from './form-events';
import { groupControlFor, type ControlPath } from './group-model';

export type ServerErrors = Map<ControlPath | '', { code: string; message?: string }>;

function isDeclarationErrorCode(code: string): code is DeclarationErrorCode {
  return (DECLARATION_ERROR_CODES as readonly string[]).includes(code);
}

/** A core or group error code in words; otherwise the server's own message. */
export function serverErrorText(code: string, message: string | undefined, msg: FormMessages, lang: Lang): string {
  if (code === 'group-size') return groupErrorText(code, lang);
  if (isDeclarationErrorCode(code)) return declarationErrorText(code, lang);
  return message ?? msg.serverRejected;
}

/** The server's field errors on the form's controls (group fields on the companion's), the first per control. */
export function serverFieldErrors(fieldErrors: NonNullable<OutboxEntry['fieldErrors']>): ServerErrors {
  const errors: ServerErrors = new Map();
  for (const fieldError of fieldErrors) {
    const control = groupControlFor(fieldError.field);
    if (!errors.has(control)) errors.set(control, { code: fieldError.code, ...(fieldError.message && { message: fieldError.message }) });
  }
  return errors;
}

/**
 * The error event of an attempt that did not issue a pass; none for field errors (they land on
 * their fields) or an attempt without an error.
 */
export function outcomeFailure(outcome: FlushOutcome, msg: FormMessages): DeclarationErrorDetail | undefined {
  const { entry, error } = outcome;
  if (outcome.outcome === 'sent' || !error || (outcome.outcome === 'failed' && error.code === 'validation')) return undefined;
  const reason = msg.errorCodes[error.code] ?? error.code;
  return {
    code: error.code,
    message: outcome.outcome === 'failed' ? msg.failed(reason) : reason,
    retryable: error.retryable,
    queued: outcome.outcome === 'retry',
    ...(error.status !== undefined && { status: error.status }),
    submissionId: entry.id,
  };
}

export function storageFailure(error: StoreError, msg: FormMessages): DeclarationErrorDetail {
  const code = error.code === 'quota-exceeded' ? 'storage-quota' : error.code === 'unavailable' ? 'storage-unavailable' : 'storage';
  const text = error.code === 'quota-exceeded' ? msg.storageFull : error.code === 'unavailable' ? msg.storageUnavailable : error.message;
  return { code, message: text, retryable: error.code !== 'unavailable', queued: false };
}

export function safeManualCode(passId: string): string {
  try {
    return manualCode(passId);
  } catch {
    return passId;
  }
}

/** The confirmation: the manual code of the pass, or of each pass of a group. */
export function issuedNotice(result: NonNullable<OutboxEntry['result']>, msg: FormMessages): string {
  const codes = (result.passes ?? [{ passId: result.passId }]).map((p) => safeManualCode(p.passId));
  return codes.length > 1 ? msg.issuedGroup(codes) : msg.issued(codes[0] ?? result.passId);
}

/** A new submission asks for what the one pending already carries (the same declarations, in order). */
export function sameSubmission(pending: OutboxEntry, declarations: readonly unknown[]): boolean {
  return JSON.stringify(pending.group ?? [pending.declaration]) === JSON.stringify(declarations);
}

/** A refusal is applied once per version of its entry (a later attempt refused again shows anew). */
export function failureKey(entry: OutboxEntry): string {
  return `${entry.id}@${entry.updatedAt}`;
}
