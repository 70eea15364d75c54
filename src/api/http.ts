// The one place that calls fetch. Every response is read under a size cap (while streaming) and
// handed to a resource module that checks its shape; every failure becomes an ApiError with a
// code and an explicit statement of whether sending the same request again is safe.
// `requestText` is the core: byte-exact bodies (a signed passage batch), answers that are not
// JSON (the trust bundle, a JWS), `304 Not Modified`. `requestJson` is the plain JSON form.
import type { ApiErrorItem } from './contract';

/** Machine codes of API failures. */
export type ApiErrorCode =
  /** The request never got an answer: offline, DNS, connection reset, CORS. */
  | 'network'
  /** No answer within the time limit (client timeout, or HTTP 408). */
  | 'timeout'
  /** The caller aborted the request. */
  | 'aborted'
  /** 400/422 with field errors: fix the input, do not resend as is. */
  | 'validation'
  /** 409: the server is still working on the same idempotency key, or holds a conflicting one. */
  | 'conflict'
  /** 429: too many requests; wait `retryAfterMs` if given. */
  | 'rate-limited'
  /** 5xx. */
  | 'server'
  /** Any other 4xx: the request itself is wrong. */
  | 'client'
  /** The body is larger than the cap for this resource. */
  | 'too-large'
  /** The body is not JSON, or not of the documented shape. */
  | 'bad-response';

/** A field error as the server reports it (`{ errors: [{ field, code, message? }] }`). */
export interface ApiFieldError {
  field: string;
  code: string;
  message?: string;
}

export interface ApiErrorInit {
  status?: number;
  retryable: boolean;
  retryAfterMs?: number;
  fieldErrors?: ApiFieldError[];
  /** The server's `{ errors: [...] }` items (field optional), when it sent any. */
  serverErrors?: ApiErrorItem[];
  cause?: unknown;
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  /** HTTP status when the server answered. */
  readonly status: number | undefined;
  /**
   * True when sending the same request again cannot cause harm (idempotent request or one that
   * carries an idempotency key) and may succeed later.
   */
  readonly retryable: boolean;
  /** The server's `Retry-After`, in milliseconds, when it sent one. */
  readonly retryAfterMs: number | undefined;
  readonly fieldErrors: ApiFieldError[] | undefined;
  /** The server's `{ errors: [...] }` items; empty when it sent none (or did not answer). */
  readonly serverErrors: ApiErrorItem[];

  constructor(code: ApiErrorCode, message: string, init: ApiErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ApiError';
    this.code = code;
    this.status = init.status;
    this.retryable = init.retryable;
    this.retryAfterMs = init.retryAfterMs;
    this.fieldErrors = init.fieldErrors;
    this.serverErrors = init.serverErrors ?? [];
  }

