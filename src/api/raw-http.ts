// Requests whose body must be sent byte-exact (a signed passage batch), whose answer is not JSON
// (the trust bundle, a JWS) or may be `304 Not Modified`. `http.ts` covers plain JSON requests;
// this module reuses its error type and adds what these need. Still the only other place that
// calls fetch, and still: size cap while streaming, coded ApiError out.
import type { ApiErrorItem } from './contract';
import { ApiError, parseFieldErrors, parseRetryAfter, type ApiErrorCode } from './http';

/** An ApiError that also carries the server's `{ errors: [...] }` items (field optional). */
export class ContractError extends ApiError {
  readonly serverErrors: ApiErrorItem[];

  constructor(code: ApiErrorCode, message: string, init: ConstructorParameters<typeof ApiError>[2] & { serverErrors?: ApiErrorItem[] }) {
    super(code, message, init);
    this.name = 'ContractError';
    this.serverErrors = init.serverErrors ?? [];
  }

  /** The first server error code (e.g. `unknown-device`), if the server sent one. */
  get serverCode(): string | undefined {
    return this.serverErrors[0]?.code;
  }
}

export interface RawRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as is (no re-serialisation), so a signature over it stays valid. */
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  maxBytes: number;
  /** Repeating the request is harmless (GET, or a POST with an idempotency key). */
  idempotent: boolean;
  /** Treat 304 as an answer rather than an error (conditional GET). */
  allowNotModified?: boolean;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_SERVER_ERRORS = 50;

export async function requestText(url: string, request: RawRequest): Promise<RawResponse> {
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
        if (!response.ok) throw statusError(response, '', request.idempotent);
        throw error;
      }
      throw transportError(error, request, timeout.signal);
    }
    if (response.status === 304 && request.allowNotModified) return { status: 304, headers: response.headers, text: '' };
    if (!response.ok) throw statusError(response, text, request.idempotent);
    return { status: response.status, headers: response.headers, text };
  } finally {
    clearTimeout(timer);
  }
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

function transportError(error: unknown, request: RawRequest, timeoutSignal: AbortSignal): ApiError {
  if (request.signal?.aborted) return new ApiError('aborted', 'The request was cancelled.', { retryable: request.idempotent, cause: error });
  if (timeoutSignal.aborted) return new ApiError('timeout', 'The server did not answer in time.', { retryable: request.idempotent, cause: error });
  return new ApiError('network', 'The server could not be reached.', { retryable: request.idempotent, cause: error });
}

/**
 * Cancels without waiting: some stream sources (msw's mocked bodies in Node) never settle the
 * cancel promise, and the caller has nothing to wait for anyway.
 */
function cancelQuietly(stream: { cancel(): Promise<void> } | null): void {
  stream?.cancel().catch(() => undefined);
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('Content-Length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    cancelQuietly(response.body);
    throw new ApiError('too-large', `The response is larger than ${maxBytes} bytes.`, { status: response.status, retryable: false });
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
      throw new ApiError('too-large', `The response is larger than ${maxBytes} bytes.`, { status: response.status, retryable: false });
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

function statusError(response: Response, text: string, idempotent: boolean): ContractError {
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
  if (status === 400 || status === 422) {
    const fieldErrors = parseFieldErrors(body);
    return new ContractError(fieldErrors ? 'validation' : 'client', `The server refused the request (${status}${detail}).`, {
      ...init, retryable: false, ...(fieldErrors && { fieldErrors }),
    });
  }
  if (status === 408) return new ContractError('timeout', 'The server timed out.', { ...init, retryable: idempotent });
  if (status === 409) return new ContractError('conflict', `The server reports a conflict (${status}${detail}).`, { ...init, retryable: false });
  if (status === 413) return new ContractError('too-large', 'The request is too large for the server.', { ...init, retryable: false });
  if (status === 429) return new ContractError('rate-limited', 'Too many requests.', { ...init, retryable: true });
  if (status >= 500) return new ContractError('server', `The server failed (${status}${detail}).`, { ...init, retryable: idempotent });
  return new ContractError('client', `The server refused the request (${status}${detail}).`, { ...init, retryable: false });
}
