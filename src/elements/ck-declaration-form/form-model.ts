// The form's data model: values as typed (flat, keyed by field path, stored as the draft) and
// their conversion to the input of the core's validateDeclaration. No rules live here.

import type { Declaration } from '../../core/declaration';
import type { DraftValues } from '../../store/citizen-db';

/** Every control's field path, in the order the controls appear (focus goes to the first error). */
export const FIELD_ORDER = [
  'fullName',
  'idType',
  'idNumber',
  'dateOfBirth',
  'gender',
  'phone',
  'origin.provinceCode',
  'origin.unitCode',
  'origin.address',
  'destination.provinceCode',
  'destination.unitCode',
  'destination.address',
  'departureDate',
  'returnDate',
  'purpose',
  'purposeNote',
  'vehiclePlate',
  'health.symptoms',
  'health.contactWithCase',
  'health.testResult.result',
  'health.testResult.date',
  'health.testResult.kind',
  'vaccination.doses',
  'vaccination.lastDoseDate',
] as const;

/** The dose counts the form offers (the core accepts 1–9). */
export const DOSE_CHOICES = ['1', '2', '3', '4'] as const;

export type FieldPath = (typeof FIELD_ORDER)[number];

/** Fields a portal may lock with `prefill-readonly` (what a logged-in identity already proves). */
export const IDENTITY_FIELDS: readonly FieldPath[] = ['fullName', 'idType', 'idNumber', 'dateOfBirth', 'gender'];

/** The typed text of a combobox (kept in the draft beside the chosen code). */
export function textKey(path: FieldPath): string {
  return `${path}#text`;
}

export function str(values: DraftValues, key: string): string {
  const value = values[key];
  return typeof value === 'string' ? value : '';
}

export function list(values: DraftValues, key: string): string[] {
  const value = values[key];
  return Array.isArray(value) ? value : [];
}

/** The object handed to validateDeclaration; empty optional fields are left for the core to treat as absent. */
export function toDeclarationInput(values: DraftValues): Record<string, unknown> {
  const place = (prefix: 'origin' | 'destination') => ({
    provinceCode: str(values, `${prefix}.provinceCode`),
    unitCode: str(values, `${prefix}.unitCode`),
    address: str(values, `${prefix}.address`),
  });
  const contact = str(values, 'health.contactWithCase');
  const testResult = str(values, 'health.testResult.result');
  return {
    fullName: str(values, 'fullName'),
    idType: str(values, 'idType'),
    idNumber: str(values, 'idNumber'),
    dateOfBirth: str(values, 'dateOfBirth'),
    gender: str(values, 'gender'),
    phone: str(values, 'phone'),
    origin: place('origin'),
    destination: place('destination'),
    departureDate: str(values, 'departureDate'),
    returnDate: str(values, 'returnDate'),
    purpose: str(values, 'purpose'),
    // The note belongs to "other" only; a note left from an earlier choice is not sent.
    purposeNote: str(values, 'purpose') === 'other' ? str(values, 'purposeNote') : '',
    vehiclePlate: str(values, 'vehiclePlate'),
    health: {
      symptoms: list(values, 'health.symptoms'),
      contactWithCase: contact === 'yes' ? true : contact === 'no' ? false : undefined,
      testResult:
        testResult === ''
          ? undefined
          : { result: testResult, date: str(values, 'health.testResult.date'), kind: str(values, 'health.testResult.kind') },
    },
    vaccination: vaccinationInput(values),
  };
}

/** Optional: nothing when no dose count is chosen; the date belongs to a chosen count. */
function vaccinationInput(values: DraftValues): Record<string, unknown> | undefined {
  const doses = str(values, 'vaccination.doses');
  if (doses === '') return undefined;
  return { doses: /^\d+$/.test(doses) ? Number(doses) : doses, lastDoseDate: str(values, 'vaccination.lastDoseDate') };
}

/** Flattens (part of) a declaration into form values, e.g. a portal's prefill. */
export function valuesFromDeclaration(input: Partial<Declaration>): DraftValues {
  const values: DraftValues = {};
  const put = (key: string, value: unknown) => {
    if (typeof value === 'string' && value !== '') values[key] = value;
  };
  put('fullName', input.fullName);
  put('idType', input.idType);
  put('idNumber', input.idNumber);
  put('dateOfBirth', input.dateOfBirth);
  put('gender', input.gender);
  put('phone', input.phone);
  for (const prefix of ['origin', 'destination'] as const) {
    const place = input[prefix];
    if (place && typeof place === 'object') {
      put(`${prefix}.provinceCode`, place.provinceCode);
      put(`${prefix}.unitCode`, place.unitCode);
      put(`${prefix}.address`, place.address);
    }
  }
  put('departureDate', input.departureDate);
  put('returnDate', input.returnDate);
  put('purpose', input.purpose);
  put('purposeNote', input.purposeNote);
  put('vehiclePlate', input.vehiclePlate);
  const health = input.health;
  if (health && typeof health === 'object') {
    if (Array.isArray(health.symptoms)) values['health.symptoms'] = health.symptoms.filter((s) => typeof s === 'string');
    if (typeof health.contactWithCase === 'boolean') values['health.contactWithCase'] = health.contactWithCase ? 'yes' : 'no';
    if (health.testResult) {
      put('health.testResult.result', health.testResult.result);
      put('health.testResult.date', health.testResult.date);
      put('health.testResult.kind', health.testResult.kind);
    }
  }
  const vaccination = input.vaccination;
  if (vaccination && typeof vaccination === 'object' && typeof vaccination.doses === 'number') {
    values['vaccination.doses'] = String(vaccination.doses);
    put('vaccination.lastDoseDate', vaccination.lastDoseDate);
  }
  return values;
}

/** The control that shows an error reported for `field` (a core or server path); '' = the form. */
export function controlFor(field: string): FieldPath | '' {
  if ((FIELD_ORDER as readonly string[]).includes(field)) return field as FieldPath;
  if (field === '') return '';
  return FIELD_ORDER.find((path) => path.startsWith(`${field}.`)) ?? '';
}

/** What unitsNotInSet needs of a unit catalogue (docs/units.md). */
export interface UnitSet {
  provinces: readonly { code: string }[];
  /** A province's wards once loaded. */
  loaded(provinceCode: string): readonly { code: string }[] | undefined;
}

/**
 * Codes checked against the loaded unit set (the core only checks their shape): a province not in
 * the catalogue, or a ward/commune that is not in the chosen province (once its list is loaded).
 */
export function unitsNotInSet(values: DraftValues, catalogue: UnitSet | undefined): FieldPath[] {
  const wrong: FieldPath[] = [];
  if (!catalogue) return wrong;
  for (const place of ['origin', 'destination'] as const) {
    const province = str(values, `${place}.provinceCode`);
    const unit = str(values, `${place}.unitCode`);
    if (/^\d{2}$/.test(province) && catalogue.provinces.length && !catalogue.provinces.some((p) => p.code === province)) {
      wrong.push(`${place}.provinceCode`);
      continue;
    }
    const wards = /^\d{2}$/.test(province) ? catalogue.loaded(province) : undefined;
    if (/^\d{5}$/.test(unit) && wards?.length && !wards.some((w) => w.code === unit)) wrong.push(`${place}.unitCode`);
  }
  return wrong;
}
