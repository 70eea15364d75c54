// GET {apiBase}/passes/{passId}/route — every passage of one pass, oldest first.
import { isPassId } from '../core/claims';
import { PASSAGE_FORMATS } from '../core/passage-record';
import type { PassRoute, RoutePassage } from './contract';
import { ApiError, apiUrl, parseJsonText, requestText } from './http';
import {
  DECISIONS, PASSAGE_DIRECTIONS,
  array, integerOrNull, isoTime, nullableIsoTime, nullableString, object, oneOf, person, string } from './shape';

const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
const MAX_ROUTE_PASSAGES = 10_000;

/** Bounds of a lookup reason the portal accepts (characters, after trimming). */
export const LOOKUP_REASON = { min: 3, max: 300 } as const;

/** Why a lookup reason would be refused, or null when it is fine. */
export function lookupReasonProblem(reason: string): 'too-short' | 'too-long' | 'control-character' | null {
  const text = reason.trim();
  if (text.length < LOOKUP_REASON.min) return 'too-short';
  if (text.length > LOOKUP_REASON.max) return 'too-long';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) return 'control-character';
  return null;
}

/**
 * The route, or null when the portal knows neither the pass nor any passage of it (404).
 * A route names a person, so the portal audits the lookup: `reason` (why the tracer looks, 3–300
 * characters) travels percent-encoded in `X-Lookup-Reason` (headers carry Latin-1 only) and is
 * written to the audit log. Refusals arrive as ApiError: 401 `login-required`, 403 `forbidden`,
 * 400 `reason-required`.
 */
export async function fetchPassRoute(
  apiBase: string,
  passId: string,
  options: { reason?: string; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<PassRoute | null> {
  if (!isPassId(passId)) throw new RangeError('fetchPassRoute: malformed pass id');
  const reason = options.reason?.trim();
  if (reason !== undefined && lookupReasonProblem(reason)) throw new RangeError('fetchPassRoute: the lookup reason must be 3–300 characters without control characters');
  let text: string;
  let status: number;
  try {
    ({ text, status } = await requestText(apiUrl(apiBase, `passes/${passId}/route`), {
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      ...(reason !== undefined && { headers: { 'X-Lookup-Reason': encodeURIComponent(reason) } }),
      maxBytes: MAX_RESPONSE_BYTES,
      idempotent: true,
    }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
  return parsePassRoute(parseJsonText(text, status));
}

export function parsePassRoute(body: unknown): PassRoute {
  const o = object(body, 'route');
  const passId = string(o.passId, 'passId');
  if (!isPassId(passId)) throw new ApiError('bad-response', 'passId is malformed.', { retryable: false });
  return {
    passId,
    known: o.known === true,
    validFrom: nullableIsoTime(o.validFrom, 'validFrom'),
    validUntil: nullableIsoTime(o.validUntil, 'validUntil'),
    originUnit: nullableString(o.originUnit, 'originUnit', PASSAGE_FORMATS.unitCode),
    destinationUnit: nullableString(o.destinationUnit, 'destinationUnit', PASSAGE_FORMATS.unitCode),
    person: person(o.person, 'person'),
    passages: array(o.passages, 'passages', MAX_ROUTE_PASSAGES).map((p, i) => parseRoutePassage(p, `passages[${i}]`)),
  };
}

export function parseRoutePassage(value: unknown, what: string): RoutePassage {
  const o = object(value, what);
  return {
    id: string(o.id, `${what}.id`, PASSAGE_FORMATS.id),
    at: isoTime(o.at, `${what}.at`),
    receivedAt: isoTime(o.receivedAt, `${what}.receivedAt`),
    checkpointId: string(o.checkpointId, `${what}.checkpointId`, PASSAGE_FORMATS.checkpointId),
    direction: oneOf(o.direction, PASSAGE_DIRECTIONS, `${what}.direction`),
    decision: oneOf(o.decision, DECISIONS, `${what}.decision`),
    verdictStatus: string(o.verdictStatus, `${what}.verdictStatus`, PASSAGE_FORMATS.verdictStatus),
    officerId: string(o.officerId, `${what}.officerId`, PASSAGE_FORMATS.officerId),
    deviceId: string(o.deviceId, `${what}.deviceId`, PASSAGE_FORMATS.deviceId),
    originUnit: string(o.originUnit, `${what}.originUnit`, PASSAGE_FORMATS.unitCode),
    destinationUnit: string(o.destinationUnit, `${what}.destinationUnit`, PASSAGE_FORMATS.unitCode),
    clockSkewMs: integerOrNull(o.clockSkewMs, `${what}.clockSkewMs`),
  };
}
