// The passage record: what a kiosk stores in its outbox and sends to the portal, and the hash
// chain over it. Shared by the kiosk store (writer), the sync client and the portal (checker),
// so the canonical form and the validation rules live in exactly one place.
//
// Privacy by construction: a record names the pass (pass id or manual code) and the two unit
// codes needed for routing, never the person. The type refuses the usual personal-data keys and
// the parser refuses every key it does not know.
import { isPassId } from './claims';
import { parseManualCode } from './manual-code';
import { sha256Hex } from './sha256-sync';

export type PassageDirection = 'in' | 'out';
export type OfficerDecision = 'allow' | 'deny' | 'refer';
/** What the kiosk's ID-card check concluded; the card's own data is never recorded. */
export type IdCheckResult = 'matched' | 'mismatch' | 'manual' | 'none';
export const ID_CHECK_RESULTS: readonly IdCheckResult[] = ['matched', 'mismatch', 'manual', 'none'];

/** The hash that the first record of a device's chain points back to. */
export const GENESIS_HASH = '0'.repeat(64);

interface PassageFields {
  /** UUIDv7, created on the kiosk. */
  readonly id: string;
  readonly deviceId: string;
  /** Per-device, monotonic, gap-free, starting at 1. */
  readonly seq: number;
  readonly checkpointId: string;
  readonly direction: PassageDirection;
  /** Device time of the passage, ISO 8601 UTC. */
  readonly at: string;
  readonly originUnit: string;
  readonly destinationUnit: string;
  /** The verifier's status word (e.g. `valid`, `expired`, `revoked`). */
  readonly verdictStatus: string;
  readonly decision: OfficerDecision;
  readonly officerId: string;
  /** Server time minus device time (ms) as last measured at sync, when known. */
  readonly clockSkewMs?: number;
  /**
   * Random id (16 bytes, base64url) of the vehicle at this kiosk: every passage of the people in
   * one car shares it, so the portal can find who travelled together. Never the plate.
   */
  readonly vehicleGroupId?: string;
  /** Outcome of the ID-card comparison (never the card's data). */
  readonly idCheck?: IdCheckResult;
  /**
   * Id of an earlier record of the same device that this one follows up (a changed decision):
   * the portal shows one passage with its decision history, not a second passage.
   */
  readonly amends?: string;
  readonly prevHash: string;
}

/** Exactly one of `passId` and `manualCode` identifies the pass. */
export type PassReference =
  | { readonly passId: string; readonly manualCode?: undefined }
  | { readonly manualCode: string; readonly passId?: undefined };

/**
 * Keys that would identify a person. Declared as `never` so that an object carrying any of them
 * is not assignable to a passage type (TypeScript otherwise lets extra properties through).
 */
export interface NoPersonalData {
  readonly fullName?: never;
  readonly name?: never;
  readonly idNumber?: never;
  readonly citizenId?: never;
  readonly nationalId?: never;
  readonly dateOfBirth?: never;
  readonly dob?: never;
  readonly birthDate?: never;
  readonly phone?: never;
  readonly address?: never;
  readonly declaration?: never;
  readonly person?: never;
}

/** A passage before its hash is computed. */
export type UnhashedPassage = PassageFields & PassReference & NoPersonalData;

/** A passage as stored in the outbox and sent to the portal. */
export type PassageRecord = UnhashedPassage & { readonly hash: string };

/** Every key a record may carry, in no particular order (canonical JSON sorts them). */
export const PASSAGE_KEYS = [
  'id', 'deviceId', 'seq', 'checkpointId', 'direction', 'at', 'passId', 'manualCode',
  'originUnit', 'destinationUnit', 'verdictStatus', 'decision', 'officerId', 'clockSkewMs',
  'vehicleGroupId', 'idCheck', 'amends', 'prevHash', 'hash',
] as const;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };

/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, `undefined` members dropped.
 * For the value kinds used here (strings, safe integers, booleans) it equals RFC 8785 (JCS).
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as JsonValue)}`).join(',')}}`;
}

/** The exact object that is hashed: the record's known keys minus `hash`. */
function hashedObject(record: UnhashedPassage): { [key: string]: JsonValue | undefined } {
  const source = record as unknown as Record<string, JsonValue | undefined>;
  const out: { [key: string]: JsonValue | undefined } = {};
  for (const key of PASSAGE_KEYS) {
    if (key !== 'hash' && source[key] !== undefined) out[key] = source[key];
  }
  return out;
}

