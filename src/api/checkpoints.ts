// GET {apiBase}/checkpoints — the portal's checkpoint registry: names, roads and coordinates
// (any signed-in role). Shared by the command view, the exposure list and the ward inbox to name
// checkpoints. Also the data of `GET {apiBase}/checkpoints/events` (Server-Sent Events of recorded
// passages, admin; tracer scoped to a province), which src/api/events.ts (LiveFeed) reads.
import { PASSAGE_FORMATS } from '../core/passage-record';
import { apiUrl, parseJsonText, requestText } from './http';
import { array, DECISIONS, isoTime, nullableString, object, oneOf, PASSAGE_DIRECTIONS, string } from './shape';
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

/** `data` of an `event: passage` on `checkpoints/events`. */
export interface PassageEvent {
  passageId: string;
  checkpointId: string;
  at: string;
  direction: 'in' | 'out';
  decision: 'allow' | 'deny' | 'refer';
  /** [origin, destination] ward codes. */
  relationUnits: string[];
}

/** Largest passage event data accepted (an event is a few hundred bytes). */
const MAX_PASSAGE_EVENT_CHARS = 16 * 1024;

/** The data of a `passage` event, or null when it is not one (never throws). */
export function parsePassageEvent(data: string): PassageEvent | null {
  if (data.length > MAX_PASSAGE_EVENT_CHARS) return null;
  try {
    const o = object(JSON.parse(data), 'passage');
    const units = o.relationUnits;
    if (!Array.isArray(units) || units.length > 2) return null;
    return {
      passageId: string(o.passageId, 'passageId', PASSAGE_FORMATS.id),
      checkpointId: string(o.checkpointId, 'checkpointId', PASSAGE_FORMATS.checkpointId),
      at: isoTime(o.at, 'at'),
      direction: oneOf(o.direction, PASSAGE_DIRECTIONS, 'direction'),
      decision: oneOf(o.decision, DECISIONS, 'decision'),
      relationUnits: units.map((u, i) => string(u, `relationUnits[${i}]`, PASSAGE_FORMATS.unitCode)),
    };
  } catch {
    return null;
  }
}
