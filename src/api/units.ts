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
