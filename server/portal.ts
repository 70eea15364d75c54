/// <reference types="node" />
// The reference portal: docs/api.md over PostgreSQL (PGlite or a server), with enrolment,
// accounts and roles, integrity checks on arrival, audit, rate limits, retention. One
// fetch-style handler (Request → Response); server/node-server.ts puts it on node:http.
import { v7 as uuidv7 } from 'uuid';
import { decodeBase64Url } from '../src/core/base64url';
import { isPassId } from '../src/core/claims';
import { validateDeclaration, type Declaration } from '../src/core/declaration';
import { GROUP_SIZE, groupErrorText, validateDeclarationGroup } from '../src/core/declaration-group';
import { DEFAULT_VALIDITY_SECONDS, issuePass, newPassId } from '../src/core/issue';
import { manualCode } from '../src/core/manual-code';
import { PASSAGE_FORMATS, type PassageRecord } from '../src/core/passage-record';
import { sha256Hex } from '../src/core/sha256-sync';
import { declarationErrorText } from '../src/core/texts';
import { parseDecisionRules, type DecisionRule } from '../src/core/recommendation';
import { createTrustBundle, parsePublicEcJwk, type RiskArea } from '../src/core/trust-bundle';
import type { MovementDirection, PassRoute } from '../src/api/contract';
import type { WardFeedItem } from '../src/api/ward-feed';
import { DEMO_SIGNING_KEYS, publicJwks, type SigningKeys } from './keys';
import { DUMMY_HASH, hashPassword, newEnrolmentCode, newToken, normaliseEnrolmentCode, ROLES, sha256, verifyPassword, type Role } from './auth';
import { judgeBatch } from './batch';
import type { Db, Queryable } from './db';
import {
  baseHeaders, cookie, escapeHtml, etagMatches, HttpProblem, json, jsonObject, parseJson, pathSegments, problem, queryParams, readBody, readFields,
} from './http-util';
import { lockDevice, loadBatchContext, writeBatchOutcome, DEVICE_COLUMNS, type DeviceRow } from './passage-store';
import { RateLimiter, type BucketSpec } from './rate-limit';
import { loginPage, logoutPage, adminPage } from './pages';
import { catalogueDate, checkPlace, provinceOf } from './units';
import { EventHub, type HubOptions, type StreamFilter } from './event-hub';
import {
  batchEvents, canReplay, EVENTS_CHANNEL, checkpointStats, deliver, exposure, isContactKey, lastEventId, listCheckpoints, MAX_MOVEMENTS, movementItems, parseDate,
  parseEventId, parseWindow, wardContacts, type EventRow,
} from './tracing';

export interface Limits {
  device: BucketSpec;
  account: BucketSpec;
  /** Per client address, for unauthenticated endpoints (declarations, enrolment, login). */
  client: BucketSpec;
}

export interface PortalOptions {
  db: Db;
  base?: string;
  now?: () => number;
  /** Structured log sink (one object per event; never personal data). */
  log?: (event: LogEvent) => void;
  limits?: Partial<Limits>;
  /** Passages may lie this far ahead of the server clock (default 5 min). */
  futureToleranceMs?: number;
  /** …and this far before the device's enrolment (default 10 min). */
  pastToleranceMs?: number;
  /** Days after a pass expires before its data is purged (default 30). */
  retentionDays?: number;
  /** Set `Secure` on the session cookie (behind TLS). */
  secureCookies?: boolean;
  loginLockout?: { failures: number; minutes: number };
  sessionHours?: number;
  enrolmentCodeMinutes?: number;
  /** Issuer and trust-anchor keys (default: the public demo keys, for the demo and tests). */
  keys?: SigningKeys;
  /** Live streams: heartbeat, poll (other instances) and connection limits. */
  streams?: HubOptions;
  /** Command view: a kiosk without a batch for this long is offline (default 30). */
  offlineAfterMinutes?: number;
  /** …and with a trust sequence behind the current one for this long has stale trust (default 60). */
  staleTrustAfterMinutes?: number;
  /** Hours live events are kept for replay (default 48); older resumes get `event: reset`. */
  eventRetentionHours?: number;
}

export interface LogEvent {
  level: 'info' | 'warn' | 'error';
  msg: string;
  [key: string]: unknown;
}

export interface Portal {
  readonly base: string;
  /** True when the portal answers this path (API, auth pages, admin, health). */
  matches(url: URL): boolean;
  handle(request: Request, info?: { clientAddress?: string }): Promise<Response>;
  /** Stops taking new requests and waits for those in flight. */
  drain(): Promise<void>;
  /** Deletes data past retention in chunks; returns the rows removed per table. */
  purge(options?: { chunk?: number }): Promise<Record<string, number>>;
  createAccount(username: string, password: string, role: Role, scope: string | null): Promise<void>;
  createCheckpoint(c: CheckpointInput): Promise<void>;
  issueEnrolmentCode(checkpointId: string, createdBy: string): Promise<{ code: string; expiresAt: string }>;
  /**
   * Publishes the next trust bundle. `decisionRules`: the checkpoint decision rules to publish
   * from now on (`null`: none, the kit's defaults); left out: unchanged.
   */
  publishTrust(change?: TrustChange): Promise<number>;
  readonly db: Db;
}

interface IssuedPass {
  readonly declaration: Declaration;
  readonly declarationId: string;
  readonly created: { pass: string; passId: string; issuedAt: string; validFrom: string; validUntil: string };
}

export interface TrustChange {
  readonly revokePassIds?: readonly string[];
  readonly riskAreas?: readonly RiskArea[];
  readonly decisionRules?: readonly DecisionRule[] | null;
}