/** SHA-256 (hex) over the canonical JSON of the record without `hash`. Synchronous on purpose. */
export function computePassageHash(record: UnhashedPassage): string {
  return sha256Hex(canonicalJson(hashedObject(record)));
}

/** The record as sent on the wire: known keys only, canonical key order. */
export function canonicalPassageJson(record: PassageRecord): string {
  return canonicalJson({ ...hashedObject(record), hash: record.hash });
}

// ---------------------------------------------------------------------------------------------
// Validation (used by the portal on every received record, and by the kiosk before writing).

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UUID_ANY = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Identifiers without spaces: checkpoint and officer ids can never hold a written name. */
const TOKEN_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
/** Five-digit ward/commune code, as in a declaration's origin and destination. */
const UNIT_CODE = /^\d{5}$/;
/** Canonical manual code (core/manual-code.ts): XXXXX-XXXXX in Crockford base32. */
const MANUAL_CODE = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;
const STATUS_WORD = /^[a-z][a-z0-9-]{0,31}$/;
/** 16 random bytes in base64url without padding. */
const VEHICLE_GROUP_ID = /^[A-Za-z0-9_-]{21}[AQgw]$/;
const HEX_64 = /^[0-9a-f]{64}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const MAX_SKEW_MS = 10 * 365 * 24 * 3600 * 1000;

export const PASSAGE_FORMATS = {
  id: UUID_V7, deviceId: UUID_ANY, checkpointId: TOKEN_ID, officerId: TOKEN_ID, unitCode: UNIT_CODE,
  manualCode: MANUAL_CODE, verdictStatus: STATUS_WORD, hash: HEX_64, at: ISO_UTC,
  vehicleGroupId: VEHICLE_GROUP_ID, amends: UUID_V7,
} as const;

export type PassageProblemCode =
  | 'invalid-record' | 'unexpected-field' | 'missing-field' | 'invalid-field' | 'bad-hash';

export type PassageParseResult =
  | { ok: true; record: PassageRecord }
  | { ok: false; code: PassageProblemCode; field?: string; message: string };

function isIsoUtc(value: unknown): value is string {
  return typeof value === 'string' && ISO_UTC.test(value) && Number.isFinite(Date.parse(value));
}

/**
 * Checks an untrusted value is a well-formed passage record: only known keys, every field in
 * format, exactly one pass reference and (unless `checkHash` is false) a matching hash.
 */
