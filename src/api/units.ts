// Administrative units (province → ward/commune) from a JSON file of `{ code, name, parentCode, level }`.

import { ApiError, requestJson } from './http';

export type UnitLevel = 'province' | 'ward' | 'commune';

export interface AdministrativeUnit {
  /** 2 digits for a province, 5 digits for a ward/commune (official statistical codes). */
  code: string;
  name: string;
  /** The province code of a ward/commune; null for a province. */
  parentCode: string | null;
  level: UnitLevel;
  /** Optional district name, shown to tell apart wards of the same name in one province. */
  district?: string;
}

const MAX_UNITS_BYTES = 4 * 1024 * 1024;
const MAX_UNITS = 20_000;
const MAX_NAME_CHARS = 120;
const LEVELS: readonly string[] = ['province', 'ward', 'commune'];

/** Fetches and parses a units file. */
export async function fetchUnits(url: string, options: { signal?: AbortSignal } = {}): Promise<AdministrativeUnit[]> {
  const response = await requestJson(url, { signal: options.signal, maxBytes: MAX_UNITS_BYTES, idempotent: true });
  return parseUnits(response.body);
}

/**
 * Checks every entry (codes are 2 or 5 digits matching the level, names are short text, wards
 * point at a province) and returns NFC-normalised copies. Throws ApiError 'bad-response'.
 */
export function parseUnits(body: unknown): AdministrativeUnit[] {
  if (!Array.isArray(body) || body.length > MAX_UNITS) {
    throw new ApiError('bad-response', 'The units file is not an array (or is too long).', { retryable: false });
  }
  const units: AdministrativeUnit[] = [];
  for (const [index, entry] of body.entries()) {
    const unit = parseUnit(entry);
    if (!unit) throw new ApiError('bad-response', `Units entry ${index} is not a valid unit.`, { retryable: false });
    units.push(unit);
  }
  return units;
}

function parseUnit(entry: unknown): AdministrativeUnit | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { code, name, parentCode, level, district } = entry as Record<string, unknown>;
  if (typeof level !== 'string' || !LEVELS.includes(level)) return undefined;
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME_CHARS) return undefined;
  if (district !== undefined && (typeof district !== 'string' || district.length > MAX_NAME_CHARS)) return undefined;
  if (level === 'province') {
    if (typeof code !== 'string' || !/^\d{2}$/.test(code) || (parentCode !== null && parentCode !== undefined)) return undefined;
  } else if (typeof code !== 'string' || !/^\d{5}$/.test(code) || typeof parentCode !== 'string' || !/^\d{2}$/.test(parentCode)) {
    return undefined;
  }
  return {
    code,
    name: name.normalize('NFC').trim(),
    parentCode: level === 'province' ? null : (parentCode as string),
    level: level as UnitLevel,
    ...(typeof district === 'string' && { district: district.normalize('NFC').trim() }),
  };
}

// ---- the per-province catalogue (docs/units.md) ------------------------------------------------

export const UNITS_FORMAT = 'ck-units/1';
const MAX_PROVINCE_BYTES = 1024 * 1024;
const MAX_PROVINCES = 100;
const MAX_RANGES = 2_000;

export interface UnitCatalogueProvince {
  code: string;
  name: string;
  /** The province's file, relative to the index. */
  file: string;
  /** How many wards/communes it lists. */
  units: number;
}

export interface UnitCatalogueIndex {
  format: typeof UNITS_FORMAT;
  /** The date the catalogue describes (YYYY-MM-DD). */
  asOf: string;
  source: string;
  provinces: UnitCatalogueProvince[];
  /** [first, last, provinceCode]: every ward code in first..last belongs to that province. */
  ranges: [string, string, string][];
}

const bad = (what: string) => new ApiError('bad-response', `The units catalogue ${what}.`, { retryable: false });
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isName = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '' && value.length <= MAX_NAME_CHARS;

