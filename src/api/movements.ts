// GET {apiBase}/wards/{unitCode}/movements — a ward's arrivals and departures for one day.
import { PASSAGE_FORMATS } from '../core/passage-record';
import type { MovementDirection, WardMovement, WardMovementsPage } from './contract';
import { apiUrl, parseJsonText, requestText } from './http';
import {
  DECISIONS, MOVEMENT_DIRECTIONS, PASSAGE_DIRECTIONS,
  array, isoTime, nullableString, object, oneOf, person, string } from './shape';

export const MAX_MOVEMENTS_LIMIT = 200;
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CURSOR = /^[A-Za-z0-9_-]{1,512}$/;

export interface WardMovementsQuery {
  /** Five-digit ward/commune code. */
  unitCode: string;
  /** Day in Vietnam time (UTC+7), 'YYYY-MM-DD'. */
  date: string;
  direction?: MovementDirection;
  cursor?: string;
  /** 1–200, default 50 (server side). */
  limit?: number;
}

export type WardMovementsFetch =
  | { notModified: true; etag: string }
  | { notModified: false; page: WardMovementsPage; etag: string | null };

/** Fetches one page; pass the previous `etag` to poll cheaply (304 → `notModified`). */
export async function fetchWardMovements(
  apiBase: string,
  query: WardMovementsQuery,
  options: { etag?: string | null; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<WardMovementsFetch> {
  if (!PASSAGE_FORMATS.unitCode.test(query.unitCode)) throw new RangeError('fetchWardMovements: unitCode must be 5 digits');
  if (!DATE.test(query.date)) throw new RangeError('fetchWardMovements: date must be YYYY-MM-DD');
  if (query.cursor !== undefined && !CURSOR.test(query.cursor)) throw new RangeError('fetchWardMovements: malformed cursor');
  const params = new URLSearchParams({ date: query.date });
  if (query.direction) params.set('direction', query.direction);
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.limit !== undefined) params.set('limit', String(Math.max(1, Math.min(MAX_MOVEMENTS_LIMIT, Math.floor(query.limit)))));
  const response = await requestText(apiUrl(apiBase, `wards/${query.unitCode}/movements?${params}`), {
    headers: options.etag ? { 'If-None-Match': options.etag } : {},
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    maxBytes: MAX_RESPONSE_BYTES,
    idempotent: true,
    allowNotModified: true,
  });
  if (response.status === 304) return { notModified: true, etag: options.etag ?? '' };
  return {
    notModified: false,
    page: parseWardMovementsPage(parseJsonText(response.text, response.status)),
    etag: response.headers.get('ETag'),
  };
}

export function parseWardMovementsPage(body: unknown): WardMovementsPage {
  const o = object(body, 'movements page');
  return {
    unitCode: string(o.unitCode, 'unitCode', PASSAGE_FORMATS.unitCode),
    date: string(o.date, 'date', DATE),
    direction: o.direction === null || o.direction === undefined ? null : oneOf(o.direction, MOVEMENT_DIRECTIONS, 'direction'),
    items: array(o.items, 'items', MAX_MOVEMENTS_LIMIT).map((item, i) => parseWardMovement(item, `items[${i}]`)),
    nextCursor: nullableString(o.nextCursor, 'nextCursor', CURSOR),
  };
}

function parseWardMovement(value: unknown, what: string): WardMovement {
  const o = object(value, what);
  return {
    id: string(o.id, `${what}.id`, /^[0-9a-f-]{36}:(arrival|departure)$/),
    passageId: string(o.passageId, `${what}.passageId`, PASSAGE_FORMATS.id),
    direction: oneOf(o.direction, MOVEMENT_DIRECTIONS, `${what}.direction`),
    at: isoTime(o.at, `${what}.at`),
    receivedAt: isoTime(o.receivedAt, `${what}.receivedAt`),
    checkpointId: string(o.checkpointId, `${what}.checkpointId`, PASSAGE_FORMATS.checkpointId),
    checkpointDirection: oneOf(o.checkpointDirection, PASSAGE_DIRECTIONS, `${what}.checkpointDirection`),
    decision: oneOf(o.decision, DECISIONS, `${what}.decision`),
    verdictStatus: string(o.verdictStatus, `${what}.verdictStatus`, PASSAGE_FORMATS.verdictStatus),
    passId: nullableString(o.passId, `${what}.passId`, /^[A-Za-z0-9_-]{1,64}$/),
    manualCode: nullableString(o.manualCode, `${what}.manualCode`, PASSAGE_FORMATS.manualCode),
    originUnit: string(o.originUnit, `${what}.originUnit`, PASSAGE_FORMATS.unitCode),
    destinationUnit: string(o.destinationUnit, `${what}.destinationUnit`, PASSAGE_FORMATS.unitCode),
    person: person(o.person, `${what}.person`),
  };
}
