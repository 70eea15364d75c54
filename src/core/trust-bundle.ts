// The trust bundle: issuer keys, the revocation list, the risk areas and (optionally) the
// checkpoint decision rules, as one JWS (ES256)
// signed by the authority's trust-anchor key. The kiosk is configured with the anchor's public
// key out of band and refuses any bundle that is unsigned, signed by another key, malformed,
// oversized, or older than the one it holds (a replayed bundle could un-revoke a pass).
//
// This is the one place that parses a trust bundle; readTrustBundle never throws.
import { CompactSign, compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { isPassId } from './claims';
import { parseDecisionRules, type DecisionRule, type DecisionRulesErrorCode } from './recommendation';
import type { TrustStoreInit } from './trust-store';

export const TRUST_BUNDLE_TYP = 'ck-trust-bundle+jws';
export const TRUST_BUNDLE_MAX_BYTES = 4 * 1024 * 1024;

export type RiskLevel = 'high' | 'medium' | 'low';

export interface RiskArea {
  /** Administrative unit code: a province (2 digits) or a ward/commune (5 digits). */
  readonly unitCode: string;
  readonly level?: RiskLevel;
  /** ISO date (YYYY-MM-DD) or date-time since which the area is listed. */
  readonly since: string;
  readonly note?: string;
}

/** A public ES256 key as carried in a bundle or a JWKS. */
export interface PublicEcJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
  readonly kid?: string;
  readonly alg?: 'ES256';
  readonly use?: 'sig';
}

export interface PublicJwks {
  readonly keys: readonly PublicEcJwk[];
}

export interface BundleIssuer {
  readonly iss: string;
  readonly jwks: PublicJwks;
}

/** What the authority signs. */
export interface TrustBundleContent {
  readonly issuers: readonly BundleIssuer[];
  readonly revokedPassIds: readonly string[];
  readonly riskAreas: readonly RiskArea[];
  /** ISO 8601 time the authority produced this content: a kiosk counts the trust age from it. */
  readonly issuedAt: string;
  /** ISO 8601 time after which the content is out of date (stale), whatever the kiosk's max age. */
  readonly expiresAt: string;
  /** Strictly increasing with each new bundle from the authority. */
  readonly sequence: number;
  /**
   * How the kiosk turns a scan into a recommended action (see recommendation.ts). Absent: the
   * kit's DEFAULT_DECISION_RULES. Present: these rules replace the defaults entirely (the kit's
   * floors still apply). A rule kind the kiosk does not know makes the whole bundle invalid.
   */
  readonly decisionRules?: readonly DecisionRule[];
}

/** What createTrustBundle takes: issuedAt defaults to now, expiresAt to issuedAt + 48 h. */
export type TrustBundleInput = Omit<TrustBundleContent, 'issuedAt' | 'expiresAt'> & {
  readonly issuedAt?: string;
  readonly expiresAt?: string;
};

/** Default lifetime of a bundle (expiresAt − issuedAt): the kiosk's default maximum age. */
export const DEFAULT_BUNDLE_LIFETIME_SECONDS = 48 * 3600;
/** Longest lifetime a bundle may declare. */
export const MAX_BUNDLE_LIFETIME_SECONDS = 30 * 86_400;
/** How far ahead of the kiosk's trusted clock a bundle's issuedAt may be (authority clock error). */
export const DEFAULT_BUNDLE_FUTURE_TOLERANCE_SECONDS = 300;

export type TrustBundle = TrustBundleContent;

export type TrustBundleErrorCode =
  | 'too-large' | 'malformed' | 'unsigned' | 'unsupported-alg' | 'wrong-type' | 'unknown-key'
  | 'bad-anchor' | 'bad-signature' | 'invalid-content' | 'replayed' | 'future-dated';

export type TrustBundleResult =
  | { ok: true; bundle: TrustBundle; kid: string | undefined }
  | { ok: false; code: TrustBundleErrorCode; message: string; detail?: DecisionRulesErrorCode };

/** What a kiosk remembers of the bundle it holds, to refuse an older one. */
export interface HeldBundle {
  readonly sequence: number;
  readonly issuedAt: string;
}

export interface ReadTrustBundleOptions {
  readonly previous?: HeldBundle | null;
  readonly maxBytes?: number;
  /**
   * The instant (ms) to judge issuedAt against — the kiosk's trusted clock; default the device
   * clock. `null` skips the check (re-reading a bundle already accepted, from the cache).
   */
  readonly now?: number | null;
  /** A bundle issued more than this far ahead of `now` is refused ('future-dated'); default 300 s. */
  readonly futureToleranceSeconds?: number;
}