  /** The first server error code (e.g. `unknown-device`), if the server sent one. */
  get serverCode(): string | undefined {
    return this.serverErrors[0]?.code;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Joins an API base (with or without trailing slash, absolute or page-relative) and a path. */
export function apiUrl(apiBase: string, path: string): string {
  const base = apiBase.endsWith('/') ? apiBase : `${apiBase}/`;
  const relative = path.replace(/^\/+/, '');
  const origin = typeof location === 'object' ? location.href : undefined;
  return new URL(relative, new URL(base, origin)).href;
}

export interface TextRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as is (no re-serialisation), so a signature over it stays valid. */
  body?: string | Uint8Array<ArrayBuffer>;
  /** Content-Type of `body`; default application/json. */
  contentType?: string;
  /** Default application/json. */
  accept?: string;
  signal?: AbortSignal;
  /** Client-side time limit; default 30 s. */
  timeoutMs?: number;
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** The request may be repeated safely (GET, or a POST carrying an idempotency key). */
  idempotent: boolean;
  /** Treat 304 as an answer rather than an error (conditional GET). */
  allowNotModified?: boolean;
  /**
   * How 409 and 413 read. 'contract' (default; the kiosk and ward endpoints): 409 = the key or id
   * is taken by something else, do not resend; 413 = 'too-large'. 'in-flight' (declarations and
   * plain JSON files): 409 = the same idempotency key is still being processed, resend later
   * (retryable when idempotent); 413 = 'client'.
   */
  conflict?: 'contract' | 'in-flight';
}

export interface TextResponse {
  status: number;
  headers: Headers;
  /** The body as UTF-8 text; '' for an empty body or a 304. */
  text: string;
}

export interface JsonRequest {
  method?: 'GET' | 'POST';
  /** Serialised with JSON.stringify; sets Content-Type. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Client-side time limit; default 20 s. */
  timeoutMs?: number;
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** The request may be repeated safely (GET, or a POST carrying an idempotency key). */
  idempotent: boolean;
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON; undefined for an empty body. */
  body: unknown;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_JSON_TIMEOUT_MS = 20_000;
const MAX_FIELD_ERRORS = 100;
const MAX_SERVER_ERRORS = 50;

/**
 * Sends one request and returns the text of a 2xx answer (or of a 304 when allowed). Non-2xx
 * answers, transport failures, oversize or non-UTF-8 bodies throw ApiError; nothing else escapes.
 */
export async function requestText(url: string, request: TextRequest): Promise<TextResponse> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), request.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
  const headers: Record<string, string> = { Accept: request.accept ?? 'application/json', ...request.headers };
  if (request.body !== undefined) headers['Content-Type'] = request.contentType ?? 'application/json';
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        method: request.method ?? 'GET',
        headers,
        body: request.body,
        signal,
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (error) {
      throw transportError(error, request, timeout.signal);
    }
    let text: string;
    try {
      text = await readCapped(response, request.maxBytes);
    } catch (error) {
      if (error instanceof ApiError) {
        // An oversize or garbled error page still says what kind of failure it was.
        if (!response.ok) throw statusError(response, '', request);
        throw error;
      }
      throw transportError(error, request, timeout.signal);
    }
    if (response.status === 304 && request.allowNotModified) return { status: 304, headers: response.headers, text: '' };
    if (!response.ok) throw statusError(response, text, request);
    return { status: response.status, headers: response.headers, text };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends one request (body as JSON) and returns the parsed JSON of a 2xx answer. Non-2xx answers,
 * transport failures, oversize or non-JSON bodies throw ApiError; nothing else escapes.
 */
export async function requestJson(url: string, request: JsonRequest): Promise<JsonResponse> {
  const { body, timeoutMs, ...rest } = request;
  const response = await requestText(url, {
    ...rest,
    ...(body !== undefined && { body: JSON.stringify(body) }),
    timeoutMs: timeoutMs ?? DEFAULT_JSON_TIMEOUT_MS,
    conflict: 'in-flight',
  });
  return {
    status: response.status,
    headers: response.headers,
    body: response.text === '' ? undefined : parseJsonText(response.text, response.status),
  };
}

/** Parses a JSON answer body; throws ApiError 'bad-response'. */
export function parseJsonText(text: string, status?: number): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ApiError('bad-response', 'The response is not valid JSON.', { status, retryable: false, cause });
  }
}

export function badResponse(message: string): ApiError {
  return new ApiError('bad-response', message, { retryable: false });
}

function transportError(error: unknown, request: TextRequest, timeoutSignal: AbortSignal): ApiError {
  if (request.signal?.aborted) {
    return new ApiError('aborted', 'The request was cancelled.', { retryable: request.idempotent, cause: error });
  }
  if (timeoutSignal.aborted) {
    return new ApiError('timeout', 'The server did not answer in time.', { retryable: request.idempotent, cause: error });
  }
  return new ApiError('network', 'The server could not be reached.', { retryable: request.idempotent, cause: error });
}

