// POST {apiBase}/passages — one signed batch of outbox records.
import { canonicalPassageJson, PASSAGE_FORMATS } from '../core/passage-record';
import { canonicalJson } from '../core/passage-record';
import type { ChainAlarm, HeldRecord, PassageBatch, PassageBatchResult, PassageRejection, SeqRange } from './contract';
import { apiUrl, badResponse, parseJsonText, requestText } from './http';
import { array, isoTime, object, string } from './shape';

/** Batches larger than this are refused by the contract (413). */
export const MAX_BATCH_RECORDS = 1000;
const MAX_RESPONSE_BYTES = 2 * 1024 * 1024;

/**
 * The exact body bytes of a batch: canonical JSON (sorted keys, no whitespace), so the same
 * batch always serialises to the same bytes — a resend after a crash carries the same body, the
 * same signature input and therefore replays under its idempotency key.
 */
export function passageBatchBody(batch: PassageBatch): string {
  const alarms = batch.alarms && batch.alarms.length > 0
    ? `"alarms":[${batch.alarms.map((a: ChainAlarm) => canonicalJson({ code: a.code, detectedAt: a.detectedAt, fromSeq: a.fromSeq, toSeq: a.toSeq })).join(',')}],`
    : '';
  return `{${alarms}"batchId":${JSON.stringify(batch.batchId)},"deviceId":${JSON.stringify(batch.deviceId)},`
    + `"records":[${batch.records.map(canonicalPassageJson).join(',')}]}`;
}

/** Signs body bytes with the device key; returns base64url of the raw (r‖s) ES256 signature. */
export type BatchSigner = (body: Uint8Array<ArrayBuffer>) => Promise<string>;

export interface PostedBatch {
  result: PassageBatchResult;
  /** True when the server answered from its idempotency record (an earlier identical request). */
  replayed: boolean;
  /** The server's `Date` header, if any (second precision). */
  serverDate: Date | null;
  /** Device clock (ms) when the request was sent and when the answer arrived. */
  sentAt: number;
  receivedAt: number;
}

export interface PostBatchOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Device clock, injectable for tests. */
  now?: () => number;
}

/**
 * Sends one batch with `Idempotency-Key: batchId`, `X-Device-Id` and `X-Signature` (ES256 over
 * the exact body bytes). Every failure is an ApiError (with `serverErrors` for server answers); a
 * 200 whose lists mention ids not in the batch is refused as 'bad-response'.
 */
export async function postPassageBatch(
  apiBase: string,
  batch: PassageBatch,
  sign: BatchSigner,
  options: PostBatchOptions = {},
): Promise<PostedBatch> {
  const now = options.now ?? Date.now;
  const body = new TextEncoder().encode(passageBatchBody(batch));
  const signature = await sign(body);
  const sentAt = now();
  const response = await requestText(apiUrl(apiBase, 'passages'), {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': batch.batchId, 'X-Device-Id': batch.deviceId, 'X-Signature': signature },
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    maxBytes: MAX_RESPONSE_BYTES,
    idempotent: true,
  });
  const receivedAt = now();
  const result = parseBatchResult(parseJsonText(response.text, response.status), batch.records.map((r) => r.id));
  const dateHeader = response.headers.get('Date');
  const date = dateHeader ? new Date(dateHeader) : null;
  return {
    result,
    replayed: response.headers.get('Idempotent-Replayed') === 'true',
    serverDate: date && Number.isFinite(date.getTime()) ? date : null,
    sentAt,
    receivedAt,
  };
}

/** Shape check of a 200 body against the ids that were sent. */
export function parseBatchResult(body: unknown, sentIds: readonly string[]): PassageBatchResult {
  const o = object(body, 'batch result');
  const sent = new Set(sentIds);
  const seen = new Set<string>();
  const ids = (value: unknown, what: string): string[] =>
    array(value, what, MAX_BATCH_RECORDS).map((v, i) => {
      const id = string(v, `${what}[${i}]`, PASSAGE_FORMATS.id);
      if (!sent.has(id)) throw badResponse(`${what}[${i}] was not in the batch.`);
      if (seen.has(id)) throw badResponse(`${what}[${i}] is listed twice.`);
      seen.add(id);
      return id;
    });
  const accepted = ids(o.accepted, 'accepted');
  const duplicate = ids(o.duplicate, 'duplicate');
  const rejected = array(o.rejected, 'rejected', MAX_BATCH_RECORDS).map((v, i): PassageRejection => {
    const item = object(v, `rejected[${i}]`);
    const [id] = ids([item.id], `rejected[${i}].id`);
    return {
      id: id as string,
      code: string(item.code, `rejected[${i}].code`, /^[a-z0-9-]{1,64}$/),
      // Shortened, not refused: the portal replays the same answer for the same batch, so
      // refusing a long reason would leave the batch unanswerable and the outbox stuck.
      message: string(item.message ?? '', `rejected[${i}].message`, undefined, Number.MAX_SAFE_INTEGER).slice(0, 500),
    };
  });
  // Optional (portals before these fields answer without them).
  const seqOf = (v: unknown, what: string): number => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw badResponse(`${what} must be a positive integer.`);
    return v;
  };
  const missing = o.missing === undefined ? [] : array(o.missing, 'missing', MAX_BATCH_RECORDS).map((v, i): SeqRange => {
    const item = object(v, `missing[${i}]`);
    const from = seqOf(item.from, `missing[${i}].from`);
    const to = seqOf(item.to, `missing[${i}].to`);
    if (to < from) throw badResponse(`missing[${i}] ends before it starts.`);
    return { from, to };
  });
  const heldSeen = new Set<string>();
  const held = o.held === undefined ? [] : array(o.held, 'held', MAX_BATCH_RECORDS).map((v, i): HeldRecord => {
    const item = object(v, `held[${i}]`);
    const id = string(item.id, `held[${i}].id`, PASSAGE_FORMATS.id);
    if (!sent.has(id)) throw badResponse(`held[${i}] was not in the batch.`);
    if (heldSeen.has(id)) throw badResponse(`held[${i}] is listed twice.`);
    heldSeen.add(id);
    return { id, code: string(item.code, `held[${i}].code`, /^[a-z0-9-]{1,64}$/) };
  });
  return { accepted, duplicate, rejected, serverTime: isoTime(o.serverTime, 'serverTime'), missing, held };
}
