// GET {apiBase}/exposure?passId=…&windowMinutes=… — who was exposed to a case: co-travellers (the
// same vehicle group) and passages at the same checkpoint within ±N minutes; and
// POST {apiBase}/exposure/deliveries — each chosen contact sent to the inbox of their wards.
// Both name people, so both are audited: the tracer's reason travels in X-Lookup-Reason.
import { isPassId } from '../core/claims';
import { PASSAGE_FORMATS } from '../core/passage-record';
import type { ContactKind, RoutePassage } from './contract';
import { ApiError, apiUrl, badResponse, parseJsonText, requestText } from './http';
import { lookupReasonProblem, parseRoutePassage } from './routes';
import { array, CONTACT_KINDS, isoTime, nullableString, object, oneOf, PASSAGE_DIRECTIONS, person, string } from './shape';

const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
const MAX_DELIVERY_BYTES = 1024 * 1024;
/** The portal stops at 2000 contacts (and says `truncated`). */
export const MAX_CONTACTS = 2_000;
const MAX_LINKS = 1_000;
const MAX_ROUTE = 2_000;
/** Bounds of the exposure window, in minutes either side of the case's passage. */
export const EXPOSURE_WINDOW = { min: 1, max: 120, default: 15 } as const;

/** A passage of the case's route, with its vehicle group (null when the kiosk recorded none). */
export interface CasePassage extends RoutePassage {
  vehicleGroupId: string | null;
}

/** Why a contact is a contact: one of their passages next to one of the case's. */
export interface ContactLink {
  kind: ContactKind;
  casePassageId: string;
  passageId: string;
  checkpointId: string;
  at: string;
  direction: 'in' | 'out';
  sameDirection: boolean;
  minutesApart: number;
}

export interface ExposureContact {
  /** The pass id, or the manual code for a passage recorded by hand. */
  key: string;
  passId: string | null;
  manualCode: string | null;
  person: { fullName: string } | null;
  originUnit: string;
  destinationUnit: string;
  links: ContactLink[];
  route: RoutePassage[];
}

/** 200 of `GET /exposure`. */
export interface Exposure {
  case: {
    passId: string;
    person: { fullName: string } | null;
    originUnit: string | null;
    destinationUnit: string | null;
    passages: CasePassage[];
  };
  windowMinutes: number;
  /** Co-travellers first, then same window same direction, then other direction; by minutes apart. */
  contacts: ExposureContact[];
  /** The portal stopped at 2000 contacts. */
  truncated: boolean;
}

export interface DeliveryResult {
  delivered: { key: string; unitCodes: string[] }[];
}

