// The units behind the two places of a declaration (origin, destination): the catalogue (the
// province list at once, a province's wards when it is chosen), the options of each picker, and
// the four comboboxes themselves.

import type { DraftValues } from '../../store/citizen-db';
import { UnitCatalogueController, type UnitSourceHost } from '../shared/unit-catalogue-controller';
import { str, textKey, unitsNotInSet, type FieldPath } from './form-model';
import { fieldId } from './fields';
import type { ComboPath, Place, RenderCombo } from './form-view';
import type { ControlPath } from './group-model';
import { UnitCombobox, type ComboboxHost } from './unit-combobox';
import { UnitOptions } from './unit-options';
import type { UnitHintInput } from './view-model';

export interface PlaceUnitsOptions {
  values: () => DraftValues;
  update: (changes: DraftValues) => void;
  touch: (path: ControlPath) => void;
}

export class PlaceUnits {
  #host: UnitSourceHost;
  #options: PlaceUnitsOptions;
  #units: UnitCatalogueController;
  #unitOptions: UnitOptions;
  #combos: Record<ComboPath, UnitCombobox>;

  constructor(host: UnitSourceHost & ComboboxHost, options: PlaceUnitsOptions) {
    this.#host = host;
    this.#options = options;
    this.#units = new UnitCatalogueController(host);
    this.#unitOptions = new UnitOptions(this.#units);
    this.#combos = {
      'origin.provinceCode': this.#combo(host, 'origin', 'provinceCode'),
      'origin.unitCode': this.#combo(host, 'origin', 'unitCode'),
      'destination.provinceCode': this.#combo(host, 'destination', 'provinceCode'),
      'destination.unitCode': this.#combo(host, 'destination', 'unitCode'),
    };
  }

  #combo(host: ComboboxHost, place: Place, part: 'provinceCode' | 'unitCode'): UnitCombobox {
    const path = `${place}.${part}` as FieldPath;
    const values = this.#options.values;
    return new UnitCombobox(host, {
      id: fieldId(path),
      path,
      codeDigits: part === 'provinceCode' ? 2 : 5,
      options: () => this.#unitOptions.optionsFor(path, values()),
      getCode: () => str(values(), path),
      getText: () => str(values(), textKey(path)),
      onChange: (code, text) => {
        const changes: DraftValues = { [path]: code, [textKey(path)]: text };
        if (part === 'provinceCode' && code !== str(values(), path)) {
          // Another province: its wards differ, so the ward chosen before no longer applies.
          const unit = `${place}.unitCode` as FieldPath;
          if (str(values(), unit) !== '' || str(values(), textKey(unit)) !== '') {
            Object.assign(changes, { [unit]: '', [textKey(unit)]: '' });
          }
        }
        this.#options.update(changes);
      },
      onBlur: () => this.#options.touch(path),
    });
  }

  render: RenderCombo = (path, view) => this.#combos[path].render(view);

  scrollActiveIntoView(): void {
    for (const combo of Object.values(this.#combos)) combo.scrollActiveIntoView();
  }

  /** What a place's ward picker hint needs to know about its province's units. */
  unitsFor(province: string): Omit<UnitHintInput, 'province'> & { asOf: string } {
    const catalogue = this.#units.catalogue;
    return {
      wardCount: province ? this.#unitOptions.wards(province).length : 0,
      catalogue: catalogue !== undefined,
      provinceLoaded: catalogue?.loaded(province) !== undefined,
      provinceFailed: this.#units.provinceFailed(province),
      hasSource: this.#host.unitsSrc !== '',
      sourceFailed: this.#units.failed,
      asOf: catalogue?.asOf ?? '',
    };
  }

  /**
   * Codes checked against the loaded unit set (the core only checks their shape): a province not
   * in the catalogue, or a ward/commune that is not in the chosen province.
   */
  notInSet(values: DraftValues, text: (asOf: string) => string): Map<FieldPath, string> {
    const catalogue = this.#units.catalogue;
    const message = text(catalogue?.asOf ?? '');
    return new Map(unitsNotInSet(values, catalogue).map((path) => [path, message]));
  }

  /** Names of codes restored from a draft or prefill, once the units are known. */
  restoredNames(values: DraftValues): DraftValues {
    return this.#unitOptions.restoredNames(values);
  }
}