const B64URL = /^[A-Za-z0-9_-]*$/;
const B64URL_COORD = /^[A-Za-z0-9_-]{43}$/;
/** A province (2 digits) or a ward/commune (5 digits). */
const UNIT_CODE = /^(\d{2}|\d{5})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const LIMITS = { issuers: 64, keysPerIssuer: 32, revoked: 500_000, riskAreas: 50_000, issLength: 512, note: 500, kid: 128 };

class ContentError extends Error {
  constructor(message: string, readonly detail?: DecisionRulesErrorCode) {
    super(message);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTime(value: unknown, dateOnlyAllowed: boolean): value is string {
  if (typeof value !== 'string') return false;
  if (!(ISO_DATETIME.test(value) || (dateOnlyAllowed && ISO_DATE.test(value)))) return false;
  return Number.isFinite(Date.parse(value));
}

/** Validates one public EC P-256 key; a private part (`d`) or any other key type is refused. */
export function parsePublicEcJwk(value: unknown, where: string): PublicEcJwk {
  if (!isRecord(value)) throw new ContentError(`${where}: key must be an object`);
  if ('d' in value) throw new ContentError(`${where}: key carries a private part`);
  if (value.kty !== 'EC' || value.crv !== 'P-256') throw new ContentError(`${where}: key must be EC P-256`);
  if (typeof value.x !== 'string' || !B64URL_COORD.test(value.x) || typeof value.y !== 'string' || !B64URL_COORD.test(value.y)) {
    throw new ContentError(`${where}: key coordinates are malformed`);
  }
  if (value.alg !== undefined && value.alg !== 'ES256') throw new ContentError(`${where}: key alg must be ES256`);
  if (value.use !== undefined && value.use !== 'sig') throw new ContentError(`${where}: key use must be sig`);
  if (value.kid !== undefined && (typeof value.kid !== 'string' || value.kid.length === 0 || value.kid.length > LIMITS.kid)) {
    throw new ContentError(`${where}: key kid is malformed`);
  }
  const key: PublicEcJwk = { kty: 'EC', crv: 'P-256', x: value.x, y: value.y };
  return {
    ...key,
    ...(typeof value.kid === 'string' ? { kid: value.kid } : {}),
    ...(value.alg === 'ES256' ? { alg: 'ES256' as const } : {}),
    ...(value.use === 'sig' ? { use: 'sig' as const } : {}),
  };
}

function parseJwks(value: unknown, where: string, maxKeys: number): PublicJwks {
  if (!isRecord(value) || !Array.isArray(value.keys)) throw new ContentError(`${where}: jwks.keys must be an array`);
  if (value.keys.length === 0 || value.keys.length > maxKeys) throw new ContentError(`${where}: 1 to ${maxKeys} keys expected`);
  return { keys: value.keys.map((k, i) => parsePublicEcJwk(k, `${where}.keys[${i}]`)) };
}

/** Validates bundle content (after the signature check, or before signing). Throws ContentError. */
function parseContent(value: unknown): TrustBundleContent {
  if (!isRecord(value)) throw new ContentError('payload must be a JSON object');
  const { sequence, issuedAt, expiresAt, issuers, revokedPassIds, riskAreas, decisionRules } = value;
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 1) {
    throw new ContentError('sequence must be a positive integer');
  }
  if (!isTime(issuedAt, false)) throw new ContentError('issuedAt must be an ISO 8601 date-time');
  if (!isTime(expiresAt, false)) throw new ContentError('expiresAt must be an ISO 8601 date-time');
  const lifetime = (Date.parse(expiresAt) - Date.parse(issuedAt)) / 1000;
  if (!(lifetime > 0 && lifetime <= MAX_BUNDLE_LIFETIME_SECONDS)) {
    throw new ContentError(`expiresAt must be after issuedAt, by at most ${MAX_BUNDLE_LIFETIME_SECONDS} s`);
  }
  if (!Array.isArray(issuers) || issuers.length > LIMITS.issuers) throw new ContentError(`issuers must be an array of at most ${LIMITS.issuers}`);
  const seenIss = new Set<string>();
  const parsedIssuers = issuers.map((issuer, i): BundleIssuer => {
    if (!isRecord(issuer) || typeof issuer.iss !== 'string' || issuer.iss.length === 0 || issuer.iss.length > LIMITS.issLength) {
      throw new ContentError(`issuers[${i}].iss must be a non-empty string`);
    }
    if (seenIss.has(issuer.iss)) throw new ContentError(`issuers[${i}].iss is listed twice`);
    seenIss.add(issuer.iss);
    return { iss: issuer.iss, jwks: parseJwks(issuer.jwks, `issuers[${i}].jwks`, LIMITS.keysPerIssuer) };
  });
  if (!Array.isArray(revokedPassIds) || revokedPassIds.length > LIMITS.revoked) {
    throw new ContentError(`revokedPassIds must be an array of at most ${LIMITS.revoked}`);
  }
  for (const id of revokedPassIds) {
    if (!isPassId(id)) throw new ContentError('revokedPassIds holds a malformed pass id');
  }
  if (!Array.isArray(riskAreas) || riskAreas.length > LIMITS.riskAreas) {
    throw new ContentError(`riskAreas must be an array of at most ${LIMITS.riskAreas}`);
  }
  const parsedAreas = riskAreas.map((area, i): RiskArea => {
    if (!isRecord(area)) throw new ContentError(`riskAreas[${i}] must be an object`);
    if (typeof area.unitCode !== 'string' || !UNIT_CODE.test(area.unitCode)) throw new ContentError(`riskAreas[${i}].unitCode is malformed`);
    if (area.level !== undefined && area.level !== 'high' && area.level !== 'medium' && area.level !== 'low') {
      throw new ContentError(`riskAreas[${i}].level must be high, medium or low`);
    }
    if (!isTime(area.since, true)) throw new ContentError(`riskAreas[${i}].since must be an ISO date`);
    if (area.note !== undefined && (typeof area.note !== 'string' || area.note.length > LIMITS.note)) {
      throw new ContentError(`riskAreas[${i}].note must be a string of at most ${LIMITS.note} characters`);
    }
    return {
      unitCode: area.unitCode,
      since: area.since,
      ...(area.level !== undefined ? { level: area.level } : {}),
      ...(typeof area.note === 'string' ? { note: area.note } : {}),
    };
  });
  let rules: readonly DecisionRule[] | undefined;
  if (decisionRules !== undefined) {
    const parsed = parseDecisionRules(decisionRules);
    if (!parsed.ok) throw new ContentError(parsed.message, parsed.code);
    rules = parsed.rules;
  }
  return {
    sequence,
    issuedAt,
    expiresAt,
    issuers: parsedIssuers,
    revokedPassIds: [...(revokedPassIds as string[])],
    riskAreas: parsedAreas,
    ...(rules !== undefined && { decisionRules: rules }),
  };
}

/**
 * Signs bundle content with the trust-anchor private key (server side / demo backend).
 * Throws if the content is invalid: an authority must never publish what kiosks would refuse.
 */
export async function createTrustBundle(
  content: TrustBundleInput,
  anchorPrivateKey: CryptoKey | JWK,
  options: { kid?: string; now?: Date; lifetimeSeconds?: number } = {},
): Promise<string> {
  let parsed: TrustBundleContent;
  try {
    const issuedAt = content.issuedAt ?? (options.now ?? new Date()).toISOString();
    const lifetime = options.lifetimeSeconds ?? DEFAULT_BUNDLE_LIFETIME_SECONDS;
    const expiresAt = content.expiresAt ?? new Date(Date.parse(issuedAt) + lifetime * 1000).toISOString();
    parsed = parseContent({ ...content, issuedAt, expiresAt });
  } catch (error) {
    throw new TypeError(`createTrustBundle: ${(error as Error).message}`);
  }
  const key = 'kty' in anchorPrivateKey ? await importJWK(anchorPrivateKey, 'ES256') : anchorPrivateKey;
  const kid = options.kid ?? ('kty' in anchorPrivateKey ? anchorPrivateKey.kid : undefined);
  const payload = new TextEncoder().encode(JSON.stringify(parsed));
  return new CompactSign(payload)
    .setProtectedHeader({ alg: 'ES256', typ: TRUST_BUNDLE_TYP, ...(kid ? { kid } : {}) })
    .sign(key);
}

function fail(code: TrustBundleErrorCode, message: string, detail?: DecisionRulesErrorCode): TrustBundleResult {
  return detail === undefined ? { ok: false, code, message } : { ok: false, code, message, detail };
}

/**
 * Verifies and parses a trust bundle. Order: size cap, shape of the compact JWS, protected
 * header (alg, typ, kid), anchor key, signature, content, then replay against `previous`.
 */
export async function readTrustBundle(
  text: unknown,
  anchorPublicJwks: PublicJwks | { keys: readonly unknown[] },
  options: ReadTrustBundleOptions = {},
): Promise<TrustBundleResult> {
  try {
    const maxBytes = options.maxBytes ?? TRUST_BUNDLE_MAX_BYTES;
    if (typeof text !== 'string') return fail('malformed', 'bundle must be text');
    // Compact JWS is pure ASCII, so the character count is the byte count.
    if (text.length > maxBytes) return fail('too-large', `bundle exceeds ${maxBytes} bytes`);
    const jws = text.trim();
    const parts = jws.split('.');
    if (parts.length !== 3 || !parts.every((p) => B64URL.test(p)) || parts[0] === '' || parts[1] === '') {
      return fail('malformed', 'bundle is not a compact JWS');
    }
    if (parts[2] === '') return fail('unsigned', 'bundle carries no signature');

    let header: Record<string, unknown>;
    try {
      header = decodeProtectedHeader(jws) as Record<string, unknown>;
    } catch {
      return fail('malformed', 'protected header is not valid JSON');
    }
    if (header.alg === 'none') return fail('unsigned', 'bundle is unsigned (alg none)');
    if (header.alg !== 'ES256') return fail('unsupported-alg', 'bundle must be signed with ES256');
    if (header.typ !== TRUST_BUNDLE_TYP) return fail('wrong-type', `bundle typ must be ${TRUST_BUNDLE_TYP}`);
    if (header.crit !== undefined || header.jwk !== undefined || header.jku !== undefined || header.x5u !== undefined) {
      return fail('malformed', 'bundle header carries unsupported parameters');
    }
    if (header.kid !== undefined && (typeof header.kid !== 'string' || header.kid.length > LIMITS.kid)) {
      return fail('malformed', 'bundle kid is malformed');
    }

    let anchors: PublicJwks;
    try {
      anchors = parseJwks(anchorPublicJwks, 'anchor', LIMITS.keysPerIssuer);
    } catch (error) {
      return fail('bad-anchor', `trust anchor is unusable: ${(error as Error).message}`);
    }
    const kid = header.kid as string | undefined;
    const candidates = kid === undefined
      ? (anchors.keys.length === 1 ? anchors.keys : [])
      : anchors.keys.filter((k) => k.kid === kid);
    const anchorKey = candidates[0];
    if (!anchorKey) return fail('unknown-key', 'bundle is not signed by a configured trust anchor');

    let payload: Uint8Array;
    try {
      const key = await importJWK({ ...anchorKey }, 'ES256');
      ({ payload } = await compactVerify(jws, key, { algorithms: ['ES256'] }));
    } catch {
      return fail('bad-signature', 'bundle signature does not verify with the trust anchor');
    }

    let bundle: TrustBundleContent;
    try {
      bundle = parseContent(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)));
    } catch (error) {
      return error instanceof ContentError
        ? fail('invalid-content', error.message, error.detail)
        : fail('invalid-content', 'payload is not valid JSON');
    }

