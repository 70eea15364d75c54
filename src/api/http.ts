// The one place that calls fetch. Every response is read under a size cap, parsed as JSON and
// handed to a resource module that checks its shape; every failure becomes an ApiError with a
// code and an explicit statement of whether sending the same request again is safe.

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

  constructor(code: ApiErrorCode, message: string, init: ApiErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ApiError';
    this.code = code;
    this.status = init.status;
    this.retryable = init.retryable;
    this.retryAfterMs = init.retryAfterMs;
    this.fieldErrors = init.fieldErrors;
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

const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * Sends one request and returns the parsed JSON of a 2xx answer. Non-2xx answers, transport
 * failures, oversize or non-JSON bodies throw ApiError; nothing else escapes.
 */
export async function requestJson(url: string, request: JsonRequest): Promise<JsonResponse> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), request.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        method: request.method ?? 'GET',
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (error) {
      throw transportError(error, request, timeout.signal);
    }
    let body: unknown;
    try {
      body = await readJson(response, request.maxBytes);
    } catch (error) {
      if (error instanceof ApiError) {
        // An oversize or garbled error page still says what kind of failure it was.
        if (!response.ok) throw statusError(response, undefined, request.idempotent);
        throw error;
      }
      throw transportError(error, request, timeout.signal);
    }
    if (!response.ok) throw statusError(response, body, request.idempotent);
    return { status: response.status, headers: response.headers, body };
  } finally {
    clearTimeout(timer);
  }
}

function transportError(error: unknown, request: JsonRequest, timeoutSignal: AbortSignal): ApiError {
  if (request.signal?.aborted) {
    return new ApiError('aborted', 'The request was cancelled.', { retryable: request.idempotent, cause: error });
  }
  if (timeoutSignal.aborted) {
    return new ApiError('timeout', 'The server did not answer in time.', { retryable: request.idempotent, cause: error });
  }
  return new ApiError('network', 'The server could not be reached.', { retryable: request.idempotent, cause: error });
}

/** Reads the body as UTF-8 JSON, refusing more than `maxBytes` (checked while streaming). */
async function readJson(response: Response, maxBytes: number): Promise<unknown> {
  const declared = Number(response.headers.get('Content-Length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    // Not awaited: some stream sources (msw in Node) never settle a cancel.
    void response.body?.cancel().catch(() => undefined);
    throw new ApiError('too-large', `The response is larger than ${maxBytes} bytes.`, { status: response.status, retryable: false });
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        void reader.cancel().catch(() => undefined);
        throw new ApiError('too-large', `The response is larger than ${maxBytes} bytes.`, { status: response.status, retryable: false });
      }
      chunks.push(value);
    }
  }
  if (total === 0) return undefined;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw new ApiError('bad-response', 'The response is not valid JSON.', { status: response.status, retryable: false, cause });
  }
}

/** `Retry-After` as milliseconds (delta-seconds or an HTTP date), capped at one hour. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), 3_600_000) : undefined;
}

const MAX_FIELD_ERRORS = 100;

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

function statusError(response: Response, body: unknown, idempotent: boolean): ApiError {
  const status = response.status;
  const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
  if (status === 400 || status === 422) {
    const fieldErrors = parseFieldErrors(body);
    if (fieldErrors) return new ApiError('validation', 'The server rejected some fields.', { status, retryable: false, fieldErrors });
    return new ApiError('client', `The server refused the request (${status}).`, { status, retryable: false });
  }
  if (status === 408) return new ApiError('timeout', 'The server timed out.', { status, retryable: idempotent, retryAfterMs });
  if (status === 409) return new ApiError('conflict', 'The server is still processing this request.', { status, retryable: idempotent, retryAfterMs });
  if (status === 429) return new ApiError('rate-limited', 'Too many requests.', { status, retryable: true, retryAfterMs });
  if (status >= 500) return new ApiError('server', `The server failed (${status}).`, { status, retryable: idempotent, retryAfterMs });
  return new ApiError('client', `The server refused the request (${status}).`, { status, retryable: false });
}
