// GET {apiBase}/.well-known/jwks.json — the issuer's public keys (JWKS), for self-checks.

import { ApiError, apiUrl, requestJson } from './http';

export interface Jwks {
  keys: JsonWebKey[];
}

const MAX_JWKS_BYTES = 64 * 1024;
const MAX_KEYS = 50;

/** Fetches the JWKS at `{apiBase}/.well-known/jwks.json`. */
export function fetchIssuerKeys(apiBase: string, options: { signal?: AbortSignal } = {}): Promise<Jwks> {
  return fetchJwks(apiUrl(apiBase, '.well-known/jwks.json'), options);
}

/** Fetches a JWKS from any URL and checks its shape (the trust store vets each key later). */
export async function fetchJwks(url: string, options: { signal?: AbortSignal } = {}): Promise<Jwks> {
  const response = await requestJson(url, { signal: options.signal, maxBytes: MAX_JWKS_BYTES, idempotent: true });
  return parseJwks(response.body);
}

export function parseJwks(body: unknown): Jwks {
  const keys = typeof body === 'object' && body !== null ? (body as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys) || keys.length > MAX_KEYS) {
    throw new ApiError('bad-response', 'The key set has no "keys" array (or too many keys).', { retryable: false });
  }
  for (const key of keys) {
    if (typeof key !== 'object' || key === null || Array.isArray(key) || typeof (key as { kty?: unknown }).kty !== 'string') {
      throw new ApiError('bad-response', 'The key set holds an entry that is not a JWK.', { retryable: false });
    }
  }
  return { keys: keys as JsonWebKey[] };
}