/**
 * Cancels without waiting: some stream sources (msw's mocked bodies in Node) never settle the
 * cancel promise, and the caller has nothing to wait for anyway.
 */
function cancelQuietly(stream: { cancel(): Promise<void> } | null): void {
  void stream?.cancel().catch(() => undefined);
}

function tooLarge(response: Response, maxBytes: number): ApiError {
  return new ApiError('too-large', `The response is larger than ${maxBytes} bytes.`, { status: response.status, retryable: false });
}

/** Reads the body as UTF-8 text, refusing more than `maxBytes` (checked while streaming). */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('Content-Length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    cancelQuietly(response.body);
    throw tooLarge(response, maxBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      cancelQuietly(reader);
      throw tooLarge(response, maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new ApiError('bad-response', 'The response is not valid UTF-8.', { status: response.status, retryable: false, cause });
  }
}

/** `Retry-After` as milliseconds (delta-seconds or an HTTP date), capped at one hour. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), 3_600_000) : undefined;
}

/** Field errors from a `{ errors: [{ field, code, message? }] }` body; undefined if not that shape. */
export function parseFieldErrors(body: unknown): ApiFieldError[] | undefined {
  if (typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors)) return undefined;
  const errors: ApiFieldError[] = [];
  for (const item of body.errors.slice(0, MAX_FIELD_ERRORS)) {
    if (typeof item !== 'object' || item === null) return undefined;
    const { field, code, message } = item as Record<string, unknown>;
    if (typeof field !== 'string' || field.length > 200 || typeof code !== 'string' || code.length > 100) return undefined;
    errors.push({ field, code, ...(typeof message === 'string' && { message: message.slice(0, 500) }) });
  }
  return errors.length > 0 ? errors : undefined;
}

/** `{ errors: [{ field?, code, message }] }` items, leniently (bad items are skipped). */
export function parseServerErrors(body: unknown): ApiErrorItem[] {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { errors?: unknown }).errors)) return [];
  const items: ApiErrorItem[] = [];
  for (const item of (body as { errors: unknown[] }).errors.slice(0, MAX_SERVER_ERRORS)) {
    if (typeof item !== 'object' || item === null) continue;
    const { field, code, message } = item as Record<string, unknown>;
    if (typeof code !== 'string' || code.length > 100) continue;
    items.push({
      code,
      message: typeof message === 'string' ? message.slice(0, 500) : '',
      ...(typeof field === 'string' && field.length <= 200 && { field }),
    });
  }
  return items;
}

function statusError(response: Response, text: string, request: TextRequest): ApiError {
  const status = response.status;
  const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const serverErrors = parseServerErrors(body);
  const detail = serverErrors[0] ? `: ${serverErrors[0].code}` : '';
  const init = { status, retryAfterMs, serverErrors };
  const inFlight = request.conflict === 'in-flight';
  if (status === 400 || status === 422) {
    const fieldErrors = parseFieldErrors(body);
    if (fieldErrors) return new ApiError('validation', `The server refused the request (${status}${detail}).`, { ...init, retryable: false, fieldErrors });
  }
  if (status === 408) return new ApiError('timeout', 'The server timed out.', { ...init, retryable: request.idempotent });
  if (status === 409 && inFlight) return new ApiError('conflict', 'The server is still processing this request.', { ...init, retryable: request.idempotent });
  if (status === 409) return new ApiError('conflict', `The server reports a conflict (${status}${detail}).`, { ...init, retryable: false });
  if (status === 413 && !inFlight) return new ApiError('too-large', 'The request is too large for the server.', { ...init, retryable: false });
  if (status === 429) return new ApiError('rate-limited', 'Too many requests.', { ...init, retryable: true });
  if (status >= 500) return new ApiError('server', `The server failed (${status}${detail}).`, { ...init, retryable: request.idempotent });
  return new ApiError('client', `The server refused the request (${status}${detail}).`, { ...init, retryable: false });
}
