// A ward typed for a manual code, by its 5-digit code or by its name: the same search as the
// citizen form (diacritics and case ignored; "ngoc xa" finds "Xã Ngọc Xá"). Only an unambiguous
// ward is taken; anything else is left for the officer to refine.
import type { AdministrativeUnit } from '../../api/units';
import { exactUnit, makeSearchable, searchUnits } from '../shared/unit-search';

const CODE = /^\d{5}$/;

/** The ward's code: the code typed, the one ward of that exact name, or the only ward the words find. */
export function resolveUnit(units: readonly AdministrativeUnit[], text: string): string | undefined {
  const typed = text.trim();
  if (CODE.test(typed)) return typed;
  if (typed === '') return undefined;
  // "Ward, Province" narrows to the province's wards.
  const [wardPart = typed, provincePart] = typed.split(/,\s*(?=[^,]*$)/);
  const provinces = units.filter((u) => u.level === 'province');
  const province = provincePart ? (exactUnit(provinces.map(makeSearchable), provincePart) ?? searchUnits(provinces.map(makeSearchable), provincePart)[0]) : undefined;
  const wards = units.filter((u) => u.level !== 'province' && (!province || u.parentCode === province.unit.code)).map(makeSearchable);
  const exact = exactUnit(wards, wardPart);
  if (exact) return exact.unit.code;
  const found = searchUnits(wards, wardPart);
  return found.length === 1 ? found[0]?.unit.code : undefined;
}
