// POST {apiBase}/declarations — submit a movement declaration, receive the signed pass.

import type { Declaration } from '../core/declaration';
import { MAX_QR_TEXT_CHARS } from '../core/qr-text';
import { ApiError, apiUrl, requestJson } from './http';

/** The pass the portal issued for a declaration. */
export interface IssuedPass {
  /** The pass as QR text (`CK1:…`). */
  qrText: string;
  passId: string;
}

export interface SubmitOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Generous cap: a pass is at most MAX_QR_TEXT_CHARS plus a short envelope. */
const MAX_RESPONSE_BYTES = 16 * 1024;
const PASS_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Sends a validated declaration. `idempotencyKey` is created once per submission by the caller
 * and sent unchanged on every retry (header `Idempotency-Key`), so the server issues at most one
 * pass however often the request is repeated; every transport failure is therefore `retryable`.
 *
 * Answers: 201 (or 200 for a replay of a completed key) `{ pass, passId }` → IssuedPass;
 * 400/422 `{ errors: [{ field, code }] }` → ApiError 'validation' with `fieldErrors`;
 * 409 (key still in flight), 429, 5xx, network, timeout → ApiError with `retryable: true`.
 */
export async function submitDeclaration(
  apiBase: string,
  declaration: Declaration,
  idempotencyKey: string,
  options: SubmitOptions = {},
): Promise<IssuedPass> {
  const response = await requestJson(apiUrl(apiBase, 'declarations'), {
    method: 'POST',
    body: declaration,
    headers: { 'Idempotency-Key': idempotencyKey },
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    maxBytes: MAX_RESPONSE_BYTES,
    idempotent: true,
  });
  if (response.status !== 201 && response.status !== 200) {
    throw new ApiError('bad-response', `Unexpected status ${response.status} for a declaration.`, {
      status: response.status,
      retryable: false,
    });
  }
  return parseIssuedPass(response.body);
}

/** Shape check of the 201 body; the pass itself is checked by verifyPass where it is shown. */
export function parseIssuedPass(body: unknown): IssuedPass {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined;
  const pass = record?.pass;
  const passId = record?.passId;
  if (typeof pass !== 'string' || pass.length === 0 || pass.length > MAX_QR_TEXT_CHARS) {
    throw new ApiError('bad-response', 'The response has no usable "pass".', { retryable: false });
  }
  if (typeof passId !== 'string' || !PASS_ID.test(passId)) {
    throw new ApiError('bad-response', 'The response has no usable "passId".', { retryable: false });
  }
  return { qrText: pass, passId };
}