/** Checks a catalogue index.json. Throws ApiError 'bad-response'. */
export function parseUnitIndex(body: unknown): UnitCatalogueIndex {
  if (!isObject(body) || body.format !== UNITS_FORMAT) throw bad(`index is not in the ${UNITS_FORMAT} format`);
  const { asOf, source, provinces, ranges } = body;
  if (typeof asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw bad('index has no asOf date');
  if (!Array.isArray(provinces) || provinces.length === 0 || provinces.length > MAX_PROVINCES) throw bad('index has no province list');
  if (!Array.isArray(ranges) || ranges.length > MAX_RANGES) throw bad('index has no code ranges');
  const out: UnitCatalogueProvince[] = provinces.map((p: unknown, i) => {
    if (!isObject(p) || typeof p.code !== 'string' || !/^\d{2}$/.test(p.code) || !isName(p.name)) throw bad(`province ${i} is not valid`);
    if (typeof p.file !== 'string' || !/^[\w.-]{1,64}\.json$/.test(p.file)) throw bad(`province ${i} has no file`);
    const units = typeof p.units === 'number' && Number.isInteger(p.units) && p.units >= 0 ? p.units : 0;
    return { code: p.code, name: p.name.normalize('NFC').trim(), file: p.file, units };
  });
  const codes = new Set(out.map((p) => p.code));
  const outRanges = ranges.map((r: unknown, i): [string, string, string] => {
    if (!Array.isArray(r) || r.length !== 3 || !r.every((x) => typeof x === 'string')) throw bad(`range ${i} is not valid`);
    const [first, last, province] = r as [string, string, string];
    if (!/^\d{5}$/.test(first) || !/^\d{5}$/.test(last) || first > last || !codes.has(province)) throw bad(`range ${i} is not valid`);
    return [first, last, province];
  });
  return { format: UNITS_FORMAT, asOf, source: typeof source === 'string' ? source.slice(0, 500) : '', provinces: out, ranges: outRanges };
}

/** Checks one province file; returns its wards/communes (with their district). Throws ApiError 'bad-response'. */
export function parseProvinceUnits(body: unknown, provinceCode: string): AdministrativeUnit[] {
  if (!isObject(body) || body.format !== UNITS_FORMAT) throw bad(`file of province ${provinceCode} is not in the ${UNITS_FORMAT} format`);
  const { province, districts } = body;
  if (!isObject(province) || province.code !== provinceCode) throw bad(`file of province ${provinceCode} is for another province`);
  if (!Array.isArray(districts)) throw bad(`file of province ${provinceCode} has no districts`);
  const units: AdministrativeUnit[] = [];
  for (const [i, district] of districts.entries()) {
    if (!isObject(district) || !isName(district.name) || !Array.isArray(district.units)) throw bad(`district ${i} of ${provinceCode} is not valid`);
    const districtName = district.name.normalize('NFC').trim();
    for (const entry of district.units) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !/^\d{5}$/.test(entry[0]) || !isName(entry[1])) {
        throw bad(`a unit of ${provinceCode} is not valid`);
      }
      if (units.length >= MAX_UNITS) throw bad(`file of province ${provinceCode} is too long`);
      const name = entry[1].normalize('NFC').trim();
      units.push({ code: entry[0], name, parentCode: provinceCode, level: /^phường /iu.test(name) ? 'ward' : 'commune', district: districtName });
    }
  }
  return units;
}

/**
 * Administrative units behind one `units-src`: either a per-province catalogue (index.json, the
 * provinces' files fetched on demand) or a legacy flat array (everything known at once).
 */
export interface UnitCatalogue {
  /** The date the units describe, when the source says. */
  readonly asOf: string | undefined;
  /** Every province (level 'province'). */
  readonly provinces: readonly AdministrativeUnit[];
  /** The wards/communes of a province once loaded (undefined before). */
  loaded(provinceCode: string): readonly AdministrativeUnit[] | undefined;
  /** Loads a province's wards/communes (shared and cached per URL; a failure can be retried). */
  load(provinceCode: string, options?: { signal?: AbortSignal }): Promise<readonly AdministrativeUnit[]>;
  /** The province a ward code belongs to, from the index's code ranges. */
  provinceOf(unitCode: string): string | undefined;
  /** A unit by code among the provinces and the loaded wards. */
  unit(code: string): AdministrativeUnit | undefined;
  /** Every unit known now: the provinces and the wards of the loaded provinces. */
  known(): readonly AdministrativeUnit[];
}