export interface CheckpointInput {
  id: string;
  name: string;
  location?: string;
  provinceCode: string;
  road?: string;
  lat?: number;
  lon?: number;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const MAX_BATCH_RECORDS = 1000;
const DAY_MS = 86_400_000;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SESSION_COOKIE = 'ck_session';
const ALARM_CODES = ['record-missing', 'record-changed'];

const DEFAULT_LIMITS: Limits = {
  device: { rate: 20, burst: 60 },
  account: { rate: 10, burst: 40 },
  client: { rate: 2, burst: 20 },
};

interface Session {
  username: string;
  role: Role;
  scope: string | null;
}

interface Ctx {
  request: Request;
  url: URL;
  now: number;
  client: string;
  session?: Session | null;
}

interface Snapshot {
  status: number;
  headers: [string, string][];
  body: string;
}

export async function createPortal(options: PortalOptions): Promise<Portal> {
  const db = options.db;
  const base = (options.base ?? '/api').replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const futureToleranceMs = options.futureToleranceMs ?? 5 * 60_000;
  const pastToleranceMs = options.pastToleranceMs ?? 10 * 60_000;
  const retentionDays = options.retentionDays ?? 30;
  const lockout = options.loginLockout ?? { failures: 5, minutes: 15 };
  const sessionMs = (options.sessionHours ?? 12) * 3_600_000;
  const codeMs = (options.enrolmentCodeMinutes ?? 30) * 60_000;
  const limiter = new RateLimiter(now);
  const keys = options.keys ?? DEMO_SIGNING_KEYS;
  const issuer = keys.issuer;
  const issuerJwks = publicJwks(keys.issuerJwk);
  const issuerKey = await crypto.subtle.importKey('jwk', { ...keys.issuerJwk }, ECDSA_P256, false, ['sign']);
  const anchorKey = await crypto.subtle.importKey('jwk', { ...keys.anchorJwk }, ECDSA_P256, false, ['sign']);
  const deviceKeys = new Map<string, { x: string; key: CryptoKey }>();
  const listen = db.listen?.bind(db);
  const hub = new EventHub(db, {
    ...(listen && { listen: (onNotify: () => void) => listen(EVENTS_CHANNEL, onNotify) }),
    ...options.streams,
  });
  const offlineAfterMs = (options.offlineAfterMinutes ?? 30) * 60_000;
  const staleTrustAfterMs = (options.staleTrustAfterMinutes ?? 60) * 60_000;
  const eventRetentionMs = (options.eventRetentionHours ?? 48) * 3_600_000;
  let inflight = 0;
  let draining = false;
  let drained: (() => void) | undefined;

  const iso = (ms: number) => new Date(ms).toISOString();

  // ---------------------------------------------------------------------------------- helpers

  function limit(key: string, spec: BucketSpec): void {
    const wait = limiter.take(key, spec);
    if (wait > 0) throw problem(429, 'rate-limited', `too many requests, retry after ${wait} s`, undefined, { 'Retry-After': String(wait) });
  }

  async function audit(q: Queryable, who: Session, action: string, subject: string, reason: string | null, at: number): Promise<void> {
    await q.query('INSERT INTO audit_log (at, actor, role, action, subject, reason) VALUES ($1, $2, $3, $4, $5, $6)',
      [iso(at), who.username, who.role, action, subject, reason]);
  }

  async function session(ctx: Ctx): Promise<Session | null> {
    if (ctx.session !== undefined) return ctx.session;
    const token = cookie(ctx.request, SESSION_COOKIE);
    ctx.session = null;
    if (token && /^[A-Za-z0-9_-]{20,100}$/.test(token)) {
      const [row] = await db.query<Session>(
        `SELECT a.username, a.role, a.scope FROM sessions s JOIN accounts a ON a.username = s.username
          WHERE s.token_hash = $1 AND s.expires_at > $2`, [sha256(token), iso(ctx.now)]);
      ctx.session = row ?? null;
    }
    return ctx.session;
  }

  async function requireRole(ctx: Ctx, roles: readonly Role[]): Promise<Session> {
    const s = await session(ctx);
    if (!s) throw problem(401, 'login-required', 'sign in first (/auth/login)');
    if (!roles.includes(s.role)) throw problem(403, 'forbidden', 'your role may not do this');
    limit(`account:${s.username}`, limits.account);
    return s;
  }

  function idempotencyKey(ctx: Ctx, required: boolean): string | null {
    const key = ctx.request.headers.get('Idempotency-Key');
    if (key === null) {
      if (required) throw problem(400, 'missing-idempotency-key', 'the Idempotency-Key header is required', 'Idempotency-Key');
      return null;
    }
    if (!IDEMPOTENCY_KEY.test(key)) throw problem(400, 'invalid-idempotency-key', 'Idempotency-Key must be 8–128 URL-safe characters', 'Idempotency-Key');
    return key;
  }

  async function storedAnswer(q: Queryable, scope: string, fingerprint: string, at: number): Promise<Response | null> {
    const [row] = await q.query<{ fingerprint: string; status: number; headers: [string, string][]; body: string }>(
      'SELECT fingerprint, status, headers, body FROM idempotency WHERE scope = $1', [scope]);
    if (!row) return null;
    if (row.fingerprint !== fingerprint) throw problem(409, 'idempotency-key-reused', 'this Idempotency-Key was already used with a different body');
    const headers = new Headers(row.headers);
    headers.set('Date', new Date(at).toUTCString());
    headers.set('Idempotent-Replayed', 'true');
    return new Response(row.body, { status: row.status, headers });
  }

  async function keepAnswer(q: Queryable, scope: string, fingerprint: string, snap: Snapshot, at: number): Promise<void> {
    await q.query('INSERT INTO idempotency (scope, fingerprint, status, headers, body, created_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6)',
      [scope, fingerprint, snap.status, JSON.stringify(snap.headers), snap.body, iso(at)]);
  }

  function snapshotJson(at: number, status: number, body: unknown, extra: Record<string, string> = {}): { snap: Snapshot; response: Response } {
    const text = JSON.stringify(body);
    const headers: [string, string][] = [['content-type', 'application/json; charset=utf-8'], ['cache-control', 'no-store'], ...Object.entries(extra).map(([k, v]): [string, string] => [k.toLowerCase(), v])];
    const h = new Headers(headers);
    h.set('Date', new Date(at).toUTCString());
    return { snap: { status, headers, body: text }, response: new Response(text, { status, headers: h }) };
  }

  // ------------------------------------------------------------------------------ declarations

  /** Signs one declaration's pass: valid from now until the end of the trip (at least the default validity). */
  async function signPass(declaration: Declaration, now: number): Promise<IssuedPass> {
    const issuedSeconds = Math.floor(now / 1000);
    const lastDay = declaration.returnDate ?? declaration.departureDate;
    const endOfTrip = Math.floor(Date.parse(`${lastDay}T23:59:59+07:00`) / 1000);
    const validFrom = new Date(issuedSeconds * 1000);
    const validUntil = new Date(Math.max(issuedSeconds + DEFAULT_VALIDITY_SECONDS, endOfTrip) * 1000);
    const passId = newPassId();
    const qrText = await issuePass(declaration, { privateKey: issuerKey, issuer, kid: keys.issuerJwk.kid }, { validFrom, validUntil, passId });
    return { declaration, declarationId: uuidv7(), created: { pass: qrText, passId, issuedAt: iso(now), validFrom: validFrom.toISOString(), validUntil: validUntil.toISOString() } };
  }

  /** Keeps a signed pass and its declaration (inside the caller's transaction). */
  async function storePass(tx: Queryable, { declaration, declarationId, created }: IssuedPass): Promise<void> {
    await tx.query('INSERT INTO declarations (declaration_id, pass_id, body, received_at) VALUES ($1, $2, $3::jsonb, $4)',
      [declarationId, created.passId, JSON.stringify(declaration), created.issuedAt]);
    await tx.query(`INSERT INTO passes (pass_id, manual_code, declaration_id, qr_text, issued_at, valid_from, valid_until, origin_unit, destination_unit, full_name)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [created.passId, manualCode(created.passId), declarationId, created.pass, created.issuedAt, created.validFrom, created.validUntil,
      declaration.origin.unitCode, declaration.destination.unitCode, declaration.fullName]);
  }

  async function postDeclaration(ctx: Ctx): Promise<Response> {
    limit(`client:${ctx.client}`, limits.client);
    const key = idempotencyKey(ctx, false);
    const bytes = await readBody(ctx.request, 64 * 1024);
    const input = parseJson(ctx.request, bytes);
    const checked = validateDeclaration(input, { now: new Date(ctx.now) });
    if (!checked.ok) {
      return json(ctx.now, 400, { errors: checked.errors.map((e) => ({ field: e.field, code: e.code, message: declarationErrorText(e.code, 'en') })) });
    }
    // Codes of the right shape must also name real units of the catalogue in force (docs/units.md).
    const placeErrors = (['origin', 'destination'] as const).flatMap((place) => {
      const { provinceCode, unitCode } = checked.value[place];
      const problemCode = checkPlace(provinceCode, unitCode);
      if (!problemCode) return [];
      const field = problemCode === 'unknown-province' ? `${place}.provinceCode` : `${place}.unitCode`;
      return [{ field, code: problemCode, message: `not in the administrative-unit catalogue of ${catalogueDate()}` }];
    });
    if (placeErrors.length) return json(ctx.now, 400, { errors: placeErrors });
    const fingerprint = sha256Hex(new TextDecoder().decode(bytes));
    const scope = key && `declarations:${key}`;
    if (scope) {
      const replay = await storedAnswer(db, scope, fingerprint, ctx.now);
      if (replay) return replay;
    }
    const issued = await signPass(checked.value, ctx.now);
    const { passId } = issued.created;
    const { snap, response } = snapshotJson(ctx.now, 201, issued.created, { Location: `${base}/passes/${passId}/route` });
    try {
      await db.transaction(async (tx) => {
        await storePass(tx, issued);
        if (scope) await keepAnswer(tx, scope, fingerprint, snap, ctx.now);
      });
    } catch (error) {
      // Two requests with one key raced: the other committed first; replay its answer.
      const replay = scope ? await storedAnswer(db, scope, fingerprint, ctx.now) : null;
      if (replay) return replay;
      throw error;
    }
    log({ level: 'info', msg: 'declaration', passId: passId.slice(0, 6) });
    return response;
  }

  /**
   * A family in one car (docs/api.md): all members validated, then every member's pass issued
   * in one transaction with one idempotency record — all passes or none, at most once per key.
   */
  async function postDeclarationGroup(ctx: Ctx): Promise<Response> {
    limit(`client:${ctx.client}`, limits.client);
    const key = idempotencyKey(ctx, false);
    const bytes = await readBody(ctx.request, GROUP_SIZE.max * 64 * 1024);
    const checked = validateDeclarationGroup(parseJson(ctx.request, bytes), { now: new Date(ctx.now) });
    if (!checked.ok) return json(ctx.now, 400, { errors: checked.errors.map((e) => ({ field: e.field, code: e.code, message: groupErrorText(e.code) })) });
    const shared = checked.value[0];
    const placeErrors = !shared ? [] : (['origin', 'destination'] as const).flatMap((place) => {
      const problemCode = checkPlace(shared[place].provinceCode, shared[place].unitCode);
      if (!problemCode) return [];
      const field = `journey.${place}.${problemCode === 'unknown-province' ? 'provinceCode' : 'unitCode'}`;
      return [{ field, code: problemCode, message: `not in the administrative-unit catalogue of ${catalogueDate()}` }];
    });
    if (placeErrors.length) return json(ctx.now, 400, { errors: placeErrors });
    const fingerprint = sha256Hex(new TextDecoder().decode(bytes));
    const scope = key && `declaration-groups:${key}`;
    if (scope) {
      const replay = await storedAnswer(db, scope, fingerprint, ctx.now);
      if (replay) return replay;
    }
    const issued = await Promise.all(checked.value.map((declaration) => signPass(declaration, ctx.now)));
    const { snap, response } = snapshotJson(ctx.now, 201, { groupId: uuidv7(), passes: issued.map((i) => i.created) });
    try {
      await db.transaction(async (tx) => {
        for (const pass of issued) await storePass(tx, pass);
        if (scope) await keepAnswer(tx, scope, fingerprint, snap, ctx.now);
      });
    } catch (error) {
      const replay = scope ? await storedAnswer(db, scope, fingerprint, ctx.now) : null;
      if (replay) return replay;
      throw error;
    }
    log({ level: 'info', msg: 'declaration-group', members: issued.length });
    return response;
  }

  // -------------------------------------------------------------------------------- trust data

  async function publishTrust(change: TrustChange = {}): Promise<number> {
    return db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(7310002)');
      const [cur] = await tx.query<{ sequence: number; issued_ms: number; revoked: string[]; risk_areas: RiskArea[]; decision_rules: DecisionRule[] | null }>(
        'SELECT sequence, (extract(epoch FROM issued_at) * 1000)::float8 AS issued_ms, revoked, risk_areas, decision_rules FROM trust_state WHERE id = 1');
      const revoked = new Set(cur?.revoked ?? []);
      for (const id of change.revokePassIds ?? []) revoked.add(id);
      const sequence = (cur?.sequence ?? 0) + 1;
      const issuedAt = iso(Math.max(now(), cur?.issued_ms ?? 0));
      const rules = change.decisionRules === undefined ? cur?.decision_rules ?? null : change.decisionRules;
      const content = {
        sequence, issuedAt, issuers: [{ iss: issuer, jwks: issuerJwks }], revokedPassIds: [...revoked], riskAreas: [...(change.riskAreas ?? cur?.risk_areas ?? [])],
        ...(rules !== null && { decisionRules: rules }),
      };
      // createTrustBundle validates everything (rules included) and throws before anything is stored.
      const text = await createTrustBundle(content, anchorKey, { kid: keys.anchorJwk.kid });
      await tx.query(`INSERT INTO trust_state (id, sequence, issued_at, revoked, risk_areas, decision_rules, text) VALUES (1, $1, $2, $3::jsonb, $4::jsonb, $5::jsonb, $6)
        ON CONFLICT (id) DO UPDATE SET sequence = $1, issued_at = $2, revoked = $3::jsonb, risk_areas = $4::jsonb, decision_rules = $5::jsonb, text = $6`,
      [sequence, issuedAt, JSON.stringify(content.revokedPassIds), JSON.stringify(content.riskAreas), rules === null ? null : JSON.stringify(rules), text]);
      return sequence;
    });
  }

  async function getTrustBundle(ctx: Ctx): Promise<Response> {
    let [row] = await db.query<{ sequence: number; text: string }>('SELECT sequence, text FROM trust_state WHERE id = 1');
    if (!row) {
      await publishTrust();
      [row] = await db.query<{ sequence: number; text: string }>('SELECT sequence, text FROM trust_state WHERE id = 1');
    }
    const etag = `"tb-${row?.sequence ?? 0}"`;
    // A kiosk that names itself tells the command view which trust data it holds (optional header).
    const fetcher = ctx.request.headers.get('X-Device-Id');
    if (fetcher && PASSAGE_FORMATS.deviceId.test(fetcher)) {
      await db.query('UPDATE devices SET trust_sequence = $2, trust_fetched_at = $3 WHERE device_id = $1', [fetcher, row?.sequence ?? 0, iso(ctx.now)]);
    }
    const headers = baseHeaders(ctx.now, { ETag: etag, 'Cache-Control': 'no-cache' });
    if (etagMatches(ctx.request.headers.get('If-None-Match'), etag)) return new Response(null, { status: 304, headers });
    headers.set('Content-Type', 'application/jose');
    return new Response(row?.text ?? '', { status: 200, headers });
  }

  // ------------------------------------------------------------------------- devices, enrolment

  async function postDevice(ctx: Ctx): Promise<Response> {
    limit(`client:${ctx.client}`, limits.client);
    const body = jsonObject(parseJson(ctx.request, await readBody(ctx.request, 16 * 1024)));
    const { deviceId, publicKeyJwk, checkpointId, label, enrolmentCode, ...rest } = body;
    const unknown = Object.keys(rest)[0];
    if (unknown !== undefined) throw problem(400, 'unexpected-field', `unknown field "${unknown.slice(0, 40)}"`, unknown.slice(0, 40));
    if (typeof deviceId !== 'string' || !PASSAGE_FORMATS.deviceId.test(deviceId)) throw problem(400, 'invalid-format', 'deviceId must be a lower-case UUID', 'deviceId');
    if (checkpointId !== undefined && (typeof checkpointId !== 'string' || !PASSAGE_FORMATS.checkpointId.test(checkpointId))) {
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
    const publicKey = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
    return db.transaction(async (tx) => {
      const [existing] = await tx.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE device_id = $1 FOR UPDATE`, [deviceId]);
      if (existing) {
        if (existing.public_key.x !== jwk.x || existing.public_key.y !== jwk.y) throw problem(409, 'device-key-conflict', 'this device id is enrolled with another key', 'deviceId');
        if (existing.revoked_ms !== null) throw problem(403, 'device-revoked', 'this device was revoked; enrol a new one');
        if (checkpointId !== undefined && checkpointId !== existing.checkpoint_id) {
          throw problem(409, 'checkpoint-mismatch', `this device is enrolled at checkpoint ${existing.checkpoint_id}`, 'checkpointId');
        }
        // Same key again (the kiosk re-registers after a reset): no code needed, nothing changes but the label.
        if (typeof label === 'string') await tx.query('UPDATE devices SET label = $2, updated_at = $3 WHERE device_id = $1', [deviceId, label, iso(ctx.now)]);
        return json(ctx.now, 200, { deviceId, checkpointId: existing.checkpoint_id, registeredAt: iso(existing.enrolled_ms) });
      }
      if (typeof enrolmentCode !== 'string') throw problem(401, 'enrolment-required', 'a new device needs a one-time enrolment code from an administrator', 'enrolmentCode');
      const code = normaliseEnrolmentCode(enrolmentCode);
      const [row] = code ? await tx.query<{ checkpoint_id: string; expires_ms: number; used: boolean }>(
        `SELECT checkpoint_id, (extract(epoch FROM expires_at) * 1000)::float8 AS expires_ms, used_at IS NOT NULL AS used
           FROM enrolment_codes WHERE code_hash = $1 FOR UPDATE`, [sha256(code)]) : [];
      if (!row) throw problem(403, 'invalid-enrolment-code', 'no such enrolment code', 'enrolmentCode');
      if (row.used) throw problem(403, 'invalid-enrolment-code', 'this enrolment code was already used', 'enrolmentCode');
      if (row.expires_ms <= ctx.now) throw problem(403, 'invalid-enrolment-code', 'this enrolment code has expired', 'enrolmentCode');
      if (checkpointId !== undefined && checkpointId !== row.checkpoint_id) {
        throw problem(409, 'checkpoint-mismatch', `this code enrols a device at checkpoint ${row.checkpoint_id}`, 'checkpointId');
      }
      await tx.query('UPDATE enrolment_codes SET used_at = $2, device_id = $3 WHERE code_hash = $1', [sha256(code as string), iso(ctx.now), deviceId]);
      await tx.query(`INSERT INTO devices (device_id, checkpoint_id, public_key, label, enrolled_at, updated_at) VALUES ($1, $2, $3::jsonb, $4, $5, $5)`,
        [deviceId, row.checkpoint_id, JSON.stringify(publicKey), typeof label === 'string' ? label : null, iso(ctx.now)]);
      log({ level: 'info', msg: 'device-enrolled', deviceId, checkpointId: row.checkpoint_id });
      return json(ctx.now, 201, { deviceId, checkpointId: row.checkpoint_id, registeredAt: iso(ctx.now) });
    });
  }

  async function verifyKey(device: DeviceRow): Promise<CryptoKey> {
    const cached = deviceKeys.get(device.device_id);
    if (cached && cached.x === device.public_key.x) return cached.key;
    const key = await crypto.subtle.importKey('jwk', { ...device.public_key }, ECDSA_P256, false, ['verify']);
    deviceKeys.set(device.device_id, { x: device.public_key.x, key });
    return key;
  }

  // ----------------------------------------------------------------------------------- passages

  function parseAlarms(value: unknown): { code: string; fromSeq: number; toSeq: number; detectedAt: string }[] {
    if (value === undefined) return [];
    const bad = () => problem(400, 'invalid-body', 'alarms must be [{ code, fromSeq, toSeq, detectedAt }]', 'alarms');
    if (!Array.isArray(value) || value.length > 100) throw bad();
    return value.map((a) => {
      if (typeof a !== 'object' || a === null) throw bad();
      const { code, fromSeq, toSeq, detectedAt, ...rest } = a as Record<string, unknown>;
      if (Object.keys(rest).length > 0 || typeof code !== 'string' || !ALARM_CODES.includes(code)
        || !Number.isSafeInteger(fromSeq) || !Number.isSafeInteger(toSeq) || (fromSeq as number) < 1 || (toSeq as number) < (fromSeq as number)
        || typeof detectedAt !== 'string' || !PASSAGE_FORMATS.at.test(detectedAt) || !Number.isFinite(Date.parse(detectedAt))) throw bad();
      return { code, fromSeq: fromSeq as number, toSeq: toSeq as number, detectedAt };
    });
  }

  async function postPassages(ctx: Ctx): Promise<Response> {
    const headerDevice = ctx.request.headers.get('X-Device-Id');
    const signatureText = ctx.request.headers.get('X-Signature');
    const key = idempotencyKey(ctx, true) as string;
    if (!headerDevice || !PASSAGE_FORMATS.deviceId.test(headerDevice)) throw problem(401, 'unknown-device', 'X-Device-Id is missing or malformed', 'X-Device-Id');
    limit(`device:${headerDevice}`, limits.device);
    const bytes = await readBody(ctx.request, MAX_BODY_BYTES);
    const [device] = await db.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE device_id = $1`, [headerDevice]);
    if (!device) throw problem(401, 'unknown-device', 'this device is not enrolled (POST /devices with an enrolment code)', 'X-Device-Id');
    if (device.revoked_ms !== null) throw problem(403, 'device-revoked', 'this device was revoked; its batches are refused', 'X-Device-Id');
    const signature = signatureText ? decodeBase64Url(signatureText) : undefined;
    if (!signature || signature.byteLength !== 64
      || !(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, await verifyKey(device), signature, bytes))) {
      throw problem(401, 'bad-signature', 'X-Signature is not a valid ES256 signature of the body by the device key', 'X-Signature');
    }
    const fingerprint = sha256Hex(new TextDecoder().decode(bytes));
    const scope = `passages:${headerDevice}:${key}`;
    const early = await storedAnswer(db, scope, fingerprint, ctx.now);
    if (early) return early;
    const body = jsonObject(parseJson(ctx.request, bytes));
    const { deviceId, batchId, records, alarms: rawAlarms, ...rest } = body;
    const unknown = Object.keys(rest)[0];
    if (unknown !== undefined) throw problem(400, 'unexpected-field', `unknown field "${unknown.slice(0, 40)}"`, unknown.slice(0, 40));
    if (deviceId !== headerDevice) throw problem(400, 'device-mismatch', 'body deviceId differs from X-Device-Id', 'deviceId');
    if (batchId !== key) throw problem(400, 'batch-id-mismatch', 'batchId must equal the Idempotency-Key', 'batchId');
    if (!Array.isArray(records) || records.length === 0) throw problem(400, 'invalid-body', 'records must be a non-empty array', 'records');
    if (records.length > MAX_BATCH_RECORDS) throw problem(413, 'too-many-records', `at most ${MAX_BATCH_RECORDS} records per batch`, 'records');
    const alarms = parseAlarms(rawAlarms);
    const started = now();
    const result = await db.transaction(async (tx) => {
      // The device row lock serialises this device's batches across processes; a batch that
      // raced with the same key finds its answer stored once it holds the lock.
      const locked = await lockDevice(tx, headerDevice);
      if (!locked || locked.revoked_ms !== null) throw problem(403, 'device-revoked', 'this device was revoked; its batches are refused');
      const replay = await storedAnswer(tx, scope, fingerprint, ctx.now);
      if (replay) return { response: replay, outcome: null };
      const context = await loadBatchContext(tx, locked, records, { nowMs: ctx.now, futureToleranceMs, pastToleranceMs });
      const outcome = judgeBatch(context, records, key);
      const touched = await writeBatchOutcome(tx, headerDevice, outcome, iso(ctx.now));
      await batchEvents(tx, touched.eventIds, touched.province, ctx.now);
      if (alarms.length > 0) {
        await tx.query(`INSERT INTO device_alarms (device_id, code, from_seq, to_seq, detected_at, received_at)
          SELECT $1, code, from_seq, to_seq, detected_at, $3 FROM jsonb_to_recordset($2::jsonb) AS x(code text, from_seq bigint, to_seq bigint, detected_at timestamptz)
          ON CONFLICT DO NOTHING`, [headerDevice, JSON.stringify(alarms.map((a) => ({ code: a.code, from_seq: a.fromSeq, to_seq: a.toSeq, detected_at: a.detectedAt }))), iso(ctx.now)]);
      }
      const answer = {
        accepted: outcome.accepted, duplicate: outcome.duplicate, rejected: outcome.rejected, held: outcome.held,
        missing: outcome.gaps.slice(0, 100), serverTime: iso(ctx.now),
      };
      const { snap, response } = snapshotJson(ctx.now, 200, answer);
      await keepAnswer(tx, scope, fingerprint, snap, ctx.now);
      return { response, outcome };
    });
    if (result.outcome) {
      void hub.notify();
      const o = result.outcome;
      log({ level: 'info', msg: 'batch', deviceId: headerDevice, records: records.length, accepted: o.accepted.length, duplicate: o.duplicate.length,
        rejected: o.rejected.length, held: o.held.length, linked: o.store.length - o.accepted.length, gaps: o.gaps.length, ms: now() - started });
    }
    return result.response;
  }

  // ---------------------------------------------------------------------------- ward movements

  function decodeCursor(text: string): { atMs: number; passageId: string } {
    const bytes = text.length <= 512 ? decodeBase64Url(text) : undefined;
    try {
      const value: unknown = bytes && JSON.parse(new TextDecoder().decode(bytes));
      if (Array.isArray(value) && value.length === 2 && Number.isSafeInteger(value[0]) && typeof value[1] === 'string' && PASSAGE_FORMATS.id.test(value[1])) {
        return { atMs: value[0] as number, passageId: value[1] };
      }
    } catch {
      // the coded error below
    }
    throw problem(400, 'invalid-cursor', 'cursor is not one this server issued', 'cursor');
  }

  /** Who may read a ward's movements, contacts and events: admin, the ward itself, a tracer of its province. */
  async function wardReader(ctx: Ctx, unitCode: string): Promise<Session> {
    if (!PASSAGE_FORMATS.unitCode.test(unitCode)) throw problem(400, 'invalid-format', 'unitCode must be a five-digit ward/commune code', 'unitCode');
    const who = await requireRole(ctx, ['admin', 'ward', 'tracer']);
    if (who.role === 'ward' && who.scope !== unitCode) throw problem(403, 'forbidden', 'ward staff read their own ward only');
    if (who.role === 'tracer' && provinceOf(unitCode) !== who.scope) throw problem(403, 'forbidden', 'tracers read wards of their province only');
    return who;
  }

  async function getMovements(ctx: Ctx, unitCode: string): Promise<Response> {
    const params = queryParams(ctx.url, ['date', 'direction', 'limit', 'cursor', 'since']);
    const who = await wardReader(ctx, unitCode);
    const { date, fromMs } = parseDate(params.get('date'), true) as { date: string; fromMs: number };
    const direction = params.get('direction') ?? null;
    if (direction !== null && direction !== 'arrival' && direction !== 'departure') throw problem(400, 'unknown-value', 'direction must be arrival or departure', 'direction');
    const limitText = params.get('limit');
    const pageSize = limitText === undefined ? 50 : /^\d{1,4}$/.test(limitText) ? Number(limitText) : Number.NaN;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_MOVEMENTS) throw problem(400, 'invalid-limit', `limit must be an integer from 1 to ${MAX_MOVEMENTS}`, 'limit');
    const cursorText = params.get('cursor');
    const before = cursorText !== undefined ? decodeCursor(cursorText) : undefined;
    const since = parseEventId(params.get('since'), 'since');
    if (since !== null && before) throw problem(400, 'invalid-query', 'since and cursor do not go together', 'since');
    // The event id first, the rows after: a change committed in between is in the rows and again
    // in the events after lastEventId (same id ⇒ replace), never in neither.
    const lastId = await lastEventId(db);
    let items: WardFeedItem[];
    let nextCursor: string | null = null;
    if (since !== null) {
      if (!(await canReplay(db, since))) throw problem(410, 'events-expired', 'changes after this event id are no longer kept; reload without since', 'since');
      const rows = await db.query<{ item_id: string; data: WardFeedItem }>(
        `SELECT DISTINCT ON (item_id) item_id, data FROM tracing_events
          WHERE unit_code = $1 AND kind = 'movement' AND id > $2 AND id <= $5 AND item_at >= $3 AND item_at < $4 ORDER BY item_id, id DESC`,
        [unitCode, since, iso(fromMs), iso(fromMs + DAY_MS), lastId]);
      items = rows.map((r) => r.data).filter((i) => direction === null || i.relation === direction)
        .sort((a, b) => b.at.localeCompare(a.at) || b.passageId.localeCompare(a.passageId)).slice(0, MAX_MOVEMENTS);
    } else {
      const args: unknown[] = [unitCode, iso(fromMs), iso(fromMs + DAY_MS)];
      let where = 'f.unit_code = $1 AND f.at >= $2 AND f.at < $3';
      if (direction) {
        args.push(direction);
        where += ` AND f.direction = $${args.length}`;
      }
      if (before) {
        args.push(iso(before.atMs), before.passageId);
        where += ` AND (f.at, f.passage_id) < ($${args.length - 1}::timestamptz, $${args.length}::uuid)`;
      }
      args.push(pageSize + 1);
      const rows = await db.query<{ event_id: string; relation: MovementDirection; at_ms: number }>(
        `SELECT f.passage_id::text AS event_id, f.direction AS relation, (extract(epoch FROM f.at) * 1000)::float8 AS at_ms
           FROM ward_feed f WHERE ${where} ORDER BY f.at DESC, f.passage_id DESC LIMIT $${args.length}`, args);
      const page = rows.slice(0, pageSize);
      items = (await movementItems(db, page)).map((x) => x.item);
      const last = page.at(-1);
      nextCursor = rows.length > pageSize && last ? Buffer.from(JSON.stringify([last.at_ms, last.event_id])).toString('base64url') : null;
    }
    const page = { unitCode, date, direction, items, nextCursor };
    // The ETag covers the items only: events of other wards do not defeat 304 (the client's held
    // lastEventId stays a correct resume point while its items are unchanged).
    const etag = `"m-${sha256Hex(JSON.stringify(page)).slice(0, 32)}"`;
    const text = JSON.stringify({ ...page, lastEventId: String(lastId) });
    if (etagMatches(ctx.request.headers.get('If-None-Match'), etag)) return new Response(null, { status: 304, headers: baseHeaders(ctx.now, { ETag: etag }) });
    // The feed names people: each answer that shows names is an audited person lookup.
    if (items.some((i) => i.person !== null)) await audit(db, who, 'ward-feed', `${unitCode}/${date}`, null, ctx.now);
    return new Response(text, { status: 200, headers: baseHeaders(ctx.now, { 'Content-Type': 'application/json; charset=utf-8', ETag: etag, 'Cache-Control': 'private, no-cache' }) });
  }

  // --------------------------------------------------------------------------------- tracing

  /** The reason of a person lookup: X-Lookup-Reason (percent-encoded UTF-8) or ?reason=. */
  function lookupReason(ctx: Ctx, fromQuery: string | undefined): string {
    const header = ctx.request.headers.get('X-Lookup-Reason');
    let reason = fromQuery ?? '';
    if (header !== null) {
      try {
        reason = decodeURIComponent(header);
      } catch {
        throw problem(400, 'reason-required', 'X-Lookup-Reason must be percent-encoded UTF-8', 'X-Lookup-Reason');
      }
    }
    reason = reason.trim();
    if (reason.length < 3 || reason.length > 300 || /[\p{Cc}]/u.test(reason)) {
      throw problem(400, 'reason-required', 'say why you look this person up (X-Lookup-Reason, 3–300 characters)', 'X-Lookup-Reason');
    }
    return reason;
  }

  /** Runs the exposure query for a tracer of the case's province (or an admin), audited. */
  async function exposureFor(ctx: Ctx, who: Session, passId: string, windowMinutes: number, reason: string, action: string) {
    await audit(db, who, action, passId, reason, ctx.now);
    const found = await exposure(db, passId, windowMinutes);
    if (!found) throw problem(404, 'pass-not-found', 'no pass and no passage with this id');
    if (who.role === 'tracer' && !found.provinces.has(who.scope ?? '')) throw problem(403, 'forbidden', "tracers query cases of their own province only");
    return found.result;
  }

  async function getExposure(ctx: Ctx): Promise<Response> {
    const params = queryParams(ctx.url, ['passId', 'windowMinutes', 'reason']);
    const who = await requireRole(ctx, ['admin', 'tracer']);
    const passId = params.get('passId') ?? '';
    if (!isPassId(passId)) throw problem(400, 'invalid-format', 'passId must be base64url of 22–64 characters', 'passId');
    const windowMinutes = parseWindow(params.get('windowMinutes'));
    const reason = lookupReason(ctx, params.get('reason'));
    const result = await exposureFor(ctx, who, passId, windowMinutes, reason, 'exposure');
    return json(ctx.now, 200, result, { 'Cache-Control': 'private, no-store' });
  }

  async function postDeliveries(ctx: Ctx): Promise<Response> {
    const who = await requireRole(ctx, ['admin', 'tracer']);
    const f = jsonObject(parseJson(ctx.request, await readBody(ctx.request, 256 * 1024)));
    const { casePassId, windowMinutes: rawWindow, keys, ...rest } = f;
    const unknown = Object.keys(rest)[0];
    if (unknown !== undefined) throw problem(400, 'unexpected-field', `unknown field "${unknown.slice(0, 40)}"`, unknown.slice(0, 40));
    if (!isPassId(casePassId)) throw problem(400, 'invalid-format', 'casePassId must be a pass id', 'casePassId');
    const windowMinutes = parseWindow(rawWindow);
    if (!Array.isArray(keys) || keys.length === 0 || keys.length > 2000 || !keys.every(isContactKey)) {
      throw problem(400, 'invalid-body', 'keys must be 1–2000 contact keys (pass ids or manual codes)', 'keys');
    }
    const reason = lookupReason(ctx, undefined);
    const found = await exposureFor(ctx, who, casePassId, windowMinutes, reason, 'exposure-delivery');
    const answer = await deliver(db, found, [...new Set(keys as string[])], who, ctx.now);
    void hub.notify();
    return json(ctx.now, 200, answer);
  }

  async function getContacts(ctx: Ctx, unitCode: string): Promise<Response> {
    const params = queryParams(ctx.url, ['date']);
    const who = await wardReader(ctx, unitCode);
    const day = parseDate(params.get('date'), false);
    const lastId = await lastEventId(db);
    const items = await wardContacts(db, unitCode, day);
    if (items.some((i) => i.person !== null)) await audit(db, who, 'ward-contacts', unitCode, null, ctx.now);
    return json(ctx.now, 200, { items, lastEventId: String(lastId) }, { 'Cache-Control': 'private, no-store' });
  }

  async function getCheckpointList(ctx: Ctx): Promise<Response> {
    queryParams(ctx.url, []);
    await requireRole(ctx, ROLES);
    return json(ctx.now, 200, { items: await listCheckpoints(db, null) }, { 'Cache-Control': 'private, no-cache' });
  }

  async function getStats(ctx: Ctx): Promise<Response> {
    const params = queryParams(ctx.url, ['date']);
    const who = await requireRole(ctx, ['admin', 'tracer']);
    const date = parseDate(params.get('date'), true) as { date: string; fromMs: number };
    const stats = await checkpointStats(db, date, who.role === 'tracer' ? who.scope : null, { now: ctx.now, offlineAfterMs, staleTrustAfterMs });
    return json(ctx.now, 200, stats, { 'Cache-Control': 'private, no-cache' });
  }

  async function openStream(ctx: Ctx, who: Session, filter: StreamFilter): Promise<Response> {
    const params = queryParams(ctx.url, ['lastEventId']);
    const resume = parseEventId(ctx.request.headers.get('Last-Event-ID') ?? params.get('lastEventId'), 'Last-Event-ID');
    const refused = hub.refusal(who.username);
    if (refused) throw problem(draining ? 503 : 429, 'too-many-streams', refused, undefined, { 'Retry-After': '10' });
    let prelude = 'retry: 3000\n\n';
    let from = resume;
    if (resume !== null && !(await canReplay(db, resume))) {
      const now = await lastEventId(db);
      prelude += `id: ${now}\nevent: reset\ndata: {"lastEventId":"${now}"}\n\n`;
      from = now;
    }
    return hub.open(who.username, filter, from, prelude);
  }

  async function wardEvents(ctx: Ctx, unitCode: string): Promise<Response> {
    const who = await wardReader(ctx, unitCode);
    return openStream(ctx, who, {
      sql: `e.unit_code = $2 AND e.kind IN ('movement', 'contact')`, param: unitCode,
      accepts: (row: EventRow) => row.unit_code === unitCode && (row.kind === 'movement' || row.kind === 'contact'),
    });
  }

  async function checkpointEvents(ctx: Ctx): Promise<Response> {
    const who = await requireRole(ctx, ['admin', 'tracer']);
    const province = who.role === 'tracer' ? who.scope : null;
    return openStream(ctx, who, {
      sql: `e.kind = 'passage' AND ($2::text IS NULL OR e.province_code = $2)`, param: province,
      accepts: (row: EventRow) => row.kind === 'passage' && (province === null || row.province_code === province),
    });
  }

  // -------------------------------------------------------------------------------------- route

  async function getRoute(ctx: Ctx, passId: string): Promise<Response> {
    if (!isPassId(passId)) throw problem(400, 'invalid-format', 'passId must be base64url of 22–64 characters', 'passId');
    const params = queryParams(ctx.url, ['reason']);
    const who = await requireRole(ctx, ['admin', 'tracer']);
    // The header carries the reason percent-encoded (UTF-8): header values are Latin-1 only.
    const reason = lookupReason(ctx, params.get('reason'));
    await audit(db, who, 'route', passId, reason, ctx.now);
    const [pass] = await db.query<{ valid_from: Date; valid_until: Date; origin_unit: string; destination_unit: string; full_name: string }>(
      'SELECT valid_from, valid_until, origin_unit, destination_unit, full_name FROM passes WHERE pass_id = $1', [passId]);
    const passages = await db.query<{ record: PassageRecord; received_ms: number }>(
      `SELECT record, (extract(epoch FROM received_at) * 1000)::float8 AS received_ms FROM passages WHERE pass_id = $1 ORDER BY at, received_at, id`, [passId]);
    if (!pass && passages.length === 0) throw problem(404, 'pass-not-found', 'no pass and no passage with this id');
    const first = passages[0]?.record;
    const route: PassRoute = {
      passId, known: pass !== undefined,
      validFrom: pass ? new Date(pass.valid_from).toISOString() : null,
      validUntil: pass ? new Date(pass.valid_until).toISOString() : null,
      originUnit: pass?.origin_unit ?? first?.originUnit ?? null,
      destinationUnit: pass?.destination_unit ?? first?.destinationUnit ?? null,
      person: pass ? { fullName: pass.full_name } : null,
      passages: passages.map(({ record: r, received_ms }) => ({
        id: r.id, at: r.at, receivedAt: iso(received_ms), checkpointId: r.checkpointId, direction: r.direction, decision: r.decision,
        verdictStatus: r.verdictStatus, officerId: r.officerId, deviceId: r.deviceId, originUnit: r.originUnit, destinationUnit: r.destinationUnit,
        clockSkewMs: r.clockSkewMs ?? null,
      })),
    };
    return json(ctx.now, 200, route, { 'Cache-Control': 'private, no-store' });
  }

  // ------------------------------------------------------------------------ accounts, sessions

  async function createAccount(username: string, password: string, role: Role, scope: string | null): Promise<void> {
    if (!USERNAME.test(username)) throw problem(400, 'invalid-format', 'username: 3–64 of a-z 0-9 . _ -', 'username');
    if (password.length < 10 || password.length > 200) throw problem(400, 'weak-password', 'password: 10–200 characters', 'password');
    if (!ROLES.includes(role)) throw problem(400, 'unknown-value', `role: one of ${ROLES.join(', ')}`, 'role');
    const scopeOk = role === 'admin' ? scope === null
      : role === 'ward' ? scope !== null && PASSAGE_FORMATS.unitCode.test(scope)
        : role === 'tracer' ? scope !== null && /^\d{2}$/.test(scope)
          : scope !== null && PASSAGE_FORMATS.checkpointId.test(scope);
    if (!scopeOk) throw problem(400, 'invalid-scope', 'scope: none (admin), a ward code (ward), a province code (tracer), a checkpoint id (officer)', 'scope');
    const hash = await hashPassword(password);
    await db.query(`INSERT INTO accounts (username, password_hash, role, scope, created_at) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (username) DO UPDATE SET password_hash = $2, role = $3, scope = $4, failed_logins = 0, locked_until = NULL`,
    [username, hash, role, scope, iso(now())]);
  }

  /** Checks a password with lock-out; returns the session token or a coded failure. */
  async function login(username: string, password: string, at: number): Promise<{ token: string; role: Role } | { code: 'invalid-credentials' | 'account-locked' }> {
    const [acct] = USERNAME.test(username) ? await db.query<{ password_hash: string; role: Role; failed_logins: number; locked_ms: number | null }>(
      `SELECT password_hash, role, failed_logins, (extract(epoch FROM locked_until) * 1000)::float8 AS locked_ms FROM accounts WHERE username = $1`, [username]) : [];
    const ok = await verifyPassword(password, acct?.password_hash ?? DUMMY_HASH);
    if (!acct) return { code: 'invalid-credentials' };
    if (acct.locked_ms !== null && acct.locked_ms > at) return { code: 'account-locked' };
    if (!ok) {
      const failures = acct.failed_logins + 1;
      const lock = failures >= lockout.failures;
      await db.query('UPDATE accounts SET failed_logins = $2, locked_until = $3 WHERE username = $1',
        [username, lock ? 0 : failures, lock ? iso(at + lockout.minutes * 60_000) : null]);
      log({ level: 'warn', msg: lock ? 'account-locked' : 'login-failed', account: username });
      return { code: lock ? 'account-locked' : 'invalid-credentials' };
    }
    const token = newToken();
    await db.transaction(async (tx) => {
      await tx.query('UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE username = $1', [username]);
      await tx.query('INSERT INTO sessions (token_hash, username, created_at, expires_at) VALUES ($1, $2, $3, $4)', [sha256(token), username, iso(at), iso(at + sessionMs)]);
    });
    log({ level: 'info', msg: 'login', account: username });
    return { token, role: acct.role };
  }

  function sessionCookie(token: string, maxAgeSeconds: number): string {
    return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${options.secureCookies ? '; Secure' : ''}`;
  }

  function safeNext(next: string | undefined): string {
    // A local path with an optional plain query (the ward page keeps its state there); no scheme, no '//'.
    return next && /^\/[A-Za-z0-9/_.-]*(\?[A-Za-z0-9_.=&%-]*)?$/.test(next) && !next.startsWith('//') ? next : '/ward/';
  }

  async function authRoute(ctx: Ctx, page: string): Promise<Response> {
    const method = ctx.request.method;
    const lang = ctx.url.searchParams.get('lang') === 'en' ? 'en' : 'vi';
    const html = (status: number, body: string, extra: Record<string, string> = {}) =>
      new Response(body, { status, headers: baseHeaders(ctx.now, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'", ...extra }) });
    if (page === 'login' && method === 'GET') return html(200, loginPage({ lang, next: safeNext(ctx.url.searchParams.get('next') ?? undefined) }));
    if (page === 'login' && method === 'POST') {
      limit(`login:${ctx.client}`, limits.client);
      const fields = await readFields(ctx.request);
      const outcome = await login((fields.username ?? '').trim().toLowerCase(), fields.password ?? '', ctx.now);
      const next = safeNext(fields.next);
      const wantsJson = /json/.test(ctx.request.headers.get('Content-Type') ?? '');
      if ('code' in outcome) {
        if (wantsJson) return json(ctx.now, outcome.code === 'account-locked' ? 423 : 401, { errors: [{ code: outcome.code, message: outcome.code }] });
        return html(outcome.code === 'account-locked' ? 423 : 401, loginPage({ lang, next, error: outcome.code }));
      }
      const setCookie = sessionCookie(outcome.token, sessionMs / 1000);
      if (wantsJson) return json(ctx.now, 200, { role: outcome.role }, { 'Set-Cookie': setCookie });
      return new Response(null, { status: 303, headers: baseHeaders(ctx.now, { Location: outcome.role === 'admin' ? '/admin' : next, 'Set-Cookie': setCookie }) });
    }
    if (page === 'logout' && method === 'GET') return html(200, logoutPage({ lang }));
    if (page === 'logout' && method === 'POST') {
      const token = cookie(ctx.request, SESSION_COOKIE);
      if (token) await db.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(token)]);
      return new Response(null, { status: 303, headers: baseHeaders(ctx.now, { Location: '/auth/login', 'Set-Cookie': sessionCookie('', 0) }) });
    }
    throw problem(405, 'method-not-allowed', 'use GET or POST', undefined, { Allow: 'GET, POST' });
  }

  // -------------------------------------------------------------------------------- admin

  async function createCheckpoint(c: CheckpointInput): Promise<void> {
    if (!PASSAGE_FORMATS.checkpointId.test(c.id)) throw problem(400, 'invalid-format', 'id: a short identifier', 'id');
    if (!c.name || c.name.length > 200 || /[\p{Cc}]/u.test(c.name)) throw problem(400, 'invalid-format', 'name: 1–200 characters', 'name');
    if (!/^\d{2}$/.test(c.provinceCode)) throw problem(400, 'invalid-format', 'provinceCode: two digits', 'provinceCode');
    for (const [field, v] of [['location', c.location], ['road', c.road]] as const) {
      if (v !== undefined && (v.length > 200 || /[\p{Cc}]/u.test(v))) throw problem(400, 'invalid-format', `${field}: at most 200 characters`, field);
    }
    const coordinate = (v: number | undefined, max: number) => v === undefined || (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= max);
    if (!coordinate(c.lat, 90) || !coordinate(c.lon, 180) || (c.lat === undefined) !== (c.lon === undefined)) {
      throw problem(400, 'invalid-format', 'lat/lon: both or neither, degrees (WGS 84)', c.lat === undefined || coordinate(c.lat, 90) ? 'lon' : 'lat');
    }
    await db.query(`INSERT INTO checkpoints (id, name, location, province_code, road, created_at, lat, lon) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (id) DO UPDATE SET name = $2, location = $3, province_code = $4, road = $5, lat = $7, lon = $8`,
    [c.id, c.name, c.location ?? null, c.provinceCode, c.road ?? null, iso(now()), c.lat ?? null, c.lon ?? null]);
  }

  async function issueEnrolmentCode(checkpointId: string, createdBy: string): Promise<{ code: string; expiresAt: string }> {
    const [cp] = await db.query('SELECT id FROM checkpoints WHERE id = $1', [checkpointId]);
    if (!cp) throw problem(404, 'not-found', 'no such checkpoint');
    const code = newEnrolmentCode();
    const at = now();
    const expiresAt = iso(at + codeMs);
    await db.query('INSERT INTO enrolment_codes (code_hash, checkpoint_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [sha256(code), checkpointId, createdBy, iso(at), expiresAt]);
    log({ level: 'info', msg: 'enrolment-code-issued', checkpointId, by: createdBy });
    return { code, expiresAt };
  }

  async function revokeDevice(deviceId: string, reason: string, who: Session, at: number): Promise<void> {
    const rows = await db.query('UPDATE devices SET revoked_at = $2, revoked_reason = $3 WHERE device_id = $1 AND revoked_at IS NULL RETURNING device_id', [deviceId, iso(at), reason]);
    if (rows.length === 0) throw problem(404, 'not-found', 'no such active device');
    await audit(db, who, 'revoke-device', deviceId, reason, at);
    log({ level: 'warn', msg: 'device-revoked', deviceId, by: who.username });
  }

  async function deviceOverview(): Promise<unknown[]> {
    const devices = await db.query<DeviceRow & { held: number; refused: number; passages: number }>(
      `SELECT ${DEVICE_COLUMNS},
        (SELECT count(*)::int FROM held_records h WHERE h.device_id = d.device_id) AS held,
        (SELECT count(*)::int FROM refused_records r WHERE r.device_id = d.device_id) AS refused
        FROM devices d ORDER BY checkpoint_id, enrolled_at`);
    const alarms = await db.query<{ device_id: string; code: string; from_seq: number; to_seq: number; detected_ms: number }>(
      `SELECT device_id::text, code, from_seq, to_seq, (extract(epoch FROM detected_at) * 1000)::float8 AS detected_ms FROM device_alarms ORDER BY detected_at DESC LIMIT 1000`);
    return devices.map((d) => ({
      deviceId: d.device_id, checkpointId: d.checkpoint_id, label: d.label, enrolledAt: iso(d.enrolled_ms),
      revokedAt: d.revoked_ms === null ? null : iso(d.revoked_ms), revokedReason: d.revoked_reason,
      maxSeq: d.max_seq, missing: d.gaps, held: d.held, refused: d.refused,
      alarms: alarms.filter((a) => a.device_id === d.device_id).map((a) => ({ code: a.code, fromSeq: a.from_seq, toSeq: a.to_seq, detectedAt: iso(a.detected_ms) })),
    }));
  }

  async function adminApi(ctx: Ctx, parts: string[]): Promise<Response> {
    const method = ctx.request.method;
    const [what, id, action] = parts;
    if (what === 'checkpoints' && id && action === 'enrolment-codes' && method === 'POST') {
      const who = await requireRole(ctx, ['admin', 'officer']);
      if (who.role === 'officer' && who.scope !== id) throw problem(403, 'forbidden', 'officers enrol kiosks of their own checkpoint only');
      return json(ctx.now, 201, { checkpointId: id, ...(await issueEnrolmentCode(id, who.username)) });
    }
    const who = await requireRole(ctx, ['admin']);
    if (what === 'checkpoints' && !id && method === 'POST') {
      const f = jsonObject(parseJson(ctx.request, await readBody(ctx.request, 16 * 1024)));
      const text = (k: string) => (typeof f[k] === 'string' ? (f[k] as string) : undefined);
      const degrees = (k: 'lat' | 'lon') => {
        if (f[k] === undefined || f[k] === null) return undefined;
        if (typeof f[k] !== 'number') throw problem(400, 'invalid-format', `${k}: a number of degrees`, k);
        return f[k] as number;
      };
      await createCheckpoint({ id: text('id') ?? '', name: text('name') ?? '', provinceCode: text('provinceCode') ?? '', location: text('location'), road: text('road'), lat: degrees('lat'), lon: degrees('lon') } as CheckpointInput);
      return json(ctx.now, 201, { id: text('id') });
    }
    if (what === 'checkpoints' && !id && method === 'GET') {
      return json(ctx.now, 200, { checkpoints: await listCheckpoints(db, null) });
    }
    if (what === 'devices' && !id && method === 'GET') return json(ctx.now, 200, { devices: await deviceOverview() });
    if (what === 'devices' && id && action === 'revoke' && method === 'POST') {
      if (!PASSAGE_FORMATS.deviceId.test(id)) throw problem(400, 'invalid-format', 'device id', 'deviceId');
      const f = jsonObject(parseJson(ctx.request, await readBody(ctx.request, 16 * 1024)));
      const reason = typeof f.reason === 'string' ? f.reason.trim() : '';
      if (reason.length < 3 || reason.length > 300) throw problem(400, 'reason-required', 'say why the device is revoked', 'reason');
      await revokeDevice(id, reason, who, ctx.now);
      return json(ctx.now, 200, { deviceId: id, revoked: true });
    }
    if (what === 'accounts' && !id && method === 'POST') {
      const f = jsonObject(parseJson(ctx.request, await readBody(ctx.request, 16 * 1024)));
      const s = (k: string) => (typeof f[k] === 'string' ? (f[k] as string) : '');
      await createAccount(s('username'), s('password'), s('role') as Role, typeof f.scope === 'string' ? f.scope : null);
      await audit(db, who, 'create-account', s('username'), null, ctx.now);
      return json(ctx.now, 201, { username: s('username'), role: s('role') });
    }
    if (what === 'audit' && !id && method === 'GET') {
      const rows = await db.query<{ at: Date; actor: string; role: string; action: string; subject: string; reason: string | null }>(
        'SELECT at, actor, role, action, subject, reason FROM audit_log ORDER BY id DESC LIMIT 500');
      return json(ctx.now, 200, { entries: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })) });
    }
    if (what === 'trust' && !id && method === 'POST') {
      const f = jsonObject(parseJson(ctx.request, await readBody(ctx.request, 256 * 1024)));
      const revoke = f.revokePassIds;
      if (revoke !== undefined && !(Array.isArray(revoke) && revoke.every(isPassId))) throw problem(400, 'invalid-format', 'revokePassIds must be pass ids', 'revokePassIds');
      // decisionRules: an array replaces the published rules; null returns to the kit's defaults.
      let decisionRules: readonly DecisionRule[] | null | undefined;
      if (f.decisionRules === null) decisionRules = null;
      else if (f.decisionRules !== undefined) {
        const parsed = parseDecisionRules(f.decisionRules);
        if (!parsed.ok) throw problem(400, 'invalid-trust', `${parsed.code}: ${parsed.message}`.slice(0, 200), 'decisionRules');
        decisionRules = parsed.rules;
      }
      let sequence: number;
      try {
        sequence = await publishTrust({
          ...(revoke !== undefined && { revokePassIds: revoke as string[] }),
          ...(f.riskAreas !== undefined && { riskAreas: f.riskAreas as RiskArea[] }),
          ...(decisionRules !== undefined && { decisionRules }),
        });
      } catch (error) {
        throw problem(400, 'invalid-trust', (error as Error).message.slice(0, 200));
      }
      await audit(db, who, 'publish-trust', String(sequence), null, ctx.now);
      return json(ctx.now, 200, { sequence });
    }
    throw problem(404, 'not-found', 'no such admin endpoint');
  }

  // -------------------------------------------------------------------------------- retention

  async function purge(opts: { chunk?: number } = {}): Promise<Record<string, number>> {
    const chunk = opts.chunk ?? 5000;
    const cutoff = iso(now() - retentionDays * DAY_MS);
    const removed: Record<string, number> = { passages: 0, passes: 0, declarations: 0, idempotency: 0, sessions: 0, enrolmentCodes: 0 };
    const loop = async (name: string, sql: string, args: unknown[]) => {
      for (;;) {
        const rows = await db.query(sql, [...args, chunk]);
        removed[name] = (removed[name] ?? 0) + rows.length;
        if (rows.length < chunk) return;
      }
    };
    // A passage goes with its pass: 30 days after the pass expired; a passage of a pass the
    // portal does not know goes 30 days after it happened.
    await loop('passages', `DELETE FROM passages WHERE id IN (
        SELECT p.id FROM passages p LEFT JOIN passes ps ON ps.pass_id = p.pass_id
         WHERE (ps.pass_id IS NULL AND p.at < $1) OR ps.valid_until < $1 LIMIT $2) RETURNING 1`, [cutoff]);
    await loop('passes', `DELETE FROM passes WHERE pass_id IN (SELECT pass_id FROM passes WHERE valid_until < $1 LIMIT $2) RETURNING 1`, [cutoff]);
    await loop('declarations', `DELETE FROM declarations WHERE declaration_id IN (
        SELECT d.declaration_id FROM declarations d LEFT JOIN passes ps ON ps.pass_id = d.pass_id WHERE ps.pass_id IS NULL AND d.received_at < $1 LIMIT $2) RETURNING 1`, [cutoff]);
    await loop('idempotency', `DELETE FROM idempotency WHERE scope IN (SELECT scope FROM idempotency WHERE created_at < $1 LIMIT $2) RETURNING 1`, [cutoff]);
    await loop('sessions', `DELETE FROM sessions WHERE token_hash IN (SELECT token_hash FROM sessions WHERE expires_at < $1 LIMIT $2) RETURNING 1`, [iso(now())]);
    await loop('enrolmentCodes', `DELETE FROM enrolment_codes WHERE code_hash IN (SELECT code_hash FROM enrolment_codes WHERE expires_at < $1 LIMIT $2) RETURNING 1`, [cutoff]);
    // A delivered contact goes 30 days after its delivery (the contact's own passages follow their pass).
    await loop('wardContacts', `DELETE FROM ward_contacts WHERE id IN (SELECT id FROM ward_contacts WHERE delivered_at < $1 LIMIT $2) RETURNING 1`, [cutoff]);
    // Live events are a replay buffer, not a record: kept eventRetentionHours; the newest stays so ids never restart.
    await loop('events', `DELETE FROM tracing_events WHERE id IN (SELECT id FROM tracing_events WHERE at < $1
        AND id < (SELECT max(id) FROM tracing_events) LIMIT $2) RETURNING 1`, [iso(now() - eventRetentionMs)]);
    log({ level: 'info', msg: 'purge', ...removed });
    return removed;
  }

  // ------------------------------------------------------------------------------------ routing

  function isPortalPath(pathname: string): boolean {
    return pathname === '/healthz' || pathname === '/readyz' || pathname.startsWith('/auth/') || pathname === '/admin' || pathname.startsWith(`${base}/`);
  }

  async function route(ctx: Ctx): Promise<Response> {
    const method = ctx.request.method;
    const p = ctx.url.pathname;
    if (p === '/healthz') return json(ctx.now, 200, { status: 'ok' });
    if (p === '/readyz') {
      if (draining) return json(ctx.now, 503, { status: 'draining' });
      await db.query('SELECT 1 FROM schema_migrations LIMIT 1');
      return json(ctx.now, 200, { status: 'ready', engine: db.engine });
    }
    const segments = pathSegments(p);
    if (segments[0] === 'auth' && segments.length === 2) return authRoute(ctx, segments[1] ?? '');
    if (p === '/admin') {
      const s = await session(ctx);
      if (!s || s.role !== 'admin') return new Response(null, { status: 303, headers: baseHeaders(ctx.now, { Location: '/auth/login?next=/admin' }) });
      const checkpoints = await db.query<{ id: string; name: string; province_code: string; road: string | null }>('SELECT id, name, province_code, road FROM checkpoints ORDER BY id');
      const audits = await db.query<{ at: Date; actor: string; action: string; subject: string; reason: string | null }>('SELECT at, actor, action, subject, reason FROM audit_log ORDER BY id DESC LIMIT 50');
      return new Response(adminPage({ username: s.username, checkpoints, devices: await deviceOverview() as Parameters<typeof adminPage>[0]['devices'], audits, escape: escapeHtml }), {
        status: 200, headers: baseHeaders(ctx.now, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'self'; frame-ancestors 'none'" }),
      });
    }
    const sub = segments.slice(pathSegments(base).length);
    const [a, b, c] = sub;
    const allow = (methods: string) => problem(405, 'method-not-allowed', `use ${methods}`, undefined, { Allow: methods });
    if (sub.length === 1 && a === 'declarations') return method === 'POST' ? postDeclaration(ctx) : Promise.reject(allow('POST'));
    if (sub.length === 1 && a === 'declaration-groups') return method === 'POST' ? postDeclarationGroup(ctx) : Promise.reject(allow('POST'));
    if (sub.length === 2 && a === '.well-known' && b === 'jwks.json') {
      if (method !== 'GET') throw allow('GET');
      return json(ctx.now, 200, issuerJwks, { 'Cache-Control': 'public, max-age=300', 'Content-Type': 'application/jwk-set+json' });
    }
    if (sub.length === 1 && a === 'trust-bundle') return method === 'GET' ? getTrustBundle(ctx) : Promise.reject(allow('GET'));
    if (sub.length === 1 && a === 'devices') return method === 'POST' ? postDevice(ctx) : Promise.reject(allow('POST'));
    if (sub.length === 1 && a === 'passages') return method === 'POST' ? postPassages(ctx) : Promise.reject(allow('POST'));
    if (sub.length === 3 && a === 'wards' && c === 'movements') return method === 'GET' ? getMovements(ctx, b ?? '') : Promise.reject(allow('GET'));
    if (sub.length === 3 && a === 'wards' && c === 'contacts') return method === 'GET' ? getContacts(ctx, b ?? '') : Promise.reject(allow('GET'));
    if (sub.length === 3 && a === 'wards' && c === 'events') return method === 'GET' ? wardEvents(ctx, b ?? '') : Promise.reject(allow('GET'));
    if (sub.length === 1 && a === 'checkpoints') return method === 'GET' ? getCheckpointList(ctx) : Promise.reject(allow('GET'));
    if (sub.length === 2 && a === 'checkpoints' && b === 'events') return method === 'GET' ? checkpointEvents(ctx) : Promise.reject(allow('GET'));
    if (sub.length === 1 && a === 'exposure') return method === 'GET' ? getExposure(ctx) : Promise.reject(allow('GET'));
    if (sub.length === 2 && a === 'exposure' && b === 'deliveries') return method === 'POST' ? postDeliveries(ctx) : Promise.reject(allow('POST'));
    if (sub.length === 2 && a === 'stats' && b === 'checkpoints') return method === 'GET' ? getStats(ctx) : Promise.reject(allow('GET'));
    if (sub.length === 3 && a === 'passes' && c === 'route') return method === 'GET' ? getRoute(ctx, b ?? '') : Promise.reject(allow('GET'));
    if (sub.length === 1 && a === 'session') {
      const s = await session(ctx);
      if (!s) throw problem(401, 'login-required', 'not signed in');
      return json(ctx.now, 200, s);
    }
    if (a === 'admin') return adminApi(ctx, sub.slice(1));
    throw problem(404, 'not-found', 'no such endpoint');
  }

  async function handle(request: Request, info: { clientAddress?: string } = {}): Promise<Response> {
    const started = now();
    const url = new URL(request.url);
    const ctx: Ctx = { request, url, now: started, client: info.clientAddress ?? 'local' };
    if (draining) return json(started, 503, { errors: [{ code: 'shutting-down', message: 'the server is shutting down' }] }, { 'Retry-After': '5', Connection: 'close' });
    inflight++;
    let response: Response;
    try {
      response = await route(ctx);
    } catch (error) {
      if (error instanceof HttpProblem) response = json(now(), error.status, { errors: error.errors }, error.headers);
      else {
        log({ level: 'error', msg: 'internal-error', path: url.pathname.slice(0, 80), error: (error as Error).name });
        response = json(now(), 500, { errors: [{ code: 'internal', message: 'internal error' }] });
      }
    } finally {
      inflight--;
      if (draining && inflight === 0) drained?.();
    }
    // Paths only (never the query: it may carry a reason text or a cursor), status, duration.
    log({ level: response.status >= 500 ? 'error' : 'info', msg: 'request', method: request.method, path: url.pathname.replace(/\/passes\/[^/]+/, '/passes/:id'), status: response.status, ms: now() - started });
    return response;
  }

  // A fresh database gets its first trust bundle at once, so kiosks can sync from the start.
  const [hasTrust] = await db.query('SELECT 1 FROM trust_state WHERE id = 1');
  if (!hasTrust) await publishTrust();

  return {
    base,
    db,
    matches: (url) => isPortalPath(url.pathname),
    handle,
    async drain() {
      draining = true;
      hub.closeAll();
      if (inflight === 0) return;
      await new Promise<void>((resolve) => (drained = resolve));
    },
    purge,
    createAccount,
    createCheckpoint,
    issueEnrolmentCode,
    publishTrust,
  };
}
