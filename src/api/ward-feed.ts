// The tracing side of the ward contract (docs/api.md "Ward movements", "Ward contacts"): a
// ward's movements with decision history, flags and checkpoint names, and the contacts a tracer
// delivered (the registry, "Registry", is src/api/checkpoints.ts). Items from a portal that
// predates these fields read as one decision, no flags, no checkpoint name.
import { PASSAGE_FORMATS } from '../core/passage-record';
import type { ContactKind, MovementDirection, WardMovement } from './contract';
import { apiUrl, badResponse, parseJsonText, requestText } from './http';
import {
  CONTACT_KINDS, DECISIONS, MOVEMENT_DIRECTIONS, PASSAGE_DIRECTIONS,
  array, isoTime, nullableString, object, oneOf, person, string, type Obj,
} from './shape';

/** Rows per movements request (the contract allows up to 2000). */
export const MAX_FEED_LIMIT = 2000;
export const MAX_CONTACTS = 5000;
/** A 2000-item page of long names stays well under this. */
const MAX_FEED_BYTES = 12 * 1024 * 1024;
const MAX_CONTACTS_BYTES = 8 * 1024 * 1024;
const MAX_DECISIONS = 50;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CURSOR = /^[A-Za-z0-9_-]{1,512}$/;
/** SSE / `since` event ids: opaque, short, printable. */
export const EVENT_ID = /^[A-Za-z0-9._:~-]{1,128}$/;
const PASS_ID = /^[A-Za-z0-9_-]{1,64}$/;

export type IdCheck = 'matched' | 'mismatch' | 'manual' | 'none';
export const ID_CHECKS: readonly IdCheck[] = ['matched', 'mismatch', 'manual', 'none'];

export interface MovementDecision {
  recordId: string;
  at: string;
  decision: WardMovement['decision'];
  verdictStatus: string;
  officerId: string;
}

export interface MovementFlags {
  riskArea: boolean;
  symptoms: boolean;
  contact: boolean;
  positiveTest: boolean;
  idMismatch: boolean;
}

export const FLAG_NAMES: readonly (keyof MovementFlags)[] = ['positiveTest', 'contact', 'symptoms', 'riskArea', 'idMismatch'];

/** One passage EVENT seen from one side (origin or destination ward); follow-ups fold into `decisions`. */
export interface WardFeedItem extends WardMovement {
  /** Direction of travel relative to this ward (same value as `direction`). */
  relation: MovementDirection;
  checkpoint: { name: string; road: string | null } | null;
  /** The latest decision lets the traveller through. */
  passed: boolean;
  /** Oldest first, at least one; `decision` / `verdictStatus` are the last one's. */
  decisions: MovementDecision[];
  idCheck: IdCheck | null;
  flags: MovementFlags;
}

export interface WardFeedPage {
  unitCode: string;
  date: string;
  items: WardFeedItem[];
  nextCursor: string | null;
  /** Resume point for the event stream / `since` polling (null from a portal without events). */
  lastEventId: string | null;
}

export interface WardFeedQuery {
  unitCode: string;
  /** Day in Vietnam time, 'YYYY-MM-DD'. */
  date: string;
  direction?: MovementDirection;
  cursor?: string;
  limit?: number;
  /** Only items created or changed after this event id. */
  since?: string;
}

export interface WardContact {
  id: string;
  key: string;
  passId: string | null;
  manualCode: string | null;
  person: { fullName: string } | null;
  originUnit: string;
  destinationUnit: string;
  link: { kind: ContactKind; checkpointId: string; checkpointName: string | null; at: string; direction: WardMovement['checkpointDirection'] };
  deliveredAt: string;
}

export interface WardContactsPage {
  items: WardContact[];
  lastEventId: string | null;
}

interface Options {
  signal?: AbortSignal;
  timeoutMs?: number;
}

function unitPath(unitCode: string, what: string): string {
  if (!PASSAGE_FORMATS.unitCode.test(unitCode)) throw new RangeError(`${what}: unitCode must be 5 digits`);
  return `wards/${unitCode}`;
}