    // An authority clock error must not freeze the kiosk: a bundle dated beyond the tolerance is
    // refused, so it never becomes the held bundle that every correct later one is compared with.
    const now = options.now === undefined ? Date.now() : options.now;
    if (now !== null) {
      const tolerance = options.futureToleranceSeconds ?? DEFAULT_BUNDLE_FUTURE_TOLERANCE_SECONDS;
      if (Date.parse(bundle.issuedAt) > now + tolerance * 1000) {
        return fail('future-dated', `bundle issuedAt ${bundle.issuedAt} is ahead of this device's trusted time`);
      }
    }

    const previous = options.previous;
    if (previous) {
      if (bundle.sequence < previous.sequence) {
        return fail('replayed', `bundle sequence ${bundle.sequence} is older than the held ${previous.sequence}`);
      }
      if (Date.parse(bundle.issuedAt) < Date.parse(previous.issuedAt)) {
        return fail('replayed', 'bundle was issued before the one held');
      }
    }
    return { ok: true, bundle, kid };
  } catch (error) {
    return fail('malformed', `bundle could not be read: ${(error as Error).message}`);
  }
}

/**
 * Converts a verified bundle into `createTrustStore` input. Its age counts from the bundle's
 * own `issuedAt` (signed), never from when it was received or confirmed: replaying the bundle a
 * kiosk holds cannot make it look fresh, and an old bundle is stale the moment it arrives.
 */
export function trustStoreInit(
  bundle: TrustBundle,
  options: { maxAgeSeconds?: number } = {},
): TrustStoreInit {
  return {
    issuers: bundle.issuers.map((i) => ({ iss: i.iss, jwks: { keys: i.jwks.keys.map((k): JsonWebKey => ({ ...k })) } })),
    revokedPassIds: [...bundle.revokedPassIds],
    updatedAt: new Date(bundle.issuedAt),
    expiresAt: new Date(bundle.expiresAt),
    ...(options.maxAgeSeconds !== undefined && { maxAgeSeconds: options.maxAgeSeconds }),
  };
}

/**
 * The risk area that lists a place: its ward/commune exactly, else its province. Ward codes are
 * numbered nationwide (not prefixed by the province code), so the province is matched through
 * the place's own `provinceCode`, never by a prefix of the ward code.
 */
export function findRiskArea(
  bundle: Pick<TrustBundle, 'riskAreas'>,
  place: { readonly unitCode: string; readonly provinceCode?: string },
): RiskArea | undefined {
  return bundle.riskAreas.find((a) => a.unitCode === place.unitCode)
    ?? (place.provinceCode === undefined ? undefined : bundle.riskAreas.find((a) => a.unitCode === place.provinceCode));
}
