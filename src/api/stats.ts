// GET {apiBase}/stats/checkpoints?date=YYYY-MM-DD — the command view's day: per checkpoint and
// Vietnam-local hour, passages in/out, decisions, arrivals from risk areas and ID-card
// mismatches; and the kiosks' health (offline, stale trust, lost records). Admin, or a tracer
// scoped to their province.
import { PASSAGE_FORMATS } from '../core/passage-record';
import { apiUrl, badResponse, parseJsonText, requestText } from './http';
import { array, nullableIsoTime, nullableString, object, string } from './shape';

const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
const MAX_STAT_CHECKPOINTS = 5_000;
const MAX_DEVICES = 20_000;
/** No count can honestly exceed this in one checkpoint-hour (a passage every 0.36 ms). */
const MAX_COUNT = 10_000_000;

export const HOUR_FIELDS = ['in', 'out', 'allow', 'deny', 'refer', 'fromRiskAreas', 'idMismatch'] as const;
export type HourField = (typeof HOUR_FIELDS)[number];

/** Counts of one checkpoint in one Vietnam-local hour (per passage event, latest decision). */
export type HourCounts = Record<HourField, number>;

export interface CheckpointDay {
  id: string;
  name: string;
  road: string | null;
  lat: number | null;
  lon: number | null;
  /** Exactly 24 entries, hour 0–23 Vietnam time (UTC+7). */
  hours: HourCounts[];
}

export interface DeviceHealth {
  deviceId: string;
  checkpointId: string;
  label: string | null;
  lastSyncAt: string | null;
  offline: boolean;
  staleTrust: boolean;
  lostRecords: number;
}

/** 200 of `GET /stats/checkpoints`. */
export interface CheckpointStats {
  date: string;
  checkpoints: CheckpointDay[];
  devices: DeviceHealth[];
}

export const DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The day's statistics. Refusals arrive as ApiError (401, 403 `forbidden`, 400 `invalid-format`). */
export async function fetchCheckpointStats(
  apiBase: string,
  date: string,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<CheckpointStats> {
  if (!DAY_PATTERN.test(date)) throw new RangeError('fetchCheckpointStats: date must be YYYY-MM-DD');
  const { text, status } = await requestText(apiUrl(apiBase, `stats/checkpoints?date=${date}`), {
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    maxBytes: MAX_RESPONSE_BYTES,
    idempotent: true,
  });
  return parseCheckpointStats(parseJsonText(text, status));
}

export function parseCheckpointStats(body: unknown): CheckpointStats {
  const o = object(body, 'stats');
  const date = string(o.date, 'date', DAY_PATTERN, 10);
  const checkpoints = array(o.checkpoints, 'checkpoints', MAX_STAT_CHECKPOINTS).map((value, i) => {
    const what = `checkpoints[${i}]`;
    const c = object(value, what);
    const hours = array(c.hours, `${what}.hours`, 24);
    if (hours.length !== 24) throw badResponse(`${what}.hours does not have 24 entries.`);
    return {
      id: string(c.id, `${what}.id`, PASSAGE_FORMATS.checkpointId),
      name: string(c.name, `${what}.name`, undefined, 200),
      road: nullableString(c.road, `${what}.road`, undefined, 200),
      lat: nullableCoordinate(c.lat, `${what}.lat`, 90),
      lon: nullableCoordinate(c.lon, `${what}.lon`, 180),
      hours: hours.map((h, hour) => hourCounts(h, `${what}.hours[${hour}]`)),
    };
  });
  const devices = array(o.devices, 'devices', MAX_DEVICES).map((value, i) => {
    const what = `devices[${i}]`;
    const d = object(value, what);
    return {
      deviceId: string(d.deviceId, `${what}.deviceId`, PASSAGE_FORMATS.deviceId),
      checkpointId: string(d.checkpointId, `${what}.checkpointId`, PASSAGE_FORMATS.checkpointId),
      label: nullableString(d.label, `${what}.label`, undefined, 200),
      lastSyncAt: nullableIsoTime(d.lastSyncAt, `${what}.lastSyncAt`),
      offline: bool(d.offline, `${what}.offline`),
      staleTrust: bool(d.staleTrust, `${what}.staleTrust`),
      lostRecords: count(d.lostRecords, `${what}.lostRecords`),
    };
  });
  return { date, checkpoints, devices };
}

function hourCounts(value: unknown, what: string): HourCounts {
  const o = object(value, what);
  const out = {} as HourCounts;
  for (const field of HOUR_FIELDS) out[field] = count(o[field], `${what}.${field}`);
  return out;
}

function count(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > MAX_COUNT) {
    throw badResponse(`${what} is not a count.`);
  }
  return value;
}

function bool(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw badResponse(`${what} is not a boolean.`);
  return value;
}

/** A latitude/longitude within ±`limit`, or null. */
export function nullableCoordinate(value: unknown, what: string, limit: number): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit) throw badResponse(`${what} is not a coordinate.`);
  return value;
}
