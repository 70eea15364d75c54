/// <reference types="node" />
// validateDeclaration: the form's rules, one test per error code, normalisation, robustness.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { declarationFromClaims, declarationToClaims } from '../../src/core/claims';
import { DECLARATION_ERROR_CODES, validateDeclaration } from '../../src/core/declaration';
import type { DeclarationErrorCode } from '../../src/core/declaration';
import { declarationErrorText } from '../../src/core/texts';
import { PROVINCES } from '../../src/core/vietnam';
import { referenceDeclaration } from '../fixtures/reference';

// 10:00 in Hanoi on 2026-11-27 (03:00 UTC).
const NOW = new Date('2026-11-27T03:00:00Z');

type Input = Record<string, unknown>;

function withChanges(change: (input: Input) => void): Input {
  const input = structuredClone(referenceDeclaration(NOW)) as unknown as Input;
  change(input);
  return input;
}

function errorsOf(input: unknown, now = NOW): { field: string; code: string }[] {
  const result = validateDeclaration(input, { now });
  return result.ok ? [] : result.errors;
}

function assertError(input: unknown, field: string, code: DeclarationErrorCode, now = NOW): void {
  assert.deepEqual(errorsOf(input, now), [{ field, code }]);
}

const FIELD_CASES: [Input, string, DeclarationErrorCode][] = [
    [withChanges((d) => delete d.fullName), 'fullName', 'required'],
    [withChanges((d) => (d.fullName = '   ')), 'fullName', 'required'],
    [withChanges((d) => (d.fullName = 42)), 'fullName', 'invalid-type'],
    [withChanges((d) => (d.fullName = 'A')), 'fullName', 'too-short'],
    [withChanges((d) => (d.fullName = 'A'.repeat(101))), 'fullName', 'too-long'],
    [withChanges((d) => (d.fullName = 'Nguyen Van 3')), 'fullName', 'invalid-characters'],
    [withChanges((d) => (d.fullName = 'Nguyen\u0000Van')), 'fullName', 'invalid-characters'],
    [withChanges((d) => (d.idType = 'driving-licence')), 'idType', 'unknown-value'],
    [withChanges((d) => (d.idNumber = '00119001234')), 'idNumber', 'invalid-format'],
    [withChanges((d) => ((d.idType = 'cmnd'), (d.idNumber = '1234567890'))), 'idNumber', 'invalid-format'],
    [withChanges((d) => ((d.idType = 'passport'), (d.idNumber = 'B12-34567'))), 'idNumber', 'invalid-format'],
    [withChanges((d) => (d.idNumber = '003190012345')), 'idNumber', 'cccd-province'], // 003 is not a province
    [withChanges((d) => (d.idNumber = '101190012345')), 'idNumber', 'cccd-province'],
    [withChanges((d) => (d.idNumber = '001390012345')), 'idNumber', 'cccd-century'], // 3 = female, 2000s
    [withChanges((d) => (d.idNumber = '001090012345')), 'idNumber', 'cccd-gender'], // 0 = male, 1900s
    [withChanges((d) => (d.idNumber = '001191012345')), 'idNumber', 'cccd-birth-year'], // 91 ≠ 90
    [withChanges((d) => (d.dateOfBirth = '1990-02-30')), 'dateOfBirth', 'invalid-date'],
    [withChanges((d) => (d.dateOfBirth = '17/05/1990')), 'dateOfBirth', 'invalid-date'],
    [withChanges((d) => ((d.dateOfBirth = '2026-11-28'), (d.idNumber = '001326012345'))), 'dateOfBirth', 'future-date'],
    [withChanges((d) => ((d.dateOfBirth = '1899-12-31'), (d.idType = 'passport'), (d.idNumber = 'B1234567'))), 'dateOfBirth', 'before-1900'],
    [withChanges((d) => (d.gender = 'f')), 'gender', 'unknown-value'],
    [withChanges((d) => (d.phone = '0212345678')), 'phone', 'invalid-phone'], // landline prefix
    [withChanges((d) => (d.phone = '091234567')), 'phone', 'invalid-phone'],
    [withChanges((d) => (d.origin = 'Hà Nội')), 'origin', 'invalid-type'],
    [withChanges((d) => delete d.destination), 'destination', 'required'],
    [withChanges((d) => ((d.origin as Input).provinceCode = '1')), 'origin.provinceCode', 'invalid-format'],
    [withChanges((d) => ((d.origin as Input).provinceCode = '03')), 'origin.provinceCode', 'unknown-value'],
    [withChanges((d) => ((d.destination as Input).unitCode = '9289')), 'destination.unitCode', 'invalid-format'],
    [withChanges((d) => ((d.destination as Input).address = 'x'.repeat(201))), 'destination.address', 'too-long'],
    [withChanges((d) => ((d.destination as Input).address = '')), 'destination.address', 'required'],
    [withChanges((d) => ((d.departureDate = '2026-11-26'), (d.returnDate = '2026-11-30'))), 'departureDate', 'before-today'],
    [withChanges((d) => (d.returnDate = '2026-11-30')), 'returnDate', 'before-departure'],
    [withChanges((d) => (d.returnDate = '2026-13-01')), 'returnDate', 'invalid-date'],
    [withChanges((d) => (d.purpose = 'tourism')), 'purpose', 'unknown-value'],
    [withChanges((d) => (d.purpose = 'other')), 'purposeNote', 'required'],
    [withChanges((d) => ((d.purpose = 'other'), (d.purposeNote = 'x'.repeat(201)))), 'purposeNote', 'too-long'],
    [withChanges((d) => (d.vehiclePlate = '29A-12')), 'vehiclePlate', 'invalid-plate'],
    [withChanges((d) => (d.vehiclePlate = 2912345)), 'vehiclePlate', 'invalid-type'],
    [withChanges((d) => delete d.health), 'health', 'required'],
    [withChanges((d) => (d.health = { symptoms: ['headache'], contactWithCase: false })), 'health.symptoms', 'unknown-value'],
    [withChanges((d) => (d.health = { symptoms: 'fever', contactWithCase: false })), 'health.symptoms', 'invalid-type'],
    [withChanges((d) => (d.health = { symptoms: [] })), 'health.contactWithCase', 'required'],
    [withChanges((d) => (d.health = { symptoms: [], contactWithCase: 'no' })), 'health.contactWithCase', 'invalid-type'],
    [withChanges((d) => (d.health = { symptoms: [], contactWithCase: false, testResult: 'negative' })), 'health.testResult', 'invalid-type'],
    [withChanges((d) => (d.health = { symptoms: [], contactWithCase: false, testResult: { result: 'unclear', date: '2026-11-26' } })), 'health.testResult.result', 'unknown-value'],
    [withChanges((d) => (d.health = { symptoms: [], contactWithCase: false, testResult: { result: 'negative', date: '2026-11-28' } })), 'health.testResult.date', 'future-date'],
    [withChanges((d) => (d.health = { symptoms: [], contactWithCase: false, testResult: { result: 'negative', date: '2026-11-26', kind: 'antibody' } })), 'health.testResult.kind', 'unknown-value'],
  ];

