/// <reference types="node" />
// The declaration form's models without a DOM: companions (a family in one car) as form values,
// the group body they make, errors placed on each companion's controls; the vaccination question.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DraftValues } from '../../src/store/citizen-db';
import { toDeclarationInput, valuesFromDeclaration } from '../../src/elements/ck-declaration-form/form-model';
import {
  addCompanion,
  allControls,
  companionCount,
  COMPANION_FIELDS,
  groupControlFor,
  MAX_COMPANIONS,
  removeCompanion,
  toGroupInput,
  validateForm,
} from '../../src/elements/ck-declaration-form/group-model';
import { familyOfFour } from '../fixtures/family';
import { referenceDeclaration } from '../fixtures/reference';

const NOW = new Date('2026-11-27T03:00:00Z');

/** The family typed into the form: the declarant's values, then each companion's own fields. */
function familyValues(): DraftValues {
  const [declarant, ...others] = familyOfFour(NOW);
  let values: DraftValues = valuesFromDeclaration(declarant ?? referenceDeclaration(NOW));
  others.forEach((person, i) => {
    values = { ...values, ...addCompanion(values) };
    const own = valuesFromDeclaration(person);
    for (const field of COMPANION_FIELDS) {
      const value = own[field];
      if (value !== undefined && !(field === 'phone' && value === declarant?.phone)) values[`companions.${i}.${field}`] = value;
    }
  });
  return values;
}

describe('form model: companions', () => {
  it('a family typed into the form validates to four declarations sharing the journey', () => {
    const values = familyValues();
    assert.equal(companionCount(values), 3);
    const result = validateForm(values, NOW);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
    assert.deepEqual(result.declarations.map((d) => d.fullName), familyOfFour(NOW).map((d) => d.fullName));
    assert.equal(result.declarations[2]?.phone, result.declarations[0]?.phone, 'the child has the declarant\'s number');
    assert.deepEqual(result.declarations[3]?.vaccination, { doses: 2, lastDoseDate: '2021-06-20' });
    const { journey, members } = toGroupInput(values);
    assert.equal(members.length, 4);
    assert.equal('fullName' in journey, false);
    assert.deepEqual(journey.origin, familyOfFour(NOW)[0]?.origin);
  });

  it('alone, the form is one declaration (no group-size error)', () => {
    const result = validateForm(valuesFromDeclaration(referenceDeclaration(NOW)), NOW);
    assert.ok(result.ok);
    assert.equal(result.declarations.length, 1);
  });

  it('places errors on the companion\'s own controls and shared ones on the journey controls', () => {
    const values = { ...familyValues(), 'companions.1.fullName': '', departureDate: '2026-11-01' };
    const result = validateForm(values, NOW);
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.errors.map((e) => [e.control, e.code]), [
      ['departureDate', 'before-today'],
      ['companions.1.fullName', 'required'],
    ]);
    assert.equal(groupControlFor('journey.origin.unitCode'), 'origin.unitCode');
    assert.equal(groupControlFor('members.0.idNumber'), 'idNumber');
    assert.equal(groupControlFor('members.3.health.testResult'), 'companions.2.health.testResult.result');
    assert.equal(groupControlFor('members'), '');
  });

  it('adds up to the car\'s size and removes one, moving the later ones up', () => {
    let values: DraftValues = {};
    for (let i = 0; i < MAX_COMPANIONS + 2; i++) values = { ...values, ...addCompanion(values) };
    assert.equal(companionCount(values), MAX_COMPANIONS);
    const family = familyValues();
    const removed = removeCompanion(family, 0);
    assert.equal(companionCount(removed), 2);
    assert.equal(removed['companions.0.fullName'], family['companions.1.fullName']);
    assert.equal(removed['companions.1.fullName'], family['companions.2.fullName']);
    assert.equal(removed['companions.2.fullName'], undefined);
    assert.equal(companionCount(removeCompanion(removeCompanion(removed, 0), 0)), 0);
    assert.equal(allControls(removed).filter((c) => c.startsWith('companions.')).length, 2 * COMPANION_FIELDS.length);
  });
});

describe('form model: vaccination (optional)', () => {
  it('is absent until a dose count is chosen; then carries doses and the date', () => {
    const base = valuesFromDeclaration(referenceDeclaration(NOW));
    assert.equal(toDeclarationInput(base).vaccination, undefined);
    assert.deepEqual(toDeclarationInput({ ...base, 'vaccination.doses': '2', 'vaccination.lastDoseDate': '2021-07-01' }).vaccination, {
      doses: 2,
      lastDoseDate: '2021-07-01',
    });
    const missingDate = validateForm({ ...base, 'vaccination.doses': '2' }, NOW);
    assert.deepEqual(!missingDate.ok && missingDate.errors.map((e) => [e.control, e.code]), [['vaccination.lastDoseDate', 'required']]);
    const future = validateForm({ ...base, 'vaccination.doses': '1', 'vaccination.lastDoseDate': '2027-01-01' }, NOW);
    assert.deepEqual(!future.ok && future.errors.map((e) => [e.control, e.code]), [['vaccination.lastDoseDate', 'future-date']]);
    const back = valuesFromDeclaration({ vaccination: { doses: 3, lastDoseDate: '2021-08-01' } });
    assert.deepEqual(back, { 'vaccination.doses': '3', 'vaccination.lastDoseDate': '2021-08-01' });
  });
});

describe('form model: labels and the unit set', () => {
  it('names every control for announcements, companions included, in both languages', async () => {
    const { controlLabel, messages } = await import('../../src/elements/ck-declaration-form/ck-declaration-form.messages');
    const vi = messages.vi;
    const en = messages.en;
    assert.ok(vi && en);
    assert.equal(controlLabel(en, 'origin.unitCode'), `${en.origin} – ${en.unit}`);
    assert.equal(controlLabel(en, 'companions.1.fullName'), `${en.companion(2)} – ${en.fullName}`);
    assert.equal(controlLabel(vi, 'vaccination.doses'), vi.doses);
    for (const path of allControls(familyValues())) assert.notEqual(controlLabel(en, path), path, `${path} has a label`);
  });

  it('flags codes not in the loaded set: an unknown province, a ward of another province', async () => {
    const { unitsNotInSet } = await import('../../src/elements/ck-declaration-form/form-model');
    const catalogue = { provinces: [{ code: '01' }, { code: '27' }], loaded: (p: string) => (p === '01' ? [{ code: '00070' }] : undefined) };
    const base = valuesFromDeclaration(referenceDeclaration(NOW));
    assert.deepEqual(unitsNotInSet(base, catalogue), [], 'Bắc Ninh not loaded yet: nothing to say');
    assert.deepEqual(unitsNotInSet({ ...base, 'origin.unitCode': '09289' }, catalogue), ['origin.unitCode']);
    assert.deepEqual(unitsNotInSet({ ...base, 'destination.provinceCode': '99' }, catalogue), ['destination.provinceCode']);
    assert.deepEqual(unitsNotInSet(base, undefined), []);
  });
});
