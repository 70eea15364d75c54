/// <reference types="node" />
// The administrative-unit catalogue in force (docs/units.md, the committed ck-units/1 files): the
// server checks declared codes against it — it never trusts the form — and maps a ward to its
// province for tracers' scope. A portal with a later catalogue points CK_UNITS_DIR at its folder.
import { loadCommittedCatalogue } from '../test/tools/units.mjs';

interface Catalogue {
  readonly asOf: string;
  readonly provinces: ReadonlySet<string>;
  /** ward/commune code → province code */
  readonly wardProvince: ReadonlyMap<string, string>;
}

let catalogue: Catalogue | undefined;

function load(): Catalogue {
  const { asOf, files } = process.env.CK_UNITS_DIR ? loadCommittedCatalogue(process.env.CK_UNITS_DIR) : loadCommittedCatalogue();
  const index = JSON.parse(files.get('index.json') ?? '{}') as { provinces?: { code: string; file: string }[] };
  const provinces = new Set<string>();
  const wardProvince = new Map<string, string>();
  for (const province of index.provinces ?? []) {
    provinces.add(province.code);
    const body = JSON.parse(files.get(province.file) ?? '{}') as { districts?: { units: [string, string][] }[] };
    for (const district of body.districts ?? []) for (const [code] of district.units) wardProvince.set(code, province.code);
  }
  return { asOf, provinces, wardProvince };
}

function current(): Catalogue {
  catalogue ??= load();
  return catalogue;
}

export function provinceOf(unitCode: string): string | null {
  return current().wardProvince.get(unitCode) ?? null;
}

export type UnitProblem = 'unknown-province' | 'unit-not-in-province';

/** Why a declared (province, ward) pair is not in the catalogue, or null when it is. */
export function checkPlace(provinceCode: string, unitCode: string): UnitProblem | null {
  const { provinces, wardProvince } = current();
  if (!provinces.has(provinceCode)) return 'unknown-province';
  return wardProvince.get(unitCode) === provinceCode ? null : 'unit-not-in-province';
}

export function catalogueDate(): string {
  return current().asOf;
}
