// What <ck-checkpoint-stats> shows, without the DOM: totals per checkpoint, per hour and for the
// day; each checkpoint's kiosk health; and the checkpoints placed on a schematic from their
// latitude and longitude (no map tiles: a flat projection fitted to a box).
import { HOUR_FIELDS, type CheckpointDay, type CheckpointStats, type DeviceHealth, type HourCounts } from '../../api/stats';

export function emptyCounts(): HourCounts {
  return { in: 0, out: 0, allow: 0, deny: 0, refer: 0, fromRiskAreas: 0, idMismatch: 0 };
}

function add(into: HourCounts, counts: HourCounts): void {
  for (const field of HOUR_FIELDS) into[field] += counts[field];
}

/** One checkpoint's day. */
export function checkpointTotals(checkpoint: CheckpointDay): HourCounts {
  const total = emptyCounts();
  for (const hour of checkpoint.hours) add(total, hour);
  return total;
}

/** All checkpoints, hour by hour (24 entries, Vietnam time). */
export function hourlyTotals(stats: CheckpointStats): HourCounts[] {
  const hours = Array.from({ length: 24 }, emptyCounts);
  for (const checkpoint of stats.checkpoints) checkpoint.hours.forEach((counts, h) => add(hours[h] as HourCounts, counts));
  return hours;
}

/** All checkpoints, the whole day. */
export function dayTotals(stats: CheckpointStats): HourCounts {
  const total = emptyCounts();
  for (const checkpoint of stats.checkpoints) add(total, checkpointTotals(checkpoint));
  return total;
}

export interface CheckpointHealth {
  devices: number;
  offline: number;
  staleTrust: number;
  lostRecords: number;
}

/** Kiosk health per checkpoint id (checkpoints without devices are absent). */
export function healthByCheckpoint(devices: readonly DeviceHealth[]): Map<string, CheckpointHealth> {
  const out = new Map<string, CheckpointHealth>();
  for (const d of devices) {
    const h = out.get(d.checkpointId) ?? { devices: 0, offline: 0, staleTrust: 0, lostRecords: 0 };
    h.devices += 1;
    if (d.offline) h.offline += 1;
    if (d.staleTrust) h.staleTrust += 1;
    h.lostRecords += d.lostRecords;
    out.set(d.checkpointId, h);
  }
  return out;
}

/** Whether a checkpoint needs attention: a kiosk offline, with stale trust or with lost records. */
export function needsAttention(health: CheckpointHealth | undefined): boolean {
  return !!health && (health.offline > 0 || health.staleTrust > 0 || health.lostRecords > 0);
}

export interface PlacedCheckpoint {
  id: string;
  x: number;
  y: number;
}

/**
 * Places the checkpoints with coordinates in a `width` × `height` box (inner margin `pad`): an
 * equirectangular projection (longitude scaled by cos of the mean latitude, so a city keeps its
 * shape), fitted and centred without distortion. North is up. Checkpoints without coordinates
 * are left out.
 */
export function placeCheckpoints(
  checkpoints: readonly { id: string; lat: number | null; lon: number | null }[],
  width: number,
  height: number,
  pad: number,
): PlacedCheckpoint[] {
  const located = checkpoints.filter((c): c is { id: string; lat: number; lon: number } => c.lat !== null && c.lon !== null);
  if (located.length === 0) return [];
  const meanLat = located.reduce((s, c) => s + c.lat, 0) / located.length;
  const k = Math.cos((meanLat * Math.PI) / 180);
  const xs = located.map((c) => c.lon * k);
  const ys = located.map((c) => c.lat);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  const innerW = width - 2 * pad;
  const innerH = height - 2 * pad;
  // One scale for both axes (no stretching); a single point or a line sits in the middle.
  const scale = Math.min(spanX > 0 ? innerW / spanX : Infinity, spanY > 0 ? innerH / spanY : Infinity);
  const s = Number.isFinite(scale) ? scale : 0;
  const offsetX = pad + (innerW - spanX * s) / 2;
  const offsetY = pad + (innerH - spanY * s) / 2;
  return located.map((c, i) => ({
    id: c.id,
    x: round2(offsetX + ((xs[i] as number) - minX) * s),
    y: round2(offsetY + (maxY - (ys[i] as number)) * s),
  }));
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** 'HH:00–HH:59' label of a Vietnam-local hour. */
export function hourLabel(hour: number): string {
  const h = String(hour).padStart(2, '0');
  return `${h}:00–${h}:59`;
}

/** Unix seconds of the start of `hour` (Vietnam time) on `date`, for a time axis. */
export function hourStartSeconds(date: string, hour: number): number {
  return Date.parse(`${date}T00:00:00Z`) / 1000 - 7 * 3600 + hour * 3600;
}

/** The Vietnam calendar day of an instant, as YYYY-MM-DD. */
export function vietnamDay(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** Whether a passage at `at` falls on the Vietnam day `date` (a live event for another day does not matter). */
export function onVietnamDay(at: string, date: string): boolean {
  return vietnamDay(Date.parse(at)) === date;
}