/** One page of a ward's movements (newest first), or with `since` what changed after an event. */
export async function fetchWardFeed(apiBase: string, query: WardFeedQuery, options: Options = {}): Promise<WardFeedPage> {
  const path = unitPath(query.unitCode, 'fetchWardFeed');
  if (!DATE.test(query.date)) throw new RangeError('fetchWardFeed: date must be YYYY-MM-DD');
  if (query.cursor !== undefined && !CURSOR.test(query.cursor)) throw new RangeError('fetchWardFeed: malformed cursor');
  if (query.since !== undefined && !EVENT_ID.test(query.since)) throw new RangeError('fetchWardFeed: malformed since');
  const params = new URLSearchParams({ date: query.date });
  if (query.direction) params.set('direction', query.direction);
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.since) params.set('since', query.since);
  if (query.limit !== undefined) params.set('limit', String(Math.max(1, Math.min(MAX_FEED_LIMIT, Math.floor(query.limit)))));
  const response = await requestText(apiUrl(apiBase, `${path}/movements?${params}`), {
    signal: options.signal, timeoutMs: options.timeoutMs, maxBytes: MAX_FEED_BYTES, idempotent: true,
  });
  return parseWardFeedPage(parseJsonText(response.text, response.status));
}

export function parseWardFeedPage(body: unknown): WardFeedPage {
  const o = object(body, 'movements page');
  return {
    unitCode: string(o.unitCode, 'unitCode', PASSAGE_FORMATS.unitCode),
    date: string(o.date, 'date', DATE),
    items: array(o.items, 'items', MAX_FEED_LIMIT).map((item, i) => parseWardFeedItem(item, `items[${i}]`)),
    nextCursor: nullableString(o.nextCursor, 'nextCursor', CURSOR),
    lastEventId: nullableString(o.lastEventId, 'lastEventId', EVENT_ID),
  };
}

function bool(value: unknown, what: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw badResponse(`${what} is not a boolean.`);
  return value;
}

function flags(value: unknown, what: string): MovementFlags {
  const o: Obj = value === undefined || value === null ? {} : object(value, what);
  return {
    riskArea: bool(o.riskArea, `${what}.riskArea`),
    symptoms: bool(o.symptoms, `${what}.symptoms`),
    contact: bool(o.contact, `${what}.contact`),
    positiveTest: bool(o.positiveTest, `${what}.positiveTest`),
    idMismatch: bool(o.idMismatch, `${what}.idMismatch`),
  };
}

/** One movements item (also the `data` of a `movement` event). */
export function parseWardFeedItem(value: unknown, what = 'movement'): WardFeedItem {
  const o = object(value, what);
  const direction = oneOf(o.direction ?? o.relation, MOVEMENT_DIRECTIONS, `${what}.direction`);
  const relation = o.relation === undefined ? direction : oneOf(o.relation, MOVEMENT_DIRECTIONS, `${what}.relation`);
  if (relation !== direction) throw badResponse(`${what}.relation and direction differ.`);
  const id = string(o.id, `${what}.id`, /^[0-9a-f-]{36}:(arrival|departure)$/);
  const passageId = string(o.passageId, `${what}.passageId`, PASSAGE_FORMATS.id);
  if (id !== `${passageId}:${relation}`) throw badResponse(`${what}.id does not name its passage and side.`);
  const at = isoTime(o.at, `${what}.at`);
  const decision = oneOf(o.decision, DECISIONS, `${what}.decision`);
  const verdictStatus = string(o.verdictStatus, `${what}.verdictStatus`, PASSAGE_FORMATS.verdictStatus);
  const decisions = o.decisions === undefined
    ? [{ recordId: passageId, at, decision, verdictStatus, officerId: '' }]
    : array(o.decisions, `${what}.decisions`, MAX_DECISIONS).map((d, i) => {
        const w = `${what}.decisions[${i}]`;
        const e = object(d, w);
        return {
          recordId: string(e.recordId, `${w}.recordId`, PASSAGE_FORMATS.id),
          at: isoTime(e.at, `${w}.at`),
          decision: oneOf(e.decision, DECISIONS, `${w}.decision`),
          verdictStatus: string(e.verdictStatus, `${w}.verdictStatus`, PASSAGE_FORMATS.verdictStatus),
          officerId: string(e.officerId ?? '', `${w}.officerId`, undefined, 64),
        };
      });
  if (decisions.length === 0) throw badResponse(`${what}.decisions is empty.`);
  const cp = o.checkpoint === undefined || o.checkpoint === null ? null : object(o.checkpoint, `${what}.checkpoint`);
  return {
    id,
    passageId,
    direction,
    relation,
    at,
    receivedAt: isoTime(o.receivedAt, `${what}.receivedAt`),
    checkpointId: string(o.checkpointId, `${what}.checkpointId`, PASSAGE_FORMATS.checkpointId),
    checkpoint: cp && { name: string(cp.name, `${what}.checkpoint.name`, undefined, 200), road: nullableString(cp.road, `${what}.checkpoint.road`, undefined, 200) },
    checkpointDirection: oneOf(o.checkpointDirection, PASSAGE_DIRECTIONS, `${what}.checkpointDirection`),
    decision,
    verdictStatus,
    passed: o.passed === undefined ? decision === 'allow' : bool(o.passed, `${what}.passed`),
    decisions,
    idCheck: o.idCheck === undefined || o.idCheck === null ? null : oneOf(o.idCheck, ID_CHECKS, `${what}.idCheck`),
    passId: nullableString(o.passId, `${what}.passId`, PASS_ID),
    manualCode: nullableString(o.manualCode, `${what}.manualCode`, PASSAGE_FORMATS.manualCode),
    originUnit: string(o.originUnit, `${what}.originUnit`, PASSAGE_FORMATS.unitCode),
    destinationUnit: string(o.destinationUnit, `${what}.destinationUnit`, PASSAGE_FORMATS.unitCode),
    person: person(o.person, `${what}.person`),
    flags: flags(o.flags, `${what}.flags`),
  };
}