export function parsePassageRecord(input: unknown, options: { checkHash?: boolean } = {}): PassageParseResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, code: 'invalid-record', message: 'record must be a JSON object' };
  }
  const rec = input as Record<string, unknown>;
  const known = new Set<string>(PASSAGE_KEYS);
  for (const key of Object.keys(rec)) {
    if (!known.has(key)) return { ok: false, code: 'unexpected-field', field: key, message: `unknown field "${key.slice(0, 40)}"` };
  }
  const fail = (field: string, message: string): PassageParseResult =>
    ({ ok: false, code: rec[field] === undefined ? 'missing-field' : 'invalid-field', field, message });
  const str = (field: string, pattern: RegExp): boolean => typeof rec[field] === 'string' && pattern.test(rec[field]);

  if (!str('id', UUID_V7)) return fail('id', 'id must be a lower-case UUIDv7');
  if (!str('deviceId', UUID_ANY)) return fail('deviceId', 'deviceId must be a lower-case UUID');
  const seq = rec.seq;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return fail('seq', 'seq must be a positive integer');
  if (!str('checkpointId', TOKEN_ID)) return fail('checkpointId', 'checkpointId must be a short identifier');
  if (rec.direction !== 'in' && rec.direction !== 'out') return fail('direction', 'direction must be "in" or "out"');
  if (!isIsoUtc(rec.at)) return fail('at', 'at must be an ISO 8601 UTC time');
  const hasPass = rec.passId !== undefined;
  const hasCode = rec.manualCode !== undefined;
  if (hasPass === hasCode) return fail(hasPass ? 'manualCode' : 'passId', 'exactly one of passId and manualCode is required');
  if (hasPass && !isPassId(rec.passId)) return fail('passId', 'passId is malformed');
  if (hasCode && !(str('manualCode', MANUAL_CODE) && parseManualCode(rec.manualCode as string).ok)) {
    return fail('manualCode', 'manualCode must be a canonical manual code with a valid check character');
  }
  if (!str('originUnit', UNIT_CODE)) return fail('originUnit', 'originUnit must be an administrative unit code');
  if (!str('destinationUnit', UNIT_CODE)) return fail('destinationUnit', 'destinationUnit must be an administrative unit code');
  if (!str('verdictStatus', STATUS_WORD)) return fail('verdictStatus', 'verdictStatus must be a status word');
  if (rec.decision !== 'allow' && rec.decision !== 'deny' && rec.decision !== 'refer') {
    return fail('decision', 'decision must be allow, deny or refer');
  }
  if (!str('officerId', TOKEN_ID)) return fail('officerId', 'officerId must be a short identifier');
  const skew = rec.clockSkewMs;
  if (skew !== undefined && (typeof skew !== 'number' || !Number.isSafeInteger(skew) || Math.abs(skew) > MAX_SKEW_MS)) {
    return fail('clockSkewMs', 'clockSkewMs must be an integer number of milliseconds');
  }
  if (rec.vehicleGroupId !== undefined && !str('vehicleGroupId', VEHICLE_GROUP_ID)) {
    return fail('vehicleGroupId', 'vehicleGroupId must be 16 bytes in base64url');
  }
  if (rec.idCheck !== undefined && !(ID_CHECK_RESULTS as readonly unknown[]).includes(rec.idCheck)) {
    return fail('idCheck', 'idCheck must be matched, mismatch, manual or none');
  }
  if (rec.amends !== undefined && (!str('amends', UUID_V7) || rec.amends === rec.id)) {
    return fail('amends', 'amends must be the UUIDv7 of an earlier record');
  }
  if (!str('prevHash', HEX_64)) return fail('prevHash', 'prevHash must be 64 hex digits');
  if (!str('hash', HEX_64)) return fail('hash', 'hash must be 64 hex digits');
  const record = rec as unknown as PassageRecord;
  if (options.checkHash !== false && computePassageHash(record) !== record.hash) {
    return { ok: false, code: 'bad-hash', field: 'hash', message: 'hash does not match the record' };
  }
  return { ok: true, record };
}

export interface ChainAnchor {
  /** Sequence number of the last record before the ones being checked (0 = genesis). */
  readonly seq: number;
  readonly hash: string;
}

export type ChainCheck =
  | { ok: true; checked: number; head: ChainAnchor }
  | { ok: false; checked: number; seq: number; code: 'bad-hash' | 'broken-link' | 'seq-gap' | 'device-mismatch'; message: string };

/**
 * Verifies a run of one device's records, sorted by `seq`: each hash recomputes, each `prevHash`
 * is the previous record's hash, and the sequence has no gap, starting right after `anchor`.
 */
/** The record's hash, or undefined when it cannot be computed (a non-finite number, say). */
function hashOrUndefined(record: PassageRecord): string | undefined {
  try {
    return computePassageHash(record);
  } catch {
    return undefined;
  }
}

export function verifyPassageChain(records: Iterable<PassageRecord>, anchor: ChainAnchor = { seq: 0, hash: GENESIS_HASH }): ChainCheck {
  let head = anchor;
  let checked = 0;
  let deviceId: string | undefined;
  for (const record of records) {
    if (deviceId !== undefined && record.deviceId !== deviceId) {
      return { ok: false, checked, seq: record.seq, code: 'device-mismatch', message: 'records of more than one device' };
    }
    deviceId = record.deviceId;
    if (record.seq !== head.seq + 1) {
      return { ok: false, checked, seq: record.seq, code: 'seq-gap', message: `expected seq ${head.seq + 1}, found ${record.seq}` };
    }
    if (record.prevHash !== head.hash) {
      return { ok: false, checked, seq: record.seq, code: 'broken-link', message: `prevHash of seq ${record.seq} does not match` };
    }
    if (hashOrUndefined(record) !== record.hash) {
      return { ok: false, checked, seq: record.seq, code: 'bad-hash', message: `hash of seq ${record.seq} does not recompute` };
    }
    head = { seq: record.seq, hash: record.hash };
    checked++;
  }
  return { ok: true, checked, head };
}
