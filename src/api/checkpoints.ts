// GET {apiBase}/checkpoints — the portal's checkpoint registry: names, roads and coordinates
// (any signed-in role). Shared by the command view and the exposure list to name checkpoints.
import { PASSAGE_FORMATS } from '../core/passage-record';
import { apiUrl, parseJsonText, requestText } from './http';
import { array, nullableString, object, string } from './shape';
import { nullableCoordinate } from './stats';

const MAX_RESPONSE_BYTES = 1024 * 1024;
/** Far above the 55 checkpoints of one city; a registry for a whole country still fits. */
export const MAX_CHECKPOINTS = 5_000;

/** One checkpoint of the registry. */
export interface CheckpointInfo {
  id: string;
  name: string;
  road: string | null;
  provinceCode: string;
  /** A free-text place description (km mark, junction), when the registry has one. */
  location: string | null;
  lat: number | null;
  lon: number | null;
}

/** The registry. Refusals arrive as ApiError (401 `login-required`, 403 `forbidden`). */
export async function fetchCheckpoints(
  apiBase: string,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<CheckpointInfo[]> {
  const { text, status } = await requestText(apiUrl(apiBase, 'checkpoints'), {
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    maxBytes: MAX_RESPONSE_BYTES,
    idempotent: true,
  });
  return parseCheckpoints(parseJsonText(text, status));
}

export function parseCheckpoints(body: unknown): CheckpointInfo[] {
  const o = object(body, 'checkpoints');
  return array(o.items, 'items', MAX_CHECKPOINTS).map((value, i) => {
    const what = `items[${i}]`;
    const c = object(value, what);
    return {
      id: string(c.id, `${what}.id`, PASSAGE_FORMATS.checkpointId),
      name: string(c.name, `${what}.name`, undefined, 200),
      road: nullableString(c.road, `${what}.road`, undefined, 200),
      provinceCode: string(c.provinceCode, `${what}.provinceCode`, /^\d{2}$/),
      location: nullableString(c.location, `${what}.location`, undefined, 400),
      lat: nullableCoordinate(c.lat, `${what}.lat`, 90),
      lon: nullableCoordinate(c.lon, `${what}.lon`, 180),
    };
  });
}