/** `GET /wards/{unit}/contacts`: contacts to follow up, delivered by a tracer. */
export async function fetchWardContacts(apiBase: string, query: { unitCode: string; date?: string }, options: Options = {}): Promise<WardContactsPage> {
  const path = unitPath(query.unitCode, 'fetchWardContacts');
  if (query.date !== undefined && !DATE.test(query.date)) throw new RangeError('fetchWardContacts: date must be YYYY-MM-DD');
  const search = query.date ? `?${new URLSearchParams({ date: query.date })}` : '';
  const response = await requestText(apiUrl(apiBase, `${path}/contacts${search}`), {
    signal: options.signal, timeoutMs: options.timeoutMs, maxBytes: MAX_CONTACTS_BYTES, idempotent: true,
  });
  const o = object(parseJsonText(response.text, response.status), 'contacts');
  return {
    items: array(o.items, 'items', MAX_CONTACTS).map((item, i) => parseWardContact(item, `items[${i}]`)),
    lastEventId: nullableString(o.lastEventId, 'lastEventId', EVENT_ID),
  };
}

/** One contacts item (also the `data` of a `contact` event). */
export function parseWardContact(value: unknown, what = 'contact'): WardContact {
  const o = object(value, what);
  const link = object(o.link, `${what}.link`);
  return {
    id: string(o.id, `${what}.id`, /^[A-Za-z0-9._:-]{1,128}$/),
    key: string(o.key, `${what}.key`, /^[A-Za-z0-9_-]{1,64}$/),
    passId: nullableString(o.passId, `${what}.passId`, PASS_ID),
    manualCode: nullableString(o.manualCode, `${what}.manualCode`, PASSAGE_FORMATS.manualCode),
    person: person(o.person, `${what}.person`),
    originUnit: string(o.originUnit, `${what}.originUnit`, PASSAGE_FORMATS.unitCode),
    destinationUnit: string(o.destinationUnit, `${what}.destinationUnit`, PASSAGE_FORMATS.unitCode),
    link: {
      kind: oneOf(link.kind, CONTACT_KINDS, `${what}.link.kind`),
      checkpointId: string(link.checkpointId, `${what}.link.checkpointId`, PASSAGE_FORMATS.checkpointId),
      checkpointName: nullableString(link.checkpointName, `${what}.link.checkpointName`, undefined, 200),
      at: isoTime(link.at, `${what}.link.at`),
      direction: oneOf(link.direction, PASSAGE_DIRECTIONS, `${what}.link.direction`),
    },
    deliveredAt: isoTime(o.deliveredAt, `${what}.deliveredAt`),
  };
}
