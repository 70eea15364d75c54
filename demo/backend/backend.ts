// The demo portal: the HTTP contract of docs/api.md as one fetch-style handler
// (Request → Response), shared by msw (browser and Node) and the Vite dev-server middleware.
// Pure Web APIs (WebCrypto, Request/Response), so it runs in a browser as well as in Node.
import { v7 as uuidv7 } from 'uuid';
import { decodeBase64Url, encodeBase64Url } from '../../src/core/base64url';
import { isPassId } from '../../src/core/claims';
import { validateDeclaration } from '../../src/core/declaration';
import { groupErrorText, validateDeclarationGroup } from '../../src/core/declaration-group';
import { issuePass, newPassId, DEFAULT_VALIDITY_SECONDS } from '../../src/core/issue';
import { manualCode } from '../../src/core/manual-code';
import {
  computePassageHash,
  GENESIS_HASH,
  parsePassageRecord,
  PASSAGE_FORMATS,
  type PassageRecord,
  type UnhashedPassage,
} from '../../src/core/passage-record';
import { sha256Hex } from '../../src/core/sha256-sync';
import { declarationErrorText } from '../../src/core/texts';
import { parseDecisionRules, type DecisionRule } from '../../src/core/recommendation';
import { createTrustBundle, parsePublicEcJwk, TRUST_BUNDLE_TYP, type RiskArea, type TrustBundleContent } from '../../src/core/trust-bundle';
import type {
  ApiErrorItem,
  DeclarationCreated,
  DeclarationGroupCreated,
  DeviceRegistered,
  MovementDirection,
  PassageBatchResult,
  PassageRejection,
  PassRoute,
  WardMovement,
  WardMovementsPage,
} from '../../src/api/contract';
import { DEMO_ISSUER, DEMO_ISSUER_PRIVATE_JWK, DEMO_ISSUER_PUBLIC_JWKS, DEMO_TRUST_ANCHOR_PRIVATE_JWK } from './demo-keys';
import { defaultFaults, FaultInputError, mergeFaults, type FaultHits, type FaultSettings } from './faults';
import { seedPlan } from './seed';
import { createMemoryStore, type DemoStore, type FeedEntry, type StoredPassage } from './store';

export interface DemoBackendOptions {
  /** Path prefix of the contract (default '/api'). */
  base?: string;
  store?: DemoStore;
  /** Load the sample data at creation and on reset (default false). */
  seed?: boolean;
  /** Issuer identifier of issued passes (default DEMO_ISSUER). */
  issuer?: string;
  /** Real clock; the `clockOffsetSeconds` fault is added to it. */
  now?: () => number;
}

export interface DemoBackend {
  readonly base: string;
  readonly store: DemoStore;
  /** True when `url`'s path lies under the contract base. */
  matches(url: string | URL): boolean;
  /** Answers one request. A `Response.error()` answer means "drop the connection". */
  handle(request: Request): Promise<Response>;
  /** Clears data, faults and counters, republishes the trust bundle, reseeds if asked. */
  reset(options?: { seed?: boolean }): Promise<void>;
  readonly faults: Readonly<FaultSettings>;
}

export const MAX_BODY_BYTES = 4 * 1024 * 1024;
const MAX_JSON_BODY_BYTES = 64 * 1024;
const MAX_BATCH_RECORDS = 1000;
const DAY_MS = 86_400_000;
const VIETNAM_OFFSET = '+07:00';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;
const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** A failure answered as `{ errors: [...] }`. */
class HttpProblem extends Error {
  constructor(readonly status: number, readonly errors: ApiErrorItem[], readonly headers: Record<string, string> = {}) {
    super(errors[0]?.message ?? `HTTP ${status}`);
  }
}

function problem(status: number, code: string, message: string, field?: string): HttpProblem {
  return new HttpProblem(status, [{ code, message, ...(field !== undefined && { field }) }]);
}

interface ResponseSnapshot {
  status: number;
  headers: [string, string][];
  body: string;
}

interface TrustState {
  sequence: number;
  issuedAt: string;
  revokedPassIds: string[];
  riskAreas: RiskArea[];
  /** Published checkpoint decision rules; undefined: none (kiosks use the kit's defaults). */
  decisionRules?: readonly DecisionRule[];
  text: string;
  etag: string;
}

type Handler = (ctx: RequestContext, match: RegExpExecArray) => Promise<Response>;

interface RequestContext {
  request: Request;
  url: URL;
  /** Portal clock for this request (real clock + offset fault), ms. */
  now: number;
}

