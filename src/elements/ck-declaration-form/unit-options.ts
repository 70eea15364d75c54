// The options of the form's unit pickers, without a DOM (tested in Node): the province list (the
// catalogue's, or the core's 63 provinces without one) and a province's wards once loaded, each
// made searchable once and kept while its source is the same; the names of codes restored from a
// draft or prefill.

import type { AdministrativeUnit, UnitCatalogue } from '../../api/units';
import type { DraftValues } from '../../store/citizen-db';
import { PROVINCES } from '../../core/vietnam';
import { makeSearchable, type SearchableUnit } from '../shared/unit-search';
import { str, textKey, type FieldPath } from './form-model';

/** Where the units come from: the catalogue in use, and a way to ask for a province's wards. */
export interface UnitSource {
  readonly catalogue: UnitCatalogue | undefined;
  want(provinceCode: string): void;
}

export const COMBO_FIELDS: readonly FieldPath[] = ['origin.provinceCode', 'origin.unitCode', 'destination.provinceCode', 'destination.unitCode'];

export class UnitOptions {
  #source: UnitSource;
  #provincesFor: readonly AdministrativeUnit[] | undefined;
  #provinceOptions: SearchableUnit[] = [];
  #wardOptions = new Map<string, { from: readonly AdministrativeUnit[]; options: SearchableUnit[] }>();

  constructor(source: UnitSource) {
    this.#source = source;
  }

  provinces(): readonly SearchableUnit[] {
    const provinces = this.#source.catalogue?.provinces ?? [];
    if (provinces !== this.#provincesFor || this.#provinceOptions.length === 0) {
      this.#provincesFor = provinces;
      // The core knows all 63 provinces: without a units source there is still a province list.
      const source: readonly AdministrativeUnit[] = provinces.length
        ? provinces
        : PROVINCES.map((p) => ({ code: p.code, name: p.name, parentCode: null, level: 'province' }));
      this.#provinceOptions = source.map(makeSearchable);
    }
    return this.#provinceOptions;
  }

  /** The province's wards once loaded; asks for them the first time. */
  wards(provinceCode: string): readonly SearchableUnit[] {
    if (provinceCode === '') return [];
    const loaded = this.#source.catalogue?.loaded(provinceCode);
    if (!loaded) {
      this.#source.want(provinceCode);
      return [];
    }
    const cached = this.#wardOptions.get(provinceCode);
    if (cached?.from === loaded) return cached.options;
    const options = loaded.map(makeSearchable);
    this.#wardOptions.set(provinceCode, { from: loaded, options });
    return options;
  }

  /** The options of one picker (a place's province, or its wards in the province chosen). */
  optionsFor(path: FieldPath, values: DraftValues): readonly SearchableUnit[] {
    const place = path.split('.')[0];
    return path.endsWith('provinceCode') ? this.provinces() : this.wards(str(values, `${place}.provinceCode`));
  }

  /** The display text of a code chosen earlier (draft or prefill) once units are known. */
  nameOf(path: FieldPath, code: string, values: DraftValues): string {
    if (code === '') return '';
    return this.optionsFor(path, values).find((o) => o.unit.code === code)?.unit.name ?? code;
  }

  /** Codes restored from a draft or prefill, shown as their code so far: their names, once known. */
  restoredNames(values: DraftValues): DraftValues {
    const changes: DraftValues = {};
    for (const path of COMBO_FIELDS) {
      const code = str(values, path);
      const text = str(values, textKey(path));
      if (code === '' || (text !== '' && text !== code)) continue;
      const name = this.nameOf(path, code, values);
      if (name !== text) changes[textKey(path)] = name;
    }
    return changes;
  }
}
