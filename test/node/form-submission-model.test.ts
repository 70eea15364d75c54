/// <reference types="node" />
// What the declaration form says about a submission's outcome, without a DOM: server error codes
// in words (both languages), the server's field errors on the form's controls (group fields on
// the companion's), the error event of a failed or retried attempt, storage failures, and the
// confirmation with each pass's manual code.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../src/api/http';
import { manualCode } from '../../src/core/manual-code';
import { StoreError } from '../../src/store/errors';
import type { OutboxEntry } from '../../src/store/citizen-db';
import { messages } from '../../src/elements/ck-declaration-form/ck-declaration-form.messages';
import {
  issuedNotice,
  failureKey,
  outcomeFailure,
  safeManualCode,
  sameSubmission,
  serverErrorText,
  serverFieldErrors,
  storageFailure,
} from '../../src/elements/ck-declaration-form/submission-model';
import { referenceDeclaration } from '../fixtures/reference';

const vi = messages.vi;
const en = messages.en;
const entry: OutboxEntry = { id: 'k1', formId: 'default', apiBase: '/api', declaration: referenceDeclaration(), state: 'waiting', createdAt: 1, updatedAt: 1, attempts: 1, nextAttemptAt: 2 };
const PASS_A = 'AAECAwQFBgcICQoLDA0ODw';
const PASS_B = 'EBESExQVFhcYGRobHB0eHw';

describe('form submission model', () => {
  it('server error codes in words in the language shown; unknown codes keep the server message or a generic one', () => {
    assert.notEqual(serverErrorText('required', undefined, vi, 'vi'), serverErrorText('required', undefined, en, 'en'));
    assert.equal(serverErrorText('group-size', 'x', en, 'en') === 'x', false);
    assert.equal(serverErrorText('made-up', 'the server said so', en, 'en'), 'the server said so');
    assert.equal(serverErrorText('made-up', undefined, en, 'en'), en.serverRejected);
  });

  it('field errors land on the form controls, the first per control; group fields on the companion', () => {
    const errors = serverFieldErrors([
      { field: 'fullName', code: 'required' },
      { field: 'fullName', code: 'too-long' },
      { field: 'members.1.idNumber', code: 'invalid-format', message: 'bad' },
      { field: 'journey.departureDate', code: 'required' },
    ]);
    assert.deepEqual([...errors.keys()], ['fullName', 'companions.0.idNumber', 'departureDate']);
    assert.deepEqual(errors.get('fullName'), { code: 'required' });
    assert.deepEqual(errors.get('companions.0.idNumber'), { code: 'invalid-format', message: 'bad' });
  });

  it('a failed attempt is an error event with the reason; a retried one is queued; field errors and issued passes are not events', () => {
    const server = new ApiError('server', 'boom', { status: 503, retryable: true });
    const retry = outcomeFailure({ entry, outcome: 'retry', error: server }, en);
    assert.deepEqual(retry, { code: 'server', message: en.errorCodes.server ?? 'server', retryable: true, queued: true, status: 503, submissionId: 'k1' });
    const failed = outcomeFailure({ entry, outcome: 'failed', error: new ApiError('client', 'no', { status: 403, retryable: false }) }, vi);
    assert.equal(failed?.queued, false);
    assert.equal(failed?.message, vi.failed(vi.errorCodes.client ?? 'client'));
    assert.equal(outcomeFailure({ entry, outcome: 'failed', error: new ApiError('validation', 'x', { status: 400, retryable: false }) }, en), undefined);
    assert.equal(outcomeFailure({ entry, outcome: 'sent' }, en), undefined);
  });

  it('storage failures: quota and unavailable in words, others with their own message', () => {
    assert.deepEqual(storageFailure(new StoreError('quota-exceeded', 'q'), en), { code: 'storage-quota', message: en.storageFull, retryable: true, queued: false });
    assert.deepEqual(storageFailure(new StoreError('unavailable', 'u'), vi), { code: 'storage-unavailable', message: vi.storageUnavailable, retryable: false, queued: false });
    assert.deepEqual(storageFailure(new StoreError('failed', 'disk said no'), en), { code: 'storage', message: 'disk said no', retryable: true, queued: false });
  });

  it('the confirmation names the manual code of the pass, or of each pass of a family', () => {
    assert.equal(issuedNotice({ qrText: 'CK1:x', passId: PASS_A }, en), en.issued(manualCode(PASS_A)));
    const group = issuedNotice({ qrText: 'CK1:x', passId: PASS_A, passes: [{ qrText: 'a', passId: PASS_A }, { qrText: 'b', passId: PASS_B }] }, vi);
    assert.equal(group, vi.issuedGroup([manualCode(PASS_A), manualCode(PASS_B)]));
    assert.equal(safeManualCode('!'), '!');
  });

  it('a submission asks again for the pending one only with the same declarations in the same order', () => {
    const other = { ...referenceDeclaration(), fullName: 'Trần Thị B' };
    assert.equal(sameSubmission(entry, [referenceDeclaration()]), true);
    assert.equal(sameSubmission(entry, [other]), false);
    assert.equal(sameSubmission(entry, [referenceDeclaration(), other]), false);
    const family = { ...entry, group: [referenceDeclaration(), other] };
    assert.equal(sameSubmission(family, [referenceDeclaration(), other]), true);
    assert.equal(sameSubmission(family, [other, referenceDeclaration()]), false);
    assert.equal(sameSubmission(family, [referenceDeclaration()]), false);
  });

  it('a refusal is applied once per version of its entry', () => {
    assert.equal(failureKey(entry), failureKey({ ...entry }));
    assert.notEqual(failureKey(entry), failureKey({ ...entry, updatedAt: 5 }));
    assert.notEqual(failureKey(entry), failureKey({ ...entry, id: 'k2' }));
  });
});