export async function createDemoBackend(options: DemoBackendOptions = {}): Promise<DemoBackend> {
  const base = (options.base ?? '/api').replace(/\/+$/, '');
  const store = options.store ?? createMemoryStore();
  const issuer = options.issuer ?? DEMO_ISSUER;
  const realNow = options.now ?? Date.now;
  const seedByDefault = options.seed ?? false;

  const issuerKey = await crypto.subtle.importKey('jwk', { ...DEMO_ISSUER_PRIVATE_JWK }, ECDSA_P256, false, ['sign']);
  const anchorKey = await crypto.subtle.importKey('jwk', { ...DEMO_TRUST_ANCHOR_PRIVATE_JWK }, ECDSA_P256, false, ['sign']);
  const deviceKeys = new Map<string, { x: string; y: string; key: CryptoKey }>();
  const inflight = new Map<string, Promise<void>>();
  let passagesQueue: Promise<unknown> = Promise.resolve();
  let faults = defaultFaults();
  let hits: FaultHits = { failed: 0, dropped: 0, droppedAfterCommit: 0, rateLimited: 0, delayed: 0 };
  let requests: Record<string, number> = {};
  let trust: TrustState = { sequence: 0, issuedAt: '', revokedPassIds: [], riskAreas: [], text: '', etag: '' };
  let wrongAnchorKey: { key: CryptoKey; kid: string } | undefined;

  const clock = () => realNow() + faults.clockOffsetSeconds * 1000;

  // ---------------------------------------------------------------------------------- responses

  function baseHeaders(now: number, extra: Record<string, string> = {}): Headers {
    return new Headers({ 'Cache-Control': 'no-store', Date: new Date(now).toUTCString(), ...extra });
  }

  function json(now: number, status: number, body: unknown, extra: Record<string, string> = {}): Response {
    const headers = baseHeaders(now, { 'Content-Type': 'application/json; charset=utf-8', ...extra });
    return new Response(JSON.stringify(body), { status, headers });
  }

  function problemResponse(now: number, p: HttpProblem): Response {
    return json(now, p.status, { errors: p.errors }, p.headers);
  }

  async function snapshot(response: Response): Promise<ResponseSnapshot> {
    const headers: [string, string][] = [];
    response.headers.forEach((value, name) => {
      if (name !== 'date') headers.push([name, value]);
    });
    return { status: response.status, headers, body: await response.text() };
  }

  function fromSnapshot(s: ResponseSnapshot, now: number, replayed: boolean): Response {
    const headers = new Headers(s.headers);
    headers.set('Date', new Date(now).toUTCString());
    if (replayed) headers.set('Idempotent-Replayed', 'true');
    return new Response(s.body, { status: s.status, headers });
  }

  // ------------------------------------------------------------------------------- request body

  async function readBody(ctx: RequestContext, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
    const declared = Number(ctx.request.headers.get('Content-Length'));
    if (Number.isFinite(declared) && declared > maxBytes) throw problem(413, 'payload-too-large', `body exceeds ${maxBytes} bytes`);
    const bytes = new Uint8Array(await ctx.request.arrayBuffer());
    if (bytes.byteLength > maxBytes) throw problem(413, 'payload-too-large', `body exceeds ${maxBytes} bytes`);
    return bytes;
  }

  function parseJsonBody(ctx: RequestContext, bytes: Uint8Array): unknown {
    const type = ctx.request.headers.get('Content-Type') ?? '';
    if (!/^application\/json\b/i.test(type)) throw problem(415, 'unsupported-media-type', 'Content-Type must be application/json');
    try {
      return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      throw problem(400, 'invalid-json', 'body is not valid UTF-8 JSON');
    }
  }

  // -------------------------------------------------------------------------------- idempotency

  /**
   * Same key + same body → the stored answer, replayed; same key + other body → 409; a request
   * whose key is still being processed waits for it. Only 2xx answers are stored: a 401 or 5xx
   * must not stick to the key (the device may register, the server may recover).
   */
  async function idempotent(ctx: RequestContext, scope: string, fingerprint: string, produce: () => Promise<Response>): Promise<Response> {
    for (;;) {
      const pending = inflight.get(scope);
      if (pending) {
        await pending;
        continue;
      }
      // Claim the key synchronously, before any await, so concurrent requests queue behind it.
      let release = () => {};
      inflight.set(scope, new Promise<void>((resolve) => (release = resolve)));
      try {
        const stored = await store.getIdempotency(scope);
        if (stored) {
          if (stored.fingerprint !== fingerprint) {
            throw problem(409, 'idempotency-key-reused', 'this Idempotency-Key was already used with a different body');
          }
          return fromSnapshot(stored, ctx.now, true);
        }
        const snap = await snapshot(await produce());
        if (snap.status >= 200 && snap.status < 300) {
          await store.putIdempotency({ scope, fingerprint, ...snap, createdAt: new Date(ctx.now).toISOString() });
        }
        return fromSnapshot(snap, ctx.now, false);
      } finally {
        inflight.delete(scope);
        release();
      }
    }
  }

  function idempotencyKey(ctx: RequestContext, required: boolean): string | null {
    const key = ctx.request.headers.get('Idempotency-Key');
    if (key === null) {
      if (required) throw problem(400, 'missing-idempotency-key', 'the Idempotency-Key header is required', 'Idempotency-Key');
      return null;
    }
    if (!IDEMPOTENCY_KEY.test(key)) throw problem(400, 'invalid-idempotency-key', 'Idempotency-Key must be 8–128 URL-safe characters', 'Idempotency-Key');
    return key;
  }

  // ------------------------------------------------------------------------------ declarations

  async function issueFor(input: unknown, now: number): Promise<{ created: DeclarationCreated } | { errors: ApiErrorItem[] }> {
    const checked = validateDeclaration(input, { now: new Date(now) });
    if (!checked.ok) {
      return {
        errors: checked.errors.map((e) => ({ field: e.field, code: e.code, message: declarationErrorText(e.code, 'en') })),
      };
    }
    const declaration = checked.value;
    // Valid from issue (as Hà Nội's 2021 passes) until the end of the return day, or of the
    // departure day, in Vietnam time — and for at least the default 72 hours.
    const issuedSeconds = Math.floor(now / 1000);
    const lastDay = declaration.returnDate ?? declaration.departureDate;
    const endOfTrip = Math.floor(Date.parse(`${lastDay}T23:59:59${VIETNAM_OFFSET}`) / 1000);
    const validFrom = new Date(issuedSeconds * 1000);
    const validUntil = new Date(Math.max(issuedSeconds + DEFAULT_VALIDITY_SECONDS, endOfTrip) * 1000);
    const passId = newPassId();
    const qrText = await issuePass(declaration, { privateKey: issuerKey, issuer, kid: DEMO_ISSUER_PRIVATE_JWK.kid }, { validFrom, validUntil, passId });
    const declarationId = uuidv7();
    const issuedAt = new Date(now).toISOString();
    await store.putDeclaration(
      { declarationId, declaration, receivedAt: issuedAt, passId },
      {
        passId,
        qrText,
        manualCode: manualCode(passId),
        declarationId,
        issuedAt,
        validFrom: validFrom.toISOString(),
        validUntil: validUntil.toISOString(),
        originUnit: declaration.origin.unitCode,
        destinationUnit: declaration.destination.unitCode,
        fullName: declaration.fullName,
      },
    );
    return { created: { pass: qrText, passId, issuedAt, validFrom: validFrom.toISOString(), validUntil: validUntil.toISOString() } };
  }

  const postDeclaration: Handler = async (ctx) => {
    const key = idempotencyKey(ctx, false);
    const bytes = await readBody(ctx, MAX_JSON_BODY_BYTES);
    const input = parseJsonBody(ctx, bytes);
    const produce = async () => {
      const outcome = await issueFor(input, ctx.now);
      if ('errors' in outcome) return json(ctx.now, 400, { errors: outcome.errors });
      return json(ctx.now, 201, outcome.created, { Location: `${base}/passes/${outcome.created.passId}/route` });
    };
    return key === null ? produce() : idempotent(ctx, `declarations:${key}`, sha256Hex(new TextDecoder().decode(bytes)), produce);
  };

  /** A family in one car: every member validated first, then one pass each (docs/api.md). */
  const postDeclarationGroup: Handler = async (ctx) => {
    const key = idempotencyKey(ctx, false);
    const bytes = await readBody(ctx, MAX_JSON_BODY_BYTES);
    const input = parseJsonBody(ctx, bytes);
    const produce = async () => {
      const checked = validateDeclarationGroup(input, { now: new Date(ctx.now) });
      if (!checked.ok) {
        return json(ctx.now, 400, {
          errors: checked.errors.map((e) => ({ field: e.field, code: e.code, message: groupErrorText(e.code) })),
        });
      }
      const passes: DeclarationCreated[] = [];
      for (const declaration of checked.value) {
        const outcome = await issueFor(declaration, ctx.now);
        if ('errors' in outcome) return json(ctx.now, 400, { errors: outcome.errors }); // checked above: not reached
        passes.push(outcome.created);
      }
      const created: DeclarationGroupCreated = { groupId: uuidv7(), passes };
      return json(ctx.now, 201, created);
    };
    return key === null ? produce() : idempotent(ctx, `declaration-groups:${key}`, sha256Hex(new TextDecoder().decode(bytes)), produce);
  };

  // -------------------------------------------------------------------------------- trust data

  async function publishTrust(
    change: { revokePassIds?: readonly string[]; riskAreas?: readonly RiskArea[]; decisionRules?: readonly DecisionRule[] | null },
    now: number,
  ): Promise<void> {
    const revoked = new Set(trust.revokedPassIds);
    for (const id of change.revokePassIds ?? []) revoked.add(id);
    const sequence = trust.sequence + 1;
    // null: back to the kit's defaults (no rules published); left out: unchanged.
    const decisionRules = change.decisionRules === null ? undefined : change.decisionRules ?? trust.decisionRules;
    // issuedAt never goes backwards, even when the offset fault moves the clock back.
    const issuedAt = new Date(Math.max(now, trust.issuedAt ? Date.parse(trust.issuedAt) : 0)).toISOString();
    const content = {
      sequence,
      issuedAt,
      issuers: [{ iss: issuer, jwks: DEMO_ISSUER_PUBLIC_JWKS }],
      revokedPassIds: [...revoked],
      riskAreas: [...(change.riskAreas ?? trust.riskAreas)],
      ...(decisionRules !== undefined && { decisionRules }),
    };
    const text = await createTrustBundle(content, anchorKey, { kid: DEMO_TRUST_ANCHOR_PRIVATE_JWK.kid });
    trust = {
      sequence, issuedAt, revokedPassIds: content.revokedPassIds, riskAreas: content.riskAreas, text, etag: `"tb-${sequence}"`,
      ...(decisionRules !== undefined && { decisionRules }),
    };
  }

  /** The bundle to serve under a trust fault: each variant must be refused by a kiosk. */
  async function faultyBundle(mode: NonNullable<FaultSettings['trustBundle']>): Promise<string> {
    const [header = '', payload = '', signature = ''] = trust.text.split('.');
    const content = JSON.parse(new TextDecoder().decode(decodeBase64Url(payload) ?? new Uint8Array())) as TrustBundleContent;
    switch (mode) {
      case 'bad-signature': {
        const i = 10;
        const flipped = signature[i] === 'A' ? 'B' : 'A';
        return `${header}.${payload}.${signature.slice(0, i)}${flipped}${signature.slice(i + 1)}`;
      }
      case 'unsigned': {
        const none = encodeBase64Url(new TextEncoder().encode(JSON.stringify({ alg: 'none', typ: TRUST_BUNDLE_TYP })));
        return `${none}.${payload}.`;
      }
      case 'wrong-anchor': {
        if (!wrongAnchorKey) {
          const pair = await crypto.subtle.generateKey(ECDSA_P256, true, ['sign', 'verify']);
          const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
          wrongAnchorKey = { key: pair.privateKey, kid: sha256Hex(`${jwk.x}.${jwk.y}`).slice(0, 43) };
        }
        return createTrustBundle(
          { ...content, sequence: trust.sequence + 1 },
          wrongAnchorKey.key,
          { kid: wrongAnchorKey.kid },
        );
      }
      case 'older':
        return createTrustBundle(
          { ...content, sequence: Math.max(1, trust.sequence - 1), issuedAt: new Date(Date.parse(trust.issuedAt) - 3_600_000).toISOString() },
          anchorKey,
          { kid: DEMO_TRUST_ANCHOR_PRIVATE_JWK.kid },
        );
      case 'garbage':
        return 'this is not a trust bundle';
    }
  }

  function etagMatches(header: string | null, etag: string): boolean {
    if (!header) return false;
    if (header.trim() === '*') return true;
    return header.split(',').map((t) => t.trim().replace(/^W\//, '')).includes(etag);
  }

  const getTrustBundle: Handler = async (ctx) => {
    const mode = faults.trustBundle;
    const text = mode ? await faultyBundle(mode) : trust.text;
    const etag = mode ? `"tb-fault-${mode}-${trust.sequence}"` : trust.etag;
    const headers = baseHeaders(ctx.now, { ETag: etag, 'Cache-Control': 'no-cache' });
    if (etagMatches(ctx.request.headers.get('If-None-Match'), etag)) return new Response(null, { status: 304, headers });
    headers.set('Content-Type', 'application/jose');
    return new Response(text, { status: 200, headers });
  };

  const getJwks: Handler = async (ctx) =>
    json(ctx.now, 200, DEMO_ISSUER_PUBLIC_JWKS, { 'Cache-Control': 'public, max-age=300', 'Content-Type': 'application/jwk-set+json' });

  // ------------------------------------------------------------------------------------ devices

  const postDevice: Handler = async (ctx) => {
    const body = parseJsonBody(ctx, await readBody(ctx, 16 * 1024));
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw problem(400, 'invalid-body', 'body must be an object');
    // enrolmentCode: the reference server (server/) requires one; this open demo backend ignores it.
    const { deviceId, publicKeyJwk, checkpointId, label, enrolmentCode: _enrolmentCode, ...rest } = body as Record<string, unknown>;
    const unknown = Object.keys(rest)[0];
    if (unknown !== undefined) throw problem(400, 'unexpected-field', `unknown field "${unknown.slice(0, 40)}"`, unknown);
    if (typeof deviceId !== 'string' || !PASSAGE_FORMATS.deviceId.test(deviceId)) throw problem(400, 'invalid-format', 'deviceId must be a lower-case UUID', 'deviceId');
    if (typeof checkpointId !== 'string' || !PASSAGE_FORMATS.checkpointId.test(checkpointId)) {
      throw problem(400, 'invalid-format', 'checkpointId must be a short identifier', 'checkpointId');
    }
    if (label !== undefined && (typeof label !== 'string' || label.length > 100 || /[\p{Cc}\p{Cf}]/u.test(label))) {
      throw problem(400, 'invalid-format', 'label must be text of at most 100 characters', 'label');
    }
    let jwk;
    try {
      jwk = parsePublicEcJwk(publicKeyJwk, 'publicKeyJwk');
      await crypto.subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, ECDSA_P256, false, ['verify']);
    } catch (error) {
      throw problem(400, 'invalid-key', `publicKeyJwk: ${(error as Error).message}`, 'publicKeyJwk');
    }
    const existing = await store.getDevice(deviceId);
    if (existing && (existing.publicKeyJwk.x !== jwk.x || existing.publicKeyJwk.y !== jwk.y)) {
      throw problem(409, 'device-key-conflict', 'this device id is registered with another key', 'deviceId');
    }
    const nowIso = new Date(ctx.now).toISOString();
    const device = {
      deviceId,
      publicKeyJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
      checkpointId,
      label: typeof label === 'string' ? label : null,
      registeredAt: existing?.registeredAt ?? nowIso,
      updatedAt: nowIso,
    };
    await store.putDevice(device);
    const answer: DeviceRegistered = { deviceId, checkpointId, registeredAt: device.registeredAt };
    return json(ctx.now, existing ? 200 : 201, answer);
  };

  async function deviceKey(deviceId: string): Promise<CryptoKey | undefined> {
    const device = await store.getDevice(deviceId);
    if (!device) return undefined;
    const cached = deviceKeys.get(deviceId);
    if (cached && cached.x === device.publicKeyJwk.x && cached.y === device.publicKeyJwk.y) return cached.key;
    const key = await crypto.subtle.importKey('jwk', { ...device.publicKeyJwk }, ECDSA_P256, false, ['verify']);
    deviceKeys.set(deviceId, { x: device.publicKeyJwk.x, y: device.publicKeyJwk.y, key });
    return key;
  }

  // ----------------------------------------------------------------------------------- passages

  /**
   * Checks records in order and returns what to commit. Per record: shape and hash, device,
   * duplicate by id, sequence slot, chain link to the previous record when the portal holds it,
   * and — when the portal issued the pass — that the unit codes match its declaration.
   */
  async function judgeRecords(deviceId: string, batchId: string, records: readonly unknown[], receivedAt: string) {
    const accepted: string[] = [];
    const duplicate: string[] = [];
    const rejected: PassageRejection[] = [];
    const commit: StoredPassage[] = [];
    const feed: FeedEntry[] = [];
    const inBatchBySeq = new Map<number, PassageRecord>();
    const inBatchIds = new Set<string>();
    for (const raw of records) {
      const rawId = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
      const id = typeof rawId === 'string' && PASSAGE_FORMATS.id.test(rawId) ? rawId : null;
      const reject = (code: string, message: string) => {
        if (id !== null) rejected.push({ id, code, message });
      };
      if (id === null) continue; // No usable id: nothing can be reported back for it.
      if (inBatchIds.has(id)) continue; // Listed twice in one batch: the first decides.
      inBatchIds.add(id);
      const parsed = parsePassageRecord(raw);
      if (!parsed.ok) {
        reject(parsed.code, parsed.field ? `${parsed.field}: ${parsed.message}` : parsed.message);
        continue;
      }
      const record = parsed.record;
      if (record.deviceId !== deviceId) {
        reject('device-mismatch', 'record belongs to another device');
        continue;
      }
      const held = await store.getPassage(record.id);
      if (held) {
        if (held.record.hash === record.hash) duplicate.push(record.id);
        else reject('id-conflict', 'another record with this id is already held');
        continue;
      }
      if (inBatchBySeq.has(record.seq) || (await store.getPassageBySeq(deviceId, record.seq))) {
        reject('seq-conflict', `sequence ${record.seq} of this device is already taken by another record`);
        continue;
      }
      const previous = record.seq === 1
        ? { hash: GENESIS_HASH }
        : inBatchBySeq.get(record.seq - 1) ?? (await store.getPassageBySeq(deviceId, record.seq - 1))?.record;
      if (previous && previous.hash !== record.prevHash) {
        reject('chain-broken', `prevHash does not match the hash of sequence ${record.seq - 1}`);
        continue;
      }
      const pass = record.passId !== undefined ? await store.getPass(record.passId) : await store.findPassByManualCode(record.manualCode);
      if (pass && (pass.originUnit !== record.originUnit || pass.destinationUnit !== record.destinationUnit)) {
        reject('unit-mismatch', 'origin/destination unit codes differ from the declaration of this pass');
        continue;
      }
      inBatchBySeq.set(record.seq, record);
      accepted.push(record.id);
      commit.push({ record, batchId, receivedAt, passId: pass?.passId ?? record.passId ?? null });
      const atMs = Date.parse(record.at);
      feed.push({ unitCode: record.originUnit, direction: 'departure', passageId: record.id, atMs });
      if (record.destinationUnit !== record.originUnit) {
        feed.push({ unitCode: record.destinationUnit, direction: 'arrival', passageId: record.id, atMs });
      }
    }
    return { accepted, duplicate, rejected, commit, feed };
  }

  const postPassages: Handler = async (ctx) => {
    const headerDevice = ctx.request.headers.get('X-Device-Id');
    const signatureText = ctx.request.headers.get('X-Signature');
    const key = idempotencyKey(ctx, true) as string;
    const bytes = await readBody(ctx, MAX_BODY_BYTES);
    if (!headerDevice || !PASSAGE_FORMATS.deviceId.test(headerDevice)) {
      throw problem(401, 'unknown-device', 'X-Device-Id is missing or malformed', 'X-Device-Id');
    }
    const verifyKey = await deviceKey(headerDevice);
    if (!verifyKey) throw problem(401, 'unknown-device', 'this device is not registered (POST /devices first)', 'X-Device-Id');
    const signature = signatureText ? decodeBase64Url(signatureText) : undefined;
    if (!signature || signature.byteLength !== 64
      || !(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, verifyKey, signature, bytes))) {
      throw problem(401, 'bad-signature', 'X-Signature is not a valid ES256 signature of the body by the device key', 'X-Signature');
    }
    // The body alone: ECDSA signatures are randomised, so a resend of the same bytes carries
    // another (equally valid) signature.
    const fingerprint = sha256Hex(new TextDecoder().decode(bytes));
    return idempotent(ctx, `passages:${headerDevice}:${key}`, fingerprint, async () => {
      const body = parseJsonBody(ctx, bytes);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw problem(400, 'invalid-body', 'body must be an object');
      const { deviceId, batchId, records } = body as Record<string, unknown>;
      if (deviceId !== headerDevice) throw problem(400, 'device-mismatch', 'body deviceId differs from X-Device-Id', 'deviceId');
      if (batchId !== key) throw problem(400, 'batch-id-mismatch', 'batchId must equal the Idempotency-Key', 'batchId');
      if (!Array.isArray(records) || records.length === 0) throw problem(400, 'invalid-body', 'records must be a non-empty array', 'records');
      if (records.length > MAX_BATCH_RECORDS) throw problem(413, 'too-many-records', `at most ${MAX_BATCH_RECORDS} records per batch`, 'records');
      // One batch at a time: the checks read what earlier batches committed.
      const run = passagesQueue.then(async () => {
        const receivedAt = new Date(ctx.now).toISOString();
        const judged = await judgeRecords(headerDevice, key, records, receivedAt);
        await store.commitPassages(judged.commit, judged.feed);
        return judged;
      });
      passagesQueue = run.catch(() => undefined);
      const judged = await run;
      const result: PassageBatchResult = {
        accepted: judged.accepted,
        duplicate: judged.duplicate,
        rejected: judged.rejected,
        serverTime: new Date(ctx.now).toISOString(),
      };
      return json(ctx.now, 200, result);
    });
  };

  // ---------------------------------------------------------------------------- ward movements

  function encodeCursor(entry: FeedEntry): string {
    return encodeBase64Url(new TextEncoder().encode(JSON.stringify([entry.atMs, entry.passageId])));
  }

  function decodeCursor(text: string): { atMs: number; passageId: string } {
    const bytes = text.length <= 512 ? decodeBase64Url(text) : undefined;
    try {
      const value: unknown = bytes && JSON.parse(new TextDecoder().decode(bytes));
      if (Array.isArray(value) && value.length === 2 && Number.isSafeInteger(value[0]) && typeof value[1] === 'string' && PASSAGE_FORMATS.id.test(value[1])) {
        return { atMs: value[0] as number, passageId: value[1] };
      }
    } catch {
      // fall through to the coded error
    }
    throw problem(400, 'invalid-cursor', 'cursor is not one this server issued', 'cursor');
  }

  async function movementRow(entry: FeedEntry): Promise<WardMovement | null> {
    const passage = await store.getPassage(entry.passageId);
    if (!passage) return null;
    const r = passage.record;
    const pass = passage.passId ? await store.getPass(passage.passId) : undefined;
    return {
      id: `${r.id}:${entry.direction}`,
      passageId: r.id,
      direction: entry.direction,
      at: r.at,
      receivedAt: passage.receivedAt,
      checkpointId: r.checkpointId,
      checkpointDirection: r.direction,
      decision: r.decision,
      verdictStatus: r.verdictStatus,
      passId: passage.passId,
      manualCode: r.manualCode ?? null,
      originUnit: r.originUnit,
      destinationUnit: r.destinationUnit,
      person: pass ? { fullName: pass.fullName } : null,
    };
  }

  const getMovements: Handler = async (ctx, match) => {
    const unitCode = decodeURIComponent(match[1] ?? '');
    if (!PASSAGE_FORMATS.unitCode.test(unitCode)) throw problem(400, 'invalid-format', 'unitCode must be a five-digit ward/commune code', 'unitCode');
    const params = ctx.url.searchParams;
    const date = params.get('date');
    const fromMs = date && DATE.test(date) ? Date.parse(`${date}T00:00:00${VIETNAM_OFFSET}`) : Number.NaN;
    if (!date || !Number.isFinite(fromMs) || new Date(fromMs + 7 * 3_600_000).toISOString().slice(0, 10) !== date) {
      throw problem(400, 'invalid-date', 'date must be a calendar day YYYY-MM-DD', 'date');
    }
    const directionParam = params.get('direction');
    if (directionParam !== null && directionParam !== 'arrival' && directionParam !== 'departure') {
      throw problem(400, 'unknown-value', 'direction must be arrival or departure', 'direction');
    }
    const direction = directionParam as MovementDirection | null;
    const limitParam = params.get('limit');
    const limit = limitParam === null ? 50 : Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1 || limit > 2000) throw problem(400, 'invalid-limit', 'limit must be an integer from 1 to 2000', 'limit');
    const cursor = params.get('cursor');
    const before = cursor ? decodeCursor(cursor) : undefined;
    const entries = await store.wardFeed(unitCode, {
      fromMs, toMs: fromMs + DAY_MS, limit: limit + 1, ...(direction && { direction }), ...(before && { before }),
    });
    const pageEntries = entries.slice(0, limit);
    const rows = (await Promise.all(pageEntries.map(movementRow))).filter((r): r is WardMovement => r !== null);
    const last = pageEntries.at(-1);
    const page: WardMovementsPage = {
      unitCode, date, direction, items: rows, nextCursor: entries.length > limit && last ? encodeCursor(last) : null,
    };
    const text = JSON.stringify(page);
    const etag = `"m-${sha256Hex(text).slice(0, 32)}"`;
    if (etagMatches(ctx.request.headers.get('If-None-Match'), etag)) return new Response(null, { status: 304, headers: baseHeaders(ctx.now, { ETag: etag }) });
    return new Response(text, { status: 200, headers: baseHeaders(ctx.now, { 'Content-Type': 'application/json; charset=utf-8', ETag: etag, 'Cache-Control': 'no-cache' }) });
  };

  // -------------------------------------------------------------------------------------- route

  const getRoute: Handler = async (ctx, match) => {
    const passId = decodeURIComponent(match[1] ?? '');
    if (!isPassId(passId)) throw problem(400, 'invalid-format', 'passId must be base64url of 22–64 characters', 'passId');
    const pass = await store.getPass(passId);
    const passages = await store.passagesOfPass(passId);
    if (!pass && passages.length === 0) throw problem(404, 'pass-not-found', 'no pass and no passage with this id');
    passages.sort((a, b) => Date.parse(a.record.at) - Date.parse(b.record.at) || a.receivedAt.localeCompare(b.receivedAt) || a.record.id.localeCompare(b.record.id));
    const route: PassRoute = {
      passId,
      known: pass !== undefined,
      validFrom: pass?.validFrom ?? null,
      validUntil: pass?.validUntil ?? null,
      originUnit: pass?.originUnit ?? passages[0]?.record.originUnit ?? null,
      destinationUnit: pass?.destinationUnit ?? passages[0]?.record.destinationUnit ?? null,
      person: pass ? { fullName: pass.fullName } : null,
      passages: passages.map(({ record: r, receivedAt }) => ({
        id: r.id,
        at: r.at,
        receivedAt,
        checkpointId: r.checkpointId,
        direction: r.direction,
        decision: r.decision,
        verdictStatus: r.verdictStatus,
        officerId: r.officerId,
        deviceId: r.deviceId,
        originUnit: r.originUnit,
        destinationUnit: r.destinationUnit,
        clockSkewMs: r.clockSkewMs ?? null,
      })),
    };
    return json(ctx.now, 200, route);
  };

  // ------------------------------------------------------------------------------------ seeding

  async function seed(now: number): Promise<void> {
    const plan = seedPlan(new Date(now));
    const passIds: string[] = [];
    for (const declaration of plan.declarations) {
      const outcome = await issueFor(declaration, now);
      if ('errors' in outcome) throw new Error(`seed declaration refused: ${JSON.stringify(outcome.errors)}`);
      passIds.push(outcome.created.passId);
    }
    for (const d of plan.devices) {
      const pair = await crypto.subtle.generateKey(ECDSA_P256, true, ['sign', 'verify']);
      const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
      const at = new Date(now - DAY_MS).toISOString();
      await store.putDevice({
        deviceId: d.deviceId, checkpointId: d.checkpointId, label: d.label, registeredAt: at, updatedAt: at,
        publicKeyJwk: parsePublicEcJwk({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, 'seed device'),
      });
    }
    const heads = plan.devices.map(() => ({ seq: 0, hash: GENESIS_HASH }));
    const ordered = [...plan.passages].sort((a, b) => b.minutesAgo - a.minutesAgo);
    for (const p of ordered) {
      const device = plan.devices[p.device];
      const head = heads[p.device];
      const pass = await store.getPass(passIds[p.pass] ?? '');
      if (!device || !head || !pass) throw new Error('seed plan refers to a missing pass or device');
      const atMs = now - p.minutesAgo * 60_000;
      const unhashed: UnhashedPassage = {
        id: uuidv7({ msecs: atMs }),
        deviceId: device.deviceId,
        seq: head.seq + 1,
        checkpointId: device.checkpointId,
        direction: p.direction,
        at: new Date(atMs).toISOString(),
        ...(p.manual ? { manualCode: pass.manualCode } : { passId: pass.passId }),
        originUnit: pass.originUnit,
        destinationUnit: pass.destinationUnit,
        verdictStatus: 'valid',
        decision: p.decision,
        officerId: device.officerId,
        prevHash: head.hash,
      };
      const record = { ...unhashed, hash: computePassageHash(unhashed) } as PassageRecord;
      const judged = await judgeRecords(device.deviceId, `seed-${device.deviceId}`, [record], new Date(atMs + 30_000).toISOString());
      if (judged.accepted.length !== 1) throw new Error(`seed passage refused: ${JSON.stringify(judged.rejected)}`);
      await store.commitPassages(judged.commit, judged.feed);
      heads[p.device] = { seq: record.seq, hash: record.hash };
    }
    await publishTrust({ riskAreas: plan.riskAreas }, now);
  }

  async function reset(opts: { seed?: boolean } = {}): Promise<void> {
    await store.clear();
    faults = defaultFaults();
    hits = { failed: 0, dropped: 0, droppedAfterCommit: 0, rateLimited: 0, delayed: 0 };
    requests = {};
    deviceKeys.clear();
    trust = { sequence: 0, issuedAt: '', revokedPassIds: [], riskAreas: [], text: '', etag: '' };
    const now = clock();
    await publishTrust({}, now);
    if (opts.seed ?? seedByDefault) await seed(now);
  }

  // -------------------------------------------------------------------------------- test hooks

  async function admin(sub: string, ctx: RequestContext): Promise<Response> {
    const method = ctx.request.method;
    if (sub === '/__faults' && method === 'POST') {
      const input = parseJsonBody(ctx, await readBody(ctx, 16 * 1024));
      try {
        faults = mergeFaults(faults, input);
      } catch (error) {
        if (error instanceof FaultInputError) throw problem(400, 'invalid-fault', error.message, error.field || undefined);
        throw error;
      }
      return json(clock(), 200, { faults });
    }
    if (sub === '/__state' && method === 'GET') {
      const deviceId = ctx.url.searchParams.get('deviceId');
      return json(clock(), 200, {
        counts: await store.counts(),
        faults,
        hits,
        requests,
        trust: { sequence: trust.sequence, issuedAt: trust.issuedAt, revoked: trust.revokedPassIds.length, riskAreas: trust.riskAreas },
        ...(deviceId && PASSAGE_FORMATS.deviceId.test(deviceId) && { device: await store.deviceSummary(deviceId) }),
      });
    }
    if (sub === '/__reset' && method === 'POST') {
      const bytes = await readBody(ctx, 1024);
      const input = bytes.byteLength ? parseJsonBody(ctx, bytes) : {};
      const seedFlag = typeof input === 'object' && input !== null ? (input as { seed?: unknown }).seed : undefined;
      await reset(typeof seedFlag === 'boolean' ? { seed: seedFlag } : {});
      return json(clock(), 200, { counts: await store.counts() });
    }
    if (sub === '/__trust' && method === 'POST') {
      const input = parseJsonBody(ctx, await readBody(ctx, 256 * 1024));
      const { revokePassIds, riskAreas, decisionRules } = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
      if (revokePassIds !== undefined && !(Array.isArray(revokePassIds) && revokePassIds.every(isPassId))) {
        throw problem(400, 'invalid-format', 'revokePassIds must be pass ids', 'revokePassIds');
      }
      let rules: readonly DecisionRule[] | null | undefined;
      if (decisionRules === null) rules = null;
      else if (decisionRules !== undefined) {
        const parsed = parseDecisionRules(decisionRules);
        if (!parsed.ok) throw problem(400, 'invalid-trust', `${parsed.code}: ${parsed.message}`, 'decisionRules');
        rules = parsed.rules;
      }
      try {
        await publishTrust({
          ...(revokePassIds !== undefined && { revokePassIds: revokePassIds as string[] }),
          ...(riskAreas !== undefined && { riskAreas: riskAreas as RiskArea[] }),
          ...(rules !== undefined && { decisionRules: rules }),
        }, clock());
      } catch (error) {
        throw problem(400, 'invalid-trust', (error as Error).message);
      }
      return json(clock(), 200, { sequence: trust.sequence, etag: trust.etag });
    }
    throw problem(404, 'not-found', `no test hook ${method} ${sub}`);
  }

  // ------------------------------------------------------------------------------------ routing

  function demoCheckpoints() {
    const seen = new Map<string, { id: string; name: string; road: string | null; provinceCode: string; location: null; lat: null; lon: null }>();
    for (const d of seedPlan(new Date(clock())).devices) {
      const road = /QL\d+\w*/.exec(d.checkpointId)?.[0] ?? null;
      seen.set(d.checkpointId, { id: d.checkpointId, name: d.label, road, provinceCode: d.checkpointId.startsWith('BN') ? '27' : '01', location: null, lat: null, lon: null });
    }
    return [...seen.values()];
  }

  const routes: { method: string; pattern: RegExp; name: string; handler: Handler }[] = [
    { method: 'POST', pattern: /^\/declarations$/, name: 'declarations', handler: postDeclaration },
    { method: 'POST', pattern: /^\/declaration-groups$/, name: 'declaration-groups', handler: postDeclarationGroup },
    { method: 'GET', pattern: /^\/\.well-known\/jwks\.json$/, name: 'jwks', handler: getJwks },
    { method: 'GET', pattern: /^\/trust-bundle$/, name: 'trust-bundle', handler: getTrustBundle },
    { method: 'POST', pattern: /^\/devices$/, name: 'devices', handler: postDevice },
    { method: 'POST', pattern: /^\/passages$/, name: 'passages', handler: postPassages },
    { method: 'GET', pattern: /^\/wards\/([^/]+)\/movements$/, name: 'movements', handler: getMovements },
    { method: 'GET', pattern: /^\/passes\/([^/]+)\/route$/, name: 'route', handler: getRoute },
    // The registry names the demo's checkpoints; no tracer delivers contacts here, and there is
    // no event stream in memory (204: the ward inbox polls instead).
    { method: 'GET', pattern: /^\/checkpoints$/, name: 'checkpoints', handler: (ctx) => Promise.resolve(json(ctx.now, 200, { items: demoCheckpoints() })) },
    { method: 'GET', pattern: /^\/wards\/(\d{5})\/contacts$/, name: 'contacts', handler: (ctx) => Promise.resolve(json(ctx.now, 200, { items: [], lastEventId: null })) },
    { method: 'GET', pattern: /^\/wards\/(\d{5})\/events$/, name: 'events', handler: () => Promise.resolve(new Response(null, { status: 204 })) },
    // No accounts here (anyone may read): "no session to show", where the reference server says who.
    { method: 'GET', pattern: /^\/session$/, name: 'session', handler: () => Promise.resolve(new Response(null, { status: 204 })) },
  ];

  function subPath(url: URL): string | null {
    if (url.pathname === base || !url.pathname.startsWith(`${base}/`)) return null;
    return url.pathname.slice(base.length);
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const sub = subPath(url);
    const ctx: RequestContext = { request, url, now: clock() };
    try {
      if (sub === null) throw problem(404, 'not-found', 'not an API path');
      if (sub.startsWith('/__')) return await admin(sub, ctx);
      const found = routes.map((r) => ({ ...r, match: r.pattern.exec(sub) })).filter((r) => r.match !== null);
      const route = found.find((r) => r.method === request.method);
      const routeKey = `${request.method} ${route?.name ?? 'other'}`;
      requests[routeKey] = (requests[routeKey] ?? 0) + 1;
      if (found.length === 0) throw problem(404, 'not-found', `no endpoint ${sub}`);
      if (!route?.match) {
        const allow = found.map((r) => r.method).join(', ');
        throw new HttpProblem(405, [{ code: 'method-not-allowed', message: `use ${allow}` }], { Allow: allow });
      }

      const faulty = sub.startsWith(faults.only);
      if (faulty && faults.delayMs > 0) {
        hits.delayed++;
        await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
        ctx.now = clock();
      }
      if (faulty && faults.dropNext > 0) {
        faults.dropNext--;
        hits.dropped++;
        return Response.error();
      }
      if (faulty && faults.rateLimitNext.n > 0) {
        faults.rateLimitNext.n--;
        hits.rateLimited++;
        const retry = String(faults.rateLimitNext.retryAfterSeconds);
        throw new HttpProblem(429, [{ code: 'rate-limited', message: `retry after ${retry} s` }], { 'Retry-After': retry });
      }
      if (faulty && faults.failNext > 0) {
        faults.failNext--;
        hits.failed++;
        throw problem(faults.status, 'injected-failure', 'failure injected by the test fault switch');
      }
      const response = await route.handler(ctx, route.match);
      if (faulty && request.method === 'POST' && response.ok && faults.dropResponseAfterCommit > 0) {
        faults.dropResponseAfterCommit--;
        hits.droppedAfterCommit++;
        return Response.error();
      }
      return response;
    } catch (error) {
      if (error instanceof HttpProblem) return problemResponse(clock(), error);
      console.error('demo backend: internal error', error);
      return problemResponse(clock(), problem(500, 'internal', 'internal error'));
    }
  }

  await reset();

  return {
    base,
    store,
    matches: (u) => subPath(new URL(u, 'http://localhost')) !== null,
    handle,
    reset,
    get faults() {
      return faults;
    },
  };
}
