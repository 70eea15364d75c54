// POST {apiBase}/declaration-groups — a family in one car: one submission, one pass each.

import type { DeclarationGroup } from '../core/declaration-group';
import { GROUP_SIZE } from '../core/declaration-group';
import { parseIssuedPass, type IssuedPass, type SubmitOptions } from './declarations';
import { ApiError, apiUrl, requestJson } from './http';

/** One pass per member, each at most a QR text plus a short envelope. */
const MAX_RESPONSE_BYTES = GROUP_SIZE.max * 16 * 1024;

/**
 * Sends a group declaration with one idempotency key for the whole group: the server issues
 * every member's pass in one transaction, at most once however often the request is repeated.
 * Answers: 201 (200 on replay) `{ passes: [{ pass, passId, … }] }` in member order → IssuedPass[];
 * 400 `{ errors: [{ field: 'journey.…' | 'members.<i>.…', code }] }` → ApiError 'validation';
 * 409/429/5xx/network → retryable ApiError, as for a single declaration.
 */
export async function submitDeclarationGroup(
  apiBase: string,
  group: DeclarationGroup,
  idempotencyKey: string,
  options: SubmitOptions = {},
): Promise<IssuedPass[]> {
  const response = await requestJson(apiUrl(apiBase, 'declaration-groups'), {
    method: 'POST',
    body: group,
    headers: { 'Idempotency-Key': idempotencyKey },
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    maxBytes: MAX_RESPONSE_BYTES,
    idempotent: true,
  });
  if (response.status !== 201 && response.status !== 200) {
    throw new ApiError('bad-response', `Unexpected status ${response.status} for a group declaration.`, {
      status: response.status,
      retryable: false,
    });
  }
  return parseIssuedPasses(response.body, group.members.length);
}

/** Shape check of the 201 body: exactly one pass per member, in order. */
export function parseIssuedPasses(body: unknown, members: number): IssuedPass[] {
  const passes = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).passes : undefined;
  if (!Array.isArray(passes) || passes.length !== members) {
    throw new ApiError('bad-response', `The response does not carry ${members} passes.`, { retryable: false });
  }
  return passes.map((p) => parseIssuedPass(p));
}
