/// <reference types="node" />
// The declaration form's status area and ward hint, decided without a DOM: which line the
// submission gets from the outbox (sending, waiting offline or for a retry, refused), and what
// the ward picker says while its province's list loads, once it is there, or when there is none.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OutboxEntry } from '../../src/store/citizen-db';
import { referenceDeclaration } from '../fixtures/reference';
import { pendingSubmission, submissionLine, unitHint, type UnitHintInput } from '../../src/elements/ck-declaration-form/view-model';

function entry(id: string, state: OutboxEntry['state'], extra: Partial<OutboxEntry> = {}): OutboxEntry {
  return { id, formId: 'default', apiBase: '/api', declaration: referenceDeclaration(), state, createdAt: 1, updatedAt: 1, attempts: 0, nextAttemptAt: 5000, ...extra };
}

describe('form view model: submission line', () => {
  it('says nothing without submissions, and nothing for a sent one', () => {
    assert.deepEqual(submissionLine(undefined, true, false), { kind: 'none' });
    assert.deepEqual(submissionLine([entry('a', 'sent')], true, false), { kind: 'none' });
  });

  it('a submission being sent, the latest pending one wins over older entries', () => {
    const entries = [entry('a', 'failed', { lastError: { code: 'server', retryable: false } }), entry('b', 'sending')];
    assert.deepEqual(submissionLine(entries, true, false), { kind: 'sending' });
    assert.equal(pendingSubmission(entries)?.id, 'b');
  });

  it('waiting: offline when the device is offline, never tried, or the last error was the network', () => {
    assert.deepEqual(submissionLine([entry('a', 'waiting')], true, false), { kind: 'waiting-offline' });
    assert.deepEqual(submissionLine([entry('a', 'waiting', { lastError: { code: 'server', retryable: true } })], false, false), { kind: 'waiting-offline' });
    assert.deepEqual(submissionLine([entry('a', 'waiting', { lastError: { code: 'network', retryable: true } })], true, false), { kind: 'waiting-offline' });
    assert.deepEqual(submissionLine([entry('a', 'waiting', { lastError: { code: 'server', retryable: true } })], true, false), {
      kind: 'waiting-retry',
      at: 5000,
      errorCode: 'server',
    });
  });

  it('a refused submission stays said (field errors or the reason) unless an error notice says it already', () => {
    const refused = entry('a', 'failed', { fieldErrors: [{ field: 'fullName', code: 'required' }] });
    assert.deepEqual(submissionLine([refused], true, false), { kind: 'fields-rejected' });
    assert.deepEqual(submissionLine([entry('a', 'failed', { lastError: { code: 'forbidden', retryable: false } })], true, false), { kind: 'failed', errorCode: 'forbidden' });
    assert.deepEqual(submissionLine([entry('a', 'failed')], true, false), { kind: 'failed', errorCode: '' });
    assert.deepEqual(submissionLine([refused], true, true), { kind: 'none' });
    assert.equal(pendingSubmission([refused]), undefined);
  });
});

describe('form view model: ward picker hint', () => {
  const base: UnitHintInput = { province: '01', wardCount: 0, catalogue: true, provinceLoaded: false, provinceFailed: false, hasSource: true, sourceFailed: false };

  it('asks for the province first, then to choose once wards are known', () => {
    assert.equal(unitHint({ ...base, province: '' }), 'pick-province-first');
    assert.equal(unitHint({ ...base, wardCount: 579, provinceLoaded: true }), 'choose');
  });

  it('with a catalogue: loading while the province file is on its way, no list when it failed or the code is not a province', () => {
    assert.equal(unitHint(base), 'loading');
    assert.equal(unitHint({ ...base, provinceFailed: true }), 'no-list');
    assert.equal(unitHint({ ...base, provinceLoaded: true }), 'no-list');
    assert.equal(unitHint({ ...base, province: '1' }), 'no-list');
  });

  it('without a catalogue: loading while a units source loads, no list without one or when it failed', () => {
    const flat = { ...base, catalogue: false };
    assert.equal(unitHint(flat), 'loading');
    assert.equal(unitHint({ ...flat, sourceFailed: true }), 'no-list');
    assert.equal(unitHint({ ...flat, hasSource: false }), 'no-list');
  });
});