class IndexedCatalogue implements UnitCatalogue {
  readonly asOf: string;
  readonly provinces: readonly AdministrativeUnit[];
  #index: UnitCatalogueIndex;
  #base: string;
  #loaded = new Map<string, readonly AdministrativeUnit[]>();
  #loading = new Map<string, Promise<readonly AdministrativeUnit[]>>();
  #byCode = new Map<string, AdministrativeUnit>();

  constructor(index: UnitCatalogueIndex, url: string) {
    this.#index = index;
    this.#base = url;
    this.asOf = index.asOf;
    this.provinces = index.provinces.map((p) => ({ code: p.code, name: p.name, parentCode: null, level: 'province' }));
    for (const p of this.provinces) this.#byCode.set(p.code, p);
  }

  loaded(provinceCode: string): readonly AdministrativeUnit[] | undefined {
    return this.#loaded.get(provinceCode);
  }

  load(provinceCode: string, options: { signal?: AbortSignal } = {}): Promise<readonly AdministrativeUnit[]> {
    const done = this.#loaded.get(provinceCode);
    if (done) return Promise.resolve(done);
    let loading = this.#loading.get(provinceCode);
    if (!loading) {
      const entry = this.#index.provinces.find((p) => p.code === provinceCode);
      if (!entry) return Promise.resolve([]);
      // Not tied to one caller's signal: several elements share the load.
      loading = requestJson(new URL(entry.file, this.#base).href, { maxBytes: MAX_PROVINCE_BYTES, idempotent: true })
        .then((response) => {
          const units = parseProvinceUnits(response.body, provinceCode);
          this.#loaded.set(provinceCode, units);
          for (const unit of units) this.#byCode.set(unit.code, unit);
          return units;
        })
        .finally(() => this.#loading.delete(provinceCode));
      this.#loading.set(provinceCode, loading);
    }
    const signal = options.signal;
    if (!signal) return loading;
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(new ApiError('aborted', 'Cancelled.', { retryable: true }));
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      loading.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  provinceOf(unitCode: string): string | undefined {
    if (!/^\d{5}$/.test(unitCode)) return undefined;
    return this.#index.ranges.find(([first, last]) => first <= unitCode && unitCode <= last)?.[2];
  }

  unit(code: string): AdministrativeUnit | undefined {
    return this.#byCode.get(code);
  }

  known(): readonly AdministrativeUnit[] {
    return [...this.#byCode.values()];
  }
}

/** A flat list as a catalogue: every ward is loaded from the start. */
export function catalogueFromUnits(units: readonly AdministrativeUnit[]): UnitCatalogue {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const byProvince = new Map<string, AdministrativeUnit[]>();
  for (const unit of units) {
    if (unit.level === 'province' || !unit.parentCode) continue;
    let list = byProvince.get(unit.parentCode);
    if (!list) byProvince.set(unit.parentCode, (list = []));
    list.push(unit);
  }
  return {
    asOf: undefined,
    provinces: units.filter((u) => u.level === 'province'),
    loaded: (code) => byProvince.get(code) ?? [],
    load: (code) => Promise.resolve(byProvince.get(code) ?? []),
    provinceOf: (code) => byCode.get(code)?.parentCode ?? undefined,
    unit: (code) => byCode.get(code),
    known: () => units,
  };
}

const catalogues = new Map<string, Promise<UnitCatalogue>>();

/**
 * Opens the units at `url` — a catalogue index.json or a flat array — once per URL and page
 * (elements pointing at the same set share one copy). A failed open is forgotten, so it can be retried.
 */
export function openUnitCatalogue(url: string, options: { signal?: AbortSignal } = {}): Promise<UnitCatalogue> {
  const key = new URL(url, globalThis.location?.href).href;
  let opening = catalogues.get(key);
  if (!opening) {
    opening = requestJson(key, { maxBytes: MAX_UNITS_BYTES, idempotent: true }).then((response) =>
      Array.isArray(response.body) ? catalogueFromUnits(parseUnits(response.body)) : new IndexedCatalogue(parseUnitIndex(response.body), key),
    );
    opening.catch(() => catalogues.delete(key));
    catalogues.set(key, opening);
  }
  const signal = options.signal;
  if (!signal) return opening;
  const shared = opening;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new ApiError('aborted', 'Cancelled.', { retryable: true }));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    shared.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
