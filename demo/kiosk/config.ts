// The kiosk's settings: checkpoint id, officer id, device label, language. Taken from the query
// string (?checkpoint=…&officer=…&label=…&lang=…) or the setup form, kept in localStorage.
// Identifiers only — the same formats a passage record accepts, so no name can be typed in.
import { PASSAGE_FORMATS } from '../../src/core/passage-record';

export interface KioskConfig {
  checkpointId: string;
  officerId: string;
  deviceLabel: string;
  lang: 'vi' | 'en';
}

const KEY = 'ck-kiosk-config';
const LABEL = /^[^\p{Cc}\p{Cf}]{0,100}$/u;

export function isValidId(value: string): boolean {
  return PASSAGE_FORMATS.checkpointId.test(value);
}

/** A complete config, or the fields that are valid so far. */
export function normalise(input: Partial<Record<keyof KioskConfig, unknown>>): Partial<KioskConfig> {
  const out: Partial<KioskConfig> = {};
  if (typeof input.checkpointId === 'string' && isValidId(input.checkpointId.trim())) out.checkpointId = input.checkpointId.trim();
  if (typeof input.officerId === 'string' && PASSAGE_FORMATS.officerId.test(input.officerId.trim())) out.officerId = input.officerId.trim();
  if (typeof input.deviceLabel === 'string' && LABEL.test(input.deviceLabel.trim())) out.deviceLabel = input.deviceLabel.trim();
  if (input.lang === 'vi' || input.lang === 'en') out.lang = input.lang;
  return out;
}

export function isComplete(config: Partial<KioskConfig>): config is KioskConfig {
  return config.checkpointId !== undefined && config.officerId !== undefined;
}

export function loadConfig(storage: Storage, search: string): Partial<KioskConfig> {
  let stored: Partial<KioskConfig> = {};
  try {
    stored = normalise(JSON.parse(storage.getItem(KEY) ?? '{}') as Record<string, unknown>);
  } catch {
    stored = {};
  }
  const params = new URLSearchParams(search);
  const fromQuery = normalise({
    checkpointId: params.get('checkpoint') ?? undefined,
    officerId: params.get('officer') ?? undefined,
    deviceLabel: params.get('label') ?? undefined,
    lang: params.get('lang') ?? undefined,
  });
  const merged = { deviceLabel: '', lang: 'vi' as const, ...stored, ...fromQuery };
  if (Object.keys(fromQuery).length > 0) saveConfig(storage, merged);
  return merged;
}

export function saveConfig(storage: Storage, config: Partial<KioskConfig>): void {
  try {
    storage.setItem(KEY, JSON.stringify(normalise(config)));
  } catch {
    // Private mode or a full disk: the kiosk still runs with the settings in memory.
  }
}
