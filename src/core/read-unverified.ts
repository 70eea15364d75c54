// Reads what a pass says WITHOUT checking who signed it, for display only (<ck-pass> shows the
// summary beside the QR when no issuer keys are at hand, labelled "not verified"). Steps 1–4 and
// 8 of verifyPass through the same parsers — container, capped inflate, claim schema — and no
// issuer, key, signature, time or revocation check. Never throws. Never use it to admit anyone.

import { encodeBase64Url, decodeBase64Url } from './base64url';
import { parsePassClaims, passFromClaims } from './claims';
import { parseCk2Claims } from './claims-ck2';
import { MAX_CLAIMS_BYTES } from './deflate';
import { inflateRaw } from './inflate';
import { parseStrictJson } from './strict-json';
import { parseQrText, CONTAINER_TAG_COMPACT_ES256 } from './qr-text';
import type { VerifiedPass } from './verdict-types';

export type UnverifiedRead = { ok: true; pass: VerifiedPass } | { ok: false; status: 'malformed' | 'too-large' };

export function readPassUnverified(qrText: string): UnverifiedRead {
  const container = parseQrText(qrText);
  if (typeof container === 'string') return { ok: false, status: container === 'too-large' ? 'too-large' : 'malformed' };
  let kid = '';
  if (container.tag === CONTAINER_TAG_COMPACT_ES256) {
    kid = encodeBase64Url(container.kid);
  } else {
    try {
      const header: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(container.header));
      const value = (header as { kid?: unknown } | null)?.kid;
      if (typeof value === 'string' && decodeBase64Url(value)) kid = value;
    } catch {
      return { ok: false, status: 'malformed' };
    }
  }
  const inflated = inflateRaw(container.payload, MAX_CLAIMS_BYTES);
  if (inflated === 'cap') return { ok: false, status: 'too-large' };
  if (inflated === 'invalid') return { ok: false, status: 'malformed' };
  let claims: unknown;
  try {
    claims = parseStrictJson(new TextDecoder('utf-8', { fatal: true }).decode(inflated), { integersOnly: true });
  } catch {
    return { ok: false, status: 'malformed' };
  }
  if (container.format === 'CK2') {
    const ck2 = parseCk2Claims(claims);
    return ck2 ? { ok: true, pass: passFromClaims(ck2.times, ck2.declaration, kid, 'CK2') } : { ok: false, status: 'malformed' };
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return { ok: false, status: 'malformed' };
  const parsed = parsePassClaims(claims as Record<string, unknown>);
  if (!parsed) return { ok: false, status: 'malformed' };
  return { ok: true, pass: passFromClaims(parsed.claims, parsed.declaration, kid) };
}
