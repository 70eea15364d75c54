// The kiosk's settings: checkpoint id, officer id, device label, language. Set only through the
// set-up form, kept in localStorage. The query string (?checkpoint=…&officer=…&label=…&lang=…)
// only prefills empty set-up fields (and picks the display language): a link must never change
// the officer or checkpoint of a configured kiosk, nor re-register its device.
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

export interface LoadedConfig {
  /** The settings saved through set-up (the query string never changes them). */
  readonly config: Partial<KioskConfig>;
  /** Values from the query string for the set-up form's empty fields; never saved by loading. */
  readonly prefill: Partial<KioskConfig>;
}

export function loadConfig(storage: Storage, search: string): LoadedConfig {
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
  const config: Partial<KioskConfig> = { deviceLabel: '', lang: 'vi', ...stored, ...(fromQuery.lang && { lang: fromQuery.lang }) };
  const { lang: _lang, ...prefill } = fromQuery;
  return { config, prefill };
}

/** The set-up form's values: the saved settings, and query values only where a field is empty. */
export function setupValues(loaded: LoadedConfig): Partial<KioskConfig> {
  const { config, prefill } = loaded;
  return {
    ...config,
    checkpointId: config.checkpointId ?? prefill.checkpointId,
    officerId: config.officerId ?? prefill.officerId,
    deviceLabel: config.deviceLabel || prefill.deviceLabel || '',
  };
}

export function saveConfig(storage: Storage, config: Partial<KioskConfig>): void {
  try {
    storage.setItem(KEY, JSON.stringify(normalise(config)));
  } catch {
    // Private mode or a full disk: the kiosk still runs with the settings in memory.
  }
}