describe('validateDeclaration', () => {
  it('accepts the reference declaration unchanged', () => {
    const reference = referenceDeclaration(NOW);
    const result = validateDeclaration(reference, { now: NOW });
    assert.ok(result.ok);
    assert.deepEqual(result.value, reference);
    assert.equal(reference.departureDate, '2026-12-01');
    assert.equal(reference.returnDate, '2026-12-03');
  });

  it('normalises names, ID numbers, phones, plates and symptoms, and drops unknown keys', () => {
    const result = validateDeclaration(
      withChanges((d) => {
        d.fullName = '  Nguye\u0302\u0303n   Thị  Minh Khai ';
        d.idNumber = ' 001 190 012345 ';
        d.phone = '+84 91-234.5678';
        d.vehiclePlate = '29a 12345';
        d.health = { symptoms: ['cough', 'fever', 'cough'], contactWithCase: true };
        d.extra = 'dropped';
        d.returnDate = '';
      }),
      { now: NOW },
    );
    assert.ok(result.ok);
    assert.equal(result.value.fullName, 'Nguyễn Thị Minh Khai');
    assert.equal(result.value.fullName, result.value.fullName.normalize('NFC'));
    assert.equal(result.value.idNumber, '001190012345');
    assert.equal(result.value.phone, '0912345678');
    assert.equal(result.value.vehiclePlate, '29A-123.45');
    assert.deepEqual(result.value.health.symptoms, ['fever', 'cough']);
    assert.ok(!('extra' in result.value));
    assert.ok(!('returnDate' in result.value));
  });

  it('accepts the Vietnamese plate forms', () => {
    for (const [typed, canonical] of [
      ['29A-123.45', '29A-123.45'],
      ['30E-12345', '30E-123.45'],
      ['29AB-123.45', '29AB-123.45'],
      ['51f1-234.56', '51F1-234.56'],
      ['29A-1234', '29A-1234'],
    ]) {
      const result = validateDeclaration(withChanges((d) => (d.vehiclePlate = typed)), { now: NOW });
      assert.ok(result.ok, typed);
      assert.equal(result.value.vehiclePlate, canonical);
    }
  });

  it('reports each error code at its field', () => {
    for (const [input, field, code] of FIELD_CASES) assertError(input, field, code);
  });

  it('has a field case for every error code', () => {
    assert.deepEqual(errorsOf(null), [{ field: '', code: 'invalid-type' }]);
    const covered = new Set(FIELD_CASES.map(([, , code]) => code));
    assert.deepEqual([...DECLARATION_ERROR_CODES].filter((code) => !covered.has(code)), []);
  });

  it('reports all field errors of an empty object, in field order', () => {
    const fields = errorsOf({}).map((e) => e.field);
    assert.deepEqual(fields, ['fullName', 'idType', 'idNumber', 'dateOfBirth', 'gender', 'phone', 'origin', 'destination', 'departureDate', 'purpose', 'health']);
  });

  it('checks the CCCD century digit for gender "other" but not its gender parity', () => {
    assert.ok(validateDeclaration(withChanges((d) => ((d.gender = 'other'), (d.idNumber = '001090012345'))), { now: NOW }).ok);
    assertError(withChanges((d) => ((d.gender = 'other'), (d.idNumber = '001290012345'))), 'idNumber', 'cccd-century');
    // Born in 2005, male: digit 4 = 2.
    assert.ok(validateDeclaration(withChanges((d) => ((d.gender = 'male'), (d.dateOfBirth = '2005-01-09'), (d.idNumber = '079205012345'))), { now: NOW }).ok);
  });

  it('takes "today" in Vietnam (UTC+7), not in UTC', () => {
    // 2026-11-30T17:30Z is already 1 December 00:30 in Hanoi.
    const lateUtc = new Date('2026-11-30T17:30:00Z');
    const departingNov30 = withChanges((d) => ((d.departureDate = '2026-11-30'), (d.returnDate = '2026-12-03')));
    assertError(departingNov30, 'departureDate', 'before-today', lateUtc);
    assert.ok(validateDeclaration(departingNov30, { now: new Date('2026-11-30T16:59:59Z') }).ok);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ fullName: fc.anything(), origin: fc.anything(), health: fc.anything() })), (input) => {
        const result = validateDeclaration(input, { now: NOW });
        assert.equal(typeof result.ok, 'boolean');
      }),
      { seed: 77, numRuns: 1000 },
    );
  });

  it('its output always passes the verifier’s structural check', () => {
    const variants = [
      referenceDeclaration(NOW),
      withChanges((d) => {
        d.purpose = 'other';
        d.purposeNote = 'Chăm sóc người thân';
        delete d.vehiclePlate;
        delete d.returnDate;
        d.health = { symptoms: ['fatigue', 'fever'], contactWithCase: true, testResult: { result: 'negative', date: '2026-11-26', kind: 'pcr' } };
      }),
    ];
    for (const input of variants) {
      const result = validateDeclaration(input, { now: NOW });
      assert.ok(result.ok);
      assert.deepEqual(declarationFromClaims(declarationToClaims(result.value)), result.value);
    }
  });

  it('the verifier’s text rule (addresses, purpose note) refuses exactly the control, format, private-use and surrogate characters', () => {
    const forbidden = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/u;
    const d = declarationToClaims(referenceDeclaration(NOW));
    for (let code = 0; code <= 0xffff; code++) {
      const ch = String.fromCharCode(code);
      const accepted = declarationFromClaims({ ...d, o: { ...d.o, a: `An${ch}` } }) !== undefined;
      assert.equal(accepted, !forbidden.test(ch), `U+${code.toString(16).padStart(4, '0')}`);
    }
  });

  it('the verifier’s name rule accepts exactly the format 1.0 alphabet (every BMP character tried)', () => {
    const d = declarationToClaims(referenceDeclaration(NOW));
    let accepted = 0;
    for (let code = 0; code <= 0xffff; code++) {
      const ch = String.fromCharCode(code);
      if (declarationFromClaims({ ...d, n: `An${ch}` }) !== undefined) accepted++;
    }
    // 52 ASCII letters, 134 Vietnamese letters, and '-', "'", '.' (a trailing space is refused).
    assert.equal(accepted, 52 + 134 + 3);
  });

  it('has a message in Vietnamese and English for every code', () => {
    for (const code of DECLARATION_ERROR_CODES) {
      const vi = declarationErrorText(code, 'vi');
      const en = declarationErrorText(code, 'en');
      assert.ok(vi.length > 0 && en.length > 0 && vi !== en, code);
    }
  });

  it('knows the 63 provinces', () => {
    assert.equal(PROVINCES.length, 63);
    assert.equal(new Set(PROVINCES.map((p) => p.code)).size, 63);
  });
});