interface LookupOptions {
  /** Why the tracer looks (3–300 characters); sent percent-encoded in X-Lookup-Reason. */
  reason: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

function reasonHeader(reason: string, what: string): Record<string, string> {
  const text = reason.trim();
  if (lookupReasonProblem(text)) throw new RangeError(`${what}: the lookup reason must be 3–300 characters without control characters`);
  return { 'X-Lookup-Reason': encodeURIComponent(text) };
}

function checkWindow(windowMinutes: number, what: string): void {
  if (!Number.isInteger(windowMinutes) || windowMinutes < EXPOSURE_WINDOW.min || windowMinutes > EXPOSURE_WINDOW.max) {
    throw new RangeError(`${what}: windowMinutes must be an integer from 1 to 120`);
  }
}

/**
 * The exposure of one case, or null when the portal knows neither the pass nor any passage of it
 * (404 `pass-not-found`). Refusals arrive as ApiError: 401, 403 `forbidden`, 400 `reason-required`.
 */
export async function fetchExposure(
  apiBase: string,
  passId: string,
  options: LookupOptions & { windowMinutes?: number },
): Promise<Exposure | null> {
  if (!isPassId(passId)) throw new RangeError('fetchExposure: malformed pass id');
  const windowMinutes = options.windowMinutes ?? EXPOSURE_WINDOW.default;
  checkWindow(windowMinutes, 'fetchExposure');
  const headers = reasonHeader(options.reason, 'fetchExposure');
  let text: string;
  let status: number;
  try {
    ({ text, status } = await requestText(apiUrl(apiBase, `exposure?passId=${passId}&windowMinutes=${windowMinutes}`), {
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      headers,
      maxBytes: MAX_RESPONSE_BYTES,
      idempotent: true,
    }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
  return parseExposure(parseJsonText(text, status));
}

/**
 * Delivers the chosen contacts to the inboxes of their origin and destination wards. Idempotent
 * per (case, contact, ward) on the portal, so sending again is safe.
 */
export async function deliverContacts(
  apiBase: string,
  request: { casePassId: string; windowMinutes: number; keys: readonly string[] },
  options: LookupOptions,
): Promise<DeliveryResult> {
  if (!isPassId(request.casePassId)) throw new RangeError('deliverContacts: malformed case pass id');
  checkWindow(request.windowMinutes, 'deliverContacts');
  if (request.keys.length === 0 || request.keys.length > MAX_CONTACTS) throw new RangeError('deliverContacts: 1–2000 contact keys');
  const headers = reasonHeader(options.reason, 'deliverContacts');
  const { text, status } = await requestText(apiUrl(apiBase, 'exposure/deliveries'), {
    method: 'POST',
    body: JSON.stringify({ casePassId: request.casePassId, windowMinutes: request.windowMinutes, keys: [...request.keys] }),
    headers,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    maxBytes: MAX_DELIVERY_BYTES,
    // The portal makes it idempotent per (case, contact, ward).
    idempotent: true,
  });
  return parseDeliveryResult(parseJsonText(text, status));
}

const KEY = /^[A-Za-z0-9_-]{1,200}$/;

export function parseExposure(body: unknown): Exposure {
  const o = object(body, 'exposure');
  const c = object(o.case, 'case');
  const casePassId = string(c.passId, 'case.passId');
  if (!isPassId(casePassId)) throw badResponse('case.passId is malformed.');
  const windowMinutes = o.windowMinutes;
  if (typeof windowMinutes !== 'number' || !Number.isInteger(windowMinutes) || windowMinutes < 1 || windowMinutes > 120) {
    throw badResponse('windowMinutes is not 1–120.');
  }
  return {
    case: {
      passId: casePassId,
      person: person(c.person, 'case.person'),
      originUnit: nullableString(c.originUnit, 'case.originUnit', PASSAGE_FORMATS.unitCode),
      destinationUnit: nullableString(c.destinationUnit, 'case.destinationUnit', PASSAGE_FORMATS.unitCode),
      passages: array(c.passages, 'case.passages', MAX_ROUTE).map((p, i) => {
        const what = `case.passages[${i}]`;
        return { ...parseRoutePassage(p, what), vehicleGroupId: nullableString(object(p, what).vehicleGroupId, `${what}.vehicleGroupId`, PASSAGE_FORMATS.vehicleGroupId) };
      }),
    },
    windowMinutes,
    contacts: array(o.contacts, 'contacts', MAX_CONTACTS).map((v, i) => parseContact(v, `contacts[${i}]`)),
    truncated: o.truncated === true,
  };
}

function parseContact(value: unknown, what: string): ExposureContact {
  const o = object(value, what);
  const passId = nullableString(o.passId, `${what}.passId`);
  if (passId !== null && !isPassId(passId)) throw badResponse(`${what}.passId is malformed.`);
  const manualCode = nullableString(o.manualCode, `${what}.manualCode`, PASSAGE_FORMATS.manualCode);
  if (passId === null && manualCode === null) throw badResponse(`${what} has neither a pass id nor a manual code.`);
  return {
    key: string(o.key, `${what}.key`, KEY),
    passId,
    manualCode,
    person: person(o.person, `${what}.person`),
    originUnit: string(o.originUnit, `${what}.originUnit`, PASSAGE_FORMATS.unitCode),
    destinationUnit: string(o.destinationUnit, `${what}.destinationUnit`, PASSAGE_FORMATS.unitCode),
    links: array(o.links, `${what}.links`, MAX_LINKS).map((l, i) => parseLink(l, `${what}.links[${i}]`)),
    route: array(o.route, `${what}.route`, MAX_ROUTE).map((p, i) => parseRoutePassage(p, `${what}.route[${i}]`)),
  };
}

function parseLink(value: unknown, what: string): ContactLink {
  const o = object(value, what);
  const minutesApart = o.minutesApart;
  if (typeof minutesApart !== 'number' || !Number.isFinite(minutesApart) || minutesApart < 0 || minutesApart > 100_000) {
    throw badResponse(`${what}.minutesApart is not a number of minutes.`);
  }
  if (typeof o.sameDirection !== 'boolean') throw badResponse(`${what}.sameDirection is not a boolean.`);
  return {
    kind: oneOf(o.kind, CONTACT_KINDS, `${what}.kind`),
    casePassageId: string(o.casePassageId, `${what}.casePassageId`, PASSAGE_FORMATS.id),
    passageId: string(o.passageId, `${what}.passageId`, PASSAGE_FORMATS.id),
    checkpointId: string(o.checkpointId, `${what}.checkpointId`, PASSAGE_FORMATS.checkpointId),
    at: isoTime(o.at, `${what}.at`),
    direction: oneOf(o.direction, PASSAGE_DIRECTIONS, `${what}.direction`),
    sameDirection: o.sameDirection,
    minutesApart,
  };
}

export function parseDeliveryResult(body: unknown): DeliveryResult {
  const o = object(body, 'deliveries');
  return {
    delivered: array(o.delivered, 'delivered', MAX_CONTACTS).map((v, i) => {
      const d = object(v, `delivered[${i}]`);
      return {
        key: string(d.key, `delivered[${i}].key`, KEY),
        unitCodes: array(d.unitCodes, `delivered[${i}].unitCodes`, 2).map((u, j) => string(u, `delivered[${i}].unitCodes[${j}]`, PASSAGE_FORMATS.unitCode)),
      };
    }),
  };
}

