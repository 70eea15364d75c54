/// <reference types="node" />
// The declaration form's status area and ward hint, decided without a DOM: which line the
// submission gets from the outbox (sending, waiting offline or for a retry, refused), and what
// the ward picker says while its province's list loads, once it is there, or when there is none;
// the pickers' options and restored names; the error shown on each control.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogueFromUnits, type AdministrativeUnit } from '../../src/api/units';
import type { OutboxEntry } from '../../src/store/citizen-db';
import { messages } from '../../src/elements/ck-declaration-form/ck-declaration-form.messages';
import { UnitOptions } from '../../src/elements/ck-declaration-form/unit-options';
import { referenceDeclaration } from '../fixtures/reference';
import {
  lockedValues,
  pendingSubmission,
  shownErrors,
  submissionLine,
  toggledSymptoms,
  unitHint,
  withBadDate,
  type UnitHintInput,
} from '../../src/elements/ck-declaration-form/view-model';

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

describe('form view model: unit picker options', () => {
  const units: AdministrativeUnit[] = [
    { code: '01', name: 'Thành phố Hà Nội', parentCode: null, level: 'province' },
    { code: '00001', name: 'Phường Phúc Xá', parentCode: '01', level: 'ward' },
    { code: '00004', name: 'Phường Trúc Bạch', parentCode: '01', level: 'ward' },
  ];

  it('without a catalogue the core\'s 63 provinces are the list, and no ward is asked for', () => {
    const wanted: string[] = [];
    const options = new UnitOptions({ catalogue: undefined, want: (code) => wanted.push(code) });
    assert.equal(options.provinces().length, 63);
    assert.deepEqual(options.wards('01'), []);
    assert.deepEqual(wanted, ['01'], 'asked for (the source decides whether it can load it)');
    assert.deepEqual(options.wards(''), []);
  });

  it('a loaded province\'s wards, made searchable once; restored codes get their names', () => {
    const catalogue = catalogueFromUnits(units);
    const options = new UnitOptions({ catalogue, want: () => assert.fail('nothing to ask for') });
    const wards = options.wards('01');
    assert.ok(wards.some((w) => w.unit.name === 'Phường Phúc Xá'));
    assert.equal(options.wards('01'), wards, 'cached');
    const values = { 'origin.provinceCode': '01', 'origin.unitCode': '00004', 'origin.unitCode#text': '00004', 'destination.provinceCode': '01' };
    assert.deepEqual(options.restoredNames(values), { 'origin.provinceCode#text': 'Thành phố Hà Nội', 'origin.unitCode#text': 'Phường Trúc Bạch', 'destination.provinceCode#text': 'Thành phố Hà Nội' });
    assert.equal(options.nameOf('origin.unitCode', '99999', values), '99999', 'an unknown code stays a code');
  });
});

describe('form view model: errors shown', () => {
  const msg = messages.en;
  const text = (code: string) => `core:${code}`;
  const base = { badDates: new Set<string>(), setErrors: new Map(), serverErrors: new Map(), msg, text };

  it('core errors only on controls shown; all after a submit', () => {
    const none = shownErrors({ ...base, values: {}, shown: () => false });
    assert.equal(none.size, 0);
    const all = shownErrors({ ...base, values: {}, shown: () => true });
    assert.equal(all.get('fullName'), 'core:required');
    const one = shownErrors({ ...base, values: {}, shown: (p) => p === 'fullName' });
    assert.deepEqual([...one.keys()], ['fullName']);
  });

  it('a half-typed date and a place typed but not picked say so; unit-set and server errors are added', () => {
    const values = { 'origin.unitCode#text': 'Phuc Xa' };
    const errors = shownErrors({
      ...base,
      values,
      shown: () => true,
      badDates: new Set(['dateOfBirth']),
      setErrors: new Map([['destination.provinceCode', 'not in set']]),
      serverErrors: new Map([['phone', { code: 'x', message: 'm' }]]),
    });
    assert.equal(errors.get('dateOfBirth'), msg.badDate);
    assert.equal(errors.get('origin.unitCode'), msg.pickFromList);
    assert.equal(errors.get('departureDate'), 'core:required');
    assert.equal(errors.get('phone'), 'core:x');
  });
});

describe('form view model: controls', () => {
  it('a ticked or unticked symptom box gives the symptoms in their canonical order, once each', () => {
    assert.deepEqual(toggledSymptoms(['cough'], 'fever', true), ['fever', 'cough']);
    assert.deepEqual(toggledSymptoms(['fever', 'cough'], 'fever', false), ['cough']);
    assert.deepEqual(toggledSymptoms(['cough'], 'cough', true), ['cough']);
    assert.deepEqual(toggledSymptoms([], 'not-a-symptom', true), []);
  });

  it('a partly typed date is marked and unmarked; no change gives no new set', () => {
    const none = new Set<string>();
    const marked = withBadDate(none, 'dateOfBirth', true);
    assert.deepEqual([...(marked ?? [])], ['dateOfBirth']);
    assert.equal(none.size, 0);
    assert.equal(withBadDate(marked ?? none, 'dateOfBirth', true), undefined);
    assert.equal(withBadDate(none, 'dateOfBirth', false), undefined);
    assert.deepEqual([...(withBadDate(marked ?? none, 'dateOfBirth', false) ?? ['unchanged'])], []);
  });

  it('identity fields the portal filled are locked only when shown read-only, and only those filled', () => {
    const prefill = { fullName: 'Nguyễn Văn A', idNumber: '', phone: '0912345678' };
    assert.deepEqual(lockedValues(prefill, false), {});
    assert.deepEqual(lockedValues(prefill, true), { fullName: 'Nguyễn Văn A' });
  });
});
