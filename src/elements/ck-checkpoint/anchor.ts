// The trust anchor (the authority's public key set) read from a JSON URL: fetched through the
// API client, then every key checked as a public ES256 JWK (a private part is refused).
import { requestJson } from '../../api/http';
import { parsePublicEcJwk, type PublicJwks } from '../../core/trust-bundle';

const MAX_ANCHOR_BYTES = 64 * 1024;
const MAX_ANCHOR_KEYS = 32;

/** Throws on a network failure or on anything that is not a JWKS of public EC P-256 keys. */
export function parseAnchorJwks(body: unknown): PublicJwks {
  const keys = typeof body === 'object' && body !== null ? (body as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > MAX_ANCHOR_KEYS) {
    throw new TypeError(`trust anchor must be a JWKS with 1 to ${MAX_ANCHOR_KEYS} keys`);
  }
  return { keys: keys.map((k, i) => parsePublicEcJwk(k, `anchor.keys[${i}]`)) };
}

export async function fetchAnchorJwks(url: string, signal?: AbortSignal): Promise<PublicJwks> {
  const response = await requestJson(url, { signal, maxBytes: MAX_ANCHOR_BYTES, idempotent: true });
  return parseAnchorJwks(response.body);
}
