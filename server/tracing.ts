// Tracing on the portal (issue 14): the checkpoint registry, ward movements as passage events,
// the exposure query and its deliveries to wards, per-checkpoint statistics, and the persisted
// events behind the live streams (server/event-hub.ts). Plain SQL over server/db.ts, both engines.
import { v7 as uuidv7 } from 'uuid';
import { isPassId } from '../src/core/claims';
import { PASSAGE_FORMATS, type PassageRecord } from '../src/core/passage-record';
import type { RiskArea } from '../src/core/trust-bundle';
// Wire types are the client's (docs/architecture.md: the server imports api types): what the
// portal answers and what src/api parses cannot drift apart.
import type { CheckpointInfo } from '../src/api/checkpoints';
import type { MovementDirection } from '../src/api/contract';
import type { CasePassage, ContactLink, Exposure, ExposureContact } from '../src/api/exposure';
import type { CheckpointStats, HourCounts } from '../src/api/stats';
import type { WardContact, WardFeedItem } from '../src/api/ward-feed';
import type { Role } from './auth';
import type { Db, Queryable } from './db';
import { problem } from './http-util';
import { provinceOf } from './units';

export interface EventRow {
  id: number;
  kind: 'movement' | 'contact' | 'passage';
  unit_code: string | null;
  province_code: string | null;
  data: unknown;
}

export const MAX_CONTACTS = 2000;
export const MAX_MOVEMENTS = 2000;
const EVENT_LOCK = 7310003;
const iso = (ms: number) => new Date(ms).toISOString();

// ------------------------------------------------------------------------------------- helpers

interface PassageRow {
  event_id: string;
  record: PassageRecord;
  received_ms: number;
  pass_id: string | null;
  full_name: string | null;
  health: { symptoms?: unknown[]; contactWithCase?: boolean; testResult?: { result?: string } } | null;
  cp_name: string | null;
  cp_road: string | null;
}

export async function riskAreas(q: Queryable): Promise<RiskArea[]> {
  const [row] = await q.query<{ risk_areas: RiskArea[] }>('SELECT risk_areas FROM trust_state WHERE id = 1');
  return row?.risk_areas ?? [];
}

/** True when the unit, or its province, is listed as a risk area. */
export function inRiskArea(areas: readonly RiskArea[], unitCode: string): boolean {
  const province = provinceOf(unitCode);
  return areas.some((a) => a.unitCode === unitCode || (province !== null && a.unitCode === province));
}

/** Every record of the given passage events with what the items show, oldest first per event. */
async function eventRecords(q: Queryable, eventIds: readonly string[]): Promise<Map<string, PassageRow[]>> {
  const out = new Map<string, PassageRow[]>();
  if (eventIds.length === 0) return out;
  const rows = await q.query<PassageRow>(
    `SELECT p.event_id::text AS event_id, p.record, (extract(epoch FROM p.received_at) * 1000)::float8 AS received_ms, p.pass_id,
            ps.full_name, d.body->'health' AS health, c.name AS cp_name, c.road AS cp_road
       FROM passages p LEFT JOIN passes ps ON ps.pass_id = p.pass_id LEFT JOIN declarations d ON d.declaration_id = ps.declaration_id
       LEFT JOIN checkpoints c ON c.id = p.checkpoint_id
      WHERE p.event_id = ANY($1::uuid[]) ORDER BY p.at, p.seq`, [eventIds]);
  for (const r of rows) {
    const list = out.get(r.event_id) ?? [];
    list.push(r);
    out.set(r.event_id, list);
  }
  return out;
}

function movementItem(records: PassageRow[], relation: MovementDirection, areas: readonly RiskArea[]): WardFeedItem | null {
  const root = records.find((r) => r.record.id === r.event_id) ?? records[0];
  const latest = records.at(-1);
  if (!root || !latest) return null;
  const r = root.record;
  const idChecks = records.map((x) => x.record.idCheck).filter((c) => c !== undefined);
  const health = root.health;
  return {
    id: `${r.id}:${relation}`, passageId: r.id, relation, direction: relation, at: r.at, receivedAt: iso(root.received_ms),
    checkpointId: r.checkpointId, checkpoint: root.cp_name !== null ? { name: root.cp_name, road: root.cp_road } : null,
    checkpointDirection: r.direction, decision: latest.record.decision, verdictStatus: latest.record.verdictStatus,
    passed: latest.record.decision === 'allow',
    decisions: records.map((x) => ({ recordId: x.record.id, at: x.record.at, decision: x.record.decision, verdictStatus: x.record.verdictStatus, officerId: x.record.officerId })),
    idCheck: idChecks.at(-1) ?? null,
    passId: root.pass_id, manualCode: r.manualCode ?? null, originUnit: r.originUnit, destinationUnit: r.destinationUnit,
    person: root.full_name !== null ? { fullName: root.full_name } : null,
    flags: {
      riskArea: inRiskArea(areas, r.originUnit),
      symptoms: Array.isArray(health?.symptoms) && health.symptoms.length > 0,
      contact: health?.contactWithCase === true,
      positiveTest: health?.testResult?.result === 'positive',
      idMismatch: idChecks.includes('mismatch'),
    },
  };
}

/** Items for (event, unit, relation) rows, in the rows' order. */
export async function movementItems<R extends { event_id: string; relation: MovementDirection }>(q: Queryable, rows: readonly R[]): Promise<{ row: R; item: WardFeedItem }[]> {
  const records = await eventRecords(q, [...new Set(rows.map((r) => r.event_id))]);
  const areas = await riskAreas(q);
  return rows.flatMap((row) => {
    const item = movementItem(records.get(row.event_id) ?? [], row.relation, areas);
    return item ? [{ row, item }] : [];
  });
}

/** The newest committed event id ("0" before any). */
export async function lastEventId(q: Queryable): Promise<number> {
  const [row] = await q.query<{ id: number | null }>('SELECT max(id) AS id FROM tracing_events');
  return Number(row?.id ?? 0);
}

/** Whether events after `since` can still be replayed (none purged, same database). */
export async function canReplay(q: Queryable, since: number): Promise<boolean> {
  const [row] = await q.query<{ lo: number | null; hi: number | null }>('SELECT min(id) AS lo, max(id) AS hi FROM tracing_events');
  const hi = Number(row?.hi ?? 0);
  const lo = row?.lo === null || row?.lo === undefined ? hi + 1 : Number(row.lo);
  return since <= hi && since >= lo - 1;
}

interface NewEvent {
  kind: EventRow['kind'];
  unit: string | null;
  province: string | null;
  itemId: string;
  itemAt: string;
  data: unknown;
}

/**
 * Appends events inside the caller's transaction. The advisory lock is held to commit, so ids
 * become visible in id order on every engine and instance (no reader sees n+1 before n).
 */
/** The NOTIFY channel of committed tracing events. */
export const EVENTS_CHANNEL = 'ck_tracing_events';

export async function appendEvents(tx: Queryable, events: readonly NewEvent[], at: number): Promise<void> {
  if (events.length === 0) return;
  await tx.query(`SELECT pg_advisory_xact_lock(${EVENT_LOCK})`);
  await tx.query(
    `INSERT INTO tracing_events (at, kind, unit_code, province_code, item_id, item_at, data)
     SELECT $2, kind, unit, province, item_id, item_at, data FROM jsonb_to_recordset($1::jsonb)
         AS x(kind text, unit text, province text, item_id text, item_at timestamptz, data jsonb, ord int) ORDER BY ord`,
    [JSON.stringify(events.map((e, ord) => ({ kind: e.kind, unit: e.unit, province: e.province, item_id: e.itemId, item_at: e.itemAt, data: e.data, ord }))), iso(at)],
  );
  // Delivered at COMMIT to every instance LISTENing (event-hub.ts); nothing if it rolls back.
  await tx.query(`SELECT pg_notify('${EVENTS_CHANNEL}', '')`);
}

/** After a batch is written (same transaction): a `movement` per ward side and a `passage` per touched event (one device: one checkpoint, one province). */
export async function batchEvents(tx: Queryable, eventIds: readonly string[], province: string | null, at: number): Promise<void> {
  if (eventIds.length === 0) return;
  const sides = await tx.query<{ event_id: string; unit_code: string; relation: MovementDirection }>(
    `SELECT passage_id::text AS event_id, unit_code, direction AS relation FROM ward_feed WHERE passage_id = ANY($1::uuid[])`, [eventIds]);
  const items = await movementItems(tx, sides);
  const events: NewEvent[] = [];
  const byEvent = new Map<string, WardFeedItem[]>();
  items.forEach(({ row, item }) => {
    events.push({ kind: 'movement', unit: row.unit_code, province: null, itemId: item.id, itemAt: item.at, data: item });
    byEvent.set(item.passageId, [...(byEvent.get(item.passageId) ?? []), item]);
  });
  for (const [eventId, list] of byEvent) {
    const first = list[0];
    if (!first) continue;
    events.push({
      kind: 'passage', unit: null, province, itemId: eventId, itemAt: first.at,
      data: { passageId: eventId, checkpointId: first.checkpointId, at: first.at, direction: first.checkpointDirection, decision: first.decision, relationUnits: [first.originUnit, first.destinationUnit] },
    });
  }
  await appendEvents(tx, events, at);
}

// --------------------------------------------------------------------------------- request input

export function parseDate(value: string | undefined, required: boolean): { date: string; fromMs: number } | null {
  if (value === undefined) {
    if (required) throw problem(400, 'invalid-date', 'date must be a calendar day YYYY-MM-DD', 'date');
    return null;
  }
  const fromMs = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00+07:00`) : Number.NaN;
  if (!Number.isFinite(fromMs) || new Date(fromMs + 7 * 3_600_000).toISOString().slice(0, 10) !== value) {
    throw problem(400, 'invalid-date', 'date must be a calendar day YYYY-MM-DD', 'date');
  }
  return { date: value, fromMs };
}

export function parseEventId(value: string | null | undefined, field: string): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (!/^\d{1,15}$/.test(value)) throw problem(400, 'invalid-event-id', `${field} must be an event id this server issued`, field);
  return Number(value);
}

export function parseWindow(value: unknown, field = 'windowMinutes'): number {
  if (value === undefined) return 15;
  const n = typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : typeof value === 'number' ? value : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 120) throw problem(400, 'invalid-window', 'windowMinutes must be an integer from 1 to 120', field);
  return n;
}

// ----------------------------------------------------------------------------------- registry

export async function listCheckpoints(q: Queryable, province: string | null): Promise<CheckpointInfo[]> {
  return q.query<CheckpointInfo>(
    `SELECT id, name, road, province_code AS "provinceCode", location, lat, lon FROM checkpoints
      WHERE $1::text IS NULL OR province_code = $1 ORDER BY id`, [province]);
}

// ----------------------------------------------------------------------------------- exposure

interface LinkRow {
  case_id: string;
  id: string;
  pass_id: string | null;
  manual_code: string | null;
  checkpoint_id: string;
  at_ms: number;
  case_at_ms: number;
  direction: PassageRecord['direction'];
  case_direction: PassageRecord['direction'];
  origin_unit: string;
  destination_unit: string;
}

function routePassage(r: PassageRecord, receivedMs: number): CasePassage {
  return {
    id: r.id, at: r.at, receivedAt: iso(receivedMs), checkpointId: r.checkpointId, direction: r.direction, decision: r.decision,
    verdictStatus: r.verdictStatus, officerId: r.officerId, deviceId: r.deviceId, originUnit: r.originUnit, destinationUnit: r.destinationUnit,
    clockSkewMs: r.clockSkewMs ?? null, vehicleGroupId: r.vehicleGroupId ?? null,
  };
}

const LINK_COLUMNS = `p.id::text, p.pass_id, p.manual_code, p.checkpoint_id, (extract(epoch FROM p.at) * 1000)::float8 AS at_ms, p.direction,
  p.record->>'originUnit' AS origin_unit, p.record->>'destinationUnit' AS destination_unit`;

const linkRank = (l: ContactLink) => (l.kind === 'co-traveller' ? 0 : l.sameDirection ? 1 : 2);

/** The provinces a case concerns: its origin, its destination, the checkpoints it passed. */
export interface ExposureCase {
  passId: string;
  provinces: Set<string>;
}

export async function exposure(db: Db, passId: string, windowMinutes: number): Promise<{ result: Exposure; provinces: Set<string> } | null> {
  const [pass] = await db.query<{ origin_unit: string; destination_unit: string; full_name: string; manual_code: string }>(
    'SELECT origin_unit, destination_unit, full_name, manual_code FROM passes WHERE pass_id = $1', [passId]);
  const caseRows = await db.query<{ record: PassageRecord; received_ms: number; root: boolean; province_code: string | null }>(
    `SELECT p.record, (extract(epoch FROM p.received_at) * 1000)::float8 AS received_ms, p.event_id = p.id AS root, c.province_code
       FROM passages p LEFT JOIN checkpoints c ON c.id = p.checkpoint_id WHERE p.pass_id = $1 ORDER BY p.at, p.received_at, p.id`, [passId]);
  if (!pass && caseRows.length === 0) return null;
  const first = caseRows[0]?.record;
  const originUnit = pass?.origin_unit ?? first?.originUnit ?? null;
  const destinationUnit = pass?.destination_unit ?? first?.destinationUnit ?? null;
  const provinces = new Set<string>();
  for (const u of [originUnit, destinationUnit]) {
    const p = u !== null ? provinceOf(u) : null;
    if (p) provinces.add(p);
  }
  for (const r of caseRows) if (r.province_code) provinces.add(r.province_code);
  const roots = caseRows.filter((r) => r.root).map((r) => r.record);
  const caseManual = pass?.manual_code ?? first?.manualCode ?? null;
  const anchors = roots.map((r) => ({ id: r.id, cp: r.checkpointId, at: r.at, dir: r.direction, vg: r.vehicleGroupId ?? null }));
  const notCase = `(p.pass_id IS NULL OR p.pass_id <> $2) AND (p.manual_code IS NULL OR p.manual_code IS DISTINCT FROM $3)`;
  // One round trip for both kinds of link (co-travellers by vehicle group, same checkpoint ± window).
  const links = anchors.length === 0 ? [] : await db.query<LinkRow & { kind: ContactLink['kind'] }>(
    `WITH c AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS c(id text, cp text, at timestamptz, dir text, vg text))
     SELECT 'co-traveller' AS kind, c.id AS case_id, (extract(epoch FROM c.at) * 1000)::float8 AS case_at_ms, c.dir AS case_direction, ${LINK_COLUMNS}
       FROM c JOIN passages p ON p.vehicle_group_id = c.vg
      WHERE c.vg IS NOT NULL AND p.event_id = p.id AND ${notCase}
     UNION ALL
     SELECT 'same-window', c.id, (extract(epoch FROM c.at) * 1000)::float8, c.dir, ${LINK_COLUMNS}
       FROM c JOIN LATERAL (SELECT * FROM passages p WHERE p.checkpoint_id = c.cp AND p.event_id = p.id
                       AND p.at BETWEEN c.at - make_interval(mins => $4) AND c.at + make_interval(mins => $4) AND ${notCase}) p ON true`,
    [JSON.stringify(anchors), passId, caseManual, windowMinutes]);
  const co = links.filter((l) => l.kind === 'co-traveller');
  const same = links.filter((l) => l.kind === 'same-window');
  const contacts = new Map<string, ExposureContact>();
  const coIds = new Set(co.map((r) => `${r.case_id}/${r.id}`));
  const add = (row: LinkRow, kind: ContactLink['kind']) => {
    if (kind === 'same-window' && coIds.has(`${row.case_id}/${row.id}`)) return;
    const key = row.pass_id ?? row.manual_code;
    if (key === null) return;
    const contact = contacts.get(key) ?? {
      key, passId: row.pass_id, manualCode: row.pass_id === null ? row.manual_code : null, person: null,
      originUnit: row.origin_unit, destinationUnit: row.destination_unit, links: [], route: [],
    };
    contact.links.push({
      kind, casePassageId: row.case_id, passageId: row.id, checkpointId: row.checkpoint_id, at: iso(row.at_ms), direction: row.direction,
      sameDirection: row.direction === row.case_direction, minutesApart: Math.round(Math.abs(row.at_ms - row.case_at_ms) / 6000) / 10,
    });
    contacts.set(key, contact);
  };
  for (const r of co) add(r, 'co-traveller');
  for (const r of same) add(r, 'same-window');
  const best = (c: ExposureContact) => {
    c.links.sort((a, b) => linkRank(a) - linkRank(b) || a.minutesApart - b.minutesApart || a.at.localeCompare(b.at));
    return c.links[0] as ContactLink;
  };
  const ordered = [...contacts.values()].sort((a, b) => {
    const x = best(a);
    const y = best(b);
    return linkRank(x) - linkRank(y) || x.minutesApart - y.minutesApart || a.key.localeCompare(b.key);
  });
  const kept = ordered.slice(0, MAX_CONTACTS);
  const passIds = kept.map((c) => c.passId).filter((p): p is string => p !== null);
  const manuals = kept.filter((c) => c.passId === null).map((c) => c.key);
  if (kept.length > 0) {
    // One round trip: the contacts' routes with, for the portal's own passes, the person and units.
    const routes = await db.query<{ key: string; record: PassageRecord; received_ms: number; full_name: string | null; origin_unit: string | null; destination_unit: string | null }>(
      `SELECT p.pass_id AS key, p.record, (extract(epoch FROM p.received_at) * 1000)::float8 AS received_ms, ps.full_name, ps.origin_unit, ps.destination_unit
         FROM passages p LEFT JOIN passes ps ON ps.pass_id = p.pass_id WHERE p.pass_id = ANY($1::text[])
       UNION ALL
       SELECT manual_code, record, (extract(epoch FROM received_at) * 1000)::float8, NULL, NULL, NULL FROM passages WHERE pass_id IS NULL AND manual_code = ANY($2::text[])`,
      [passIds, manuals]);
    const byKey = new Map(kept.map((c) => [c.key, c]));
    for (const r of routes) {
      const c = byKey.get(r.key);
      if (!c) continue;
      c.route.push(routePassage(r.record, r.received_ms));
      if (r.full_name !== null && c.person === null) {
        Object.assign(c, { person: { fullName: r.full_name }, originUnit: r.origin_unit ?? c.originUnit, destinationUnit: r.destination_unit ?? c.destinationUnit });
      }
    }
    for (const c of kept) c.route.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  }
  return {
    provinces,
    result: {
      case: {
        passId, person: pass ? { fullName: pass.full_name } : null, originUnit, destinationUnit,
        passages: caseRows.map((r) => routePassage(r.record, r.received_ms)),
      },
      windowMinutes, contacts: kept, truncated: ordered.length > kept.length,
    },
  };
}

/** Stores "contact to follow up" entries for the chosen contacts' wards; returns them and the new items. */
export async function deliver(
  db: Db, found: Exposure, keys: readonly string[], by: { username: string }, at: number,
): Promise<{ delivered: { key: string; unitCodes: string[] }[] }> {
  const byKey = new Map(found.contacts.map((c) => [c.key, c]));
  const missing = keys.find((k) => !byKey.has(k));
  if (missing !== undefined) throw problem(400, 'not-a-contact', 'every key must be a contact of this exposure query', 'keys');
  const checkpointNames = new Map((await db.query<{ id: string; name: string }>('SELECT id, name FROM checkpoints')).map((c) => [c.id, c.name]));
  const delivered: { key: string; unitCodes: string[] }[] = [];
  await db.transaction(async (tx) => {
    const events: NewEvent[] = [];
    for (const key of keys) {
      const c = byKey.get(key) as ExposureContact;
      const link = c.links[0] as ContactLink;
      const units = [...new Set([c.originUnit, c.destinationUnit])];
      const storedLink = { kind: link.kind, checkpointId: link.checkpointId, checkpointName: checkpointNames.get(link.checkpointId) ?? null, at: link.at, direction: link.direction };
      for (const unit of units) {
        const id = uuidv7({ msecs: at });
        const rows = await tx.query<{ id: string }>(
          `INSERT INTO ward_contacts (id, case_pass_id, contact_key, unit_code, pass_id, manual_code, origin_unit, destination_unit, link, delivered_at, delivered_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11) ON CONFLICT (case_pass_id, contact_key, unit_code) DO NOTHING RETURNING id::text`,
          [id, found.case.passId, key, unit, c.passId, c.manualCode, c.originUnit, c.destinationUnit, JSON.stringify(storedLink), iso(at), by.username]);
        if (rows.length > 0) {
          const item: WardContact = {
            id, key, passId: c.passId, manualCode: c.manualCode, person: c.person, originUnit: c.originUnit, destinationUnit: c.destinationUnit,
            link: storedLink, deliveredAt: iso(at),
          };
          events.push({ kind: 'contact', unit, province: null, itemId: id, itemAt: iso(at), data: item });
        }
      }
      delivered.push({ key, unitCodes: units });
    }
    await appendEvents(tx, events, at);
  });
  return { delivered };
}

export async function wardContacts(q: Queryable, unitCode: string, day: { fromMs: number } | null): Promise<WardContact[]> {
  const rows = await q.query<{ id: string; contact_key: string; pass_id: string | null; manual_code: string | null; origin_unit: string; destination_unit: string;
    link: WardContact['link']; delivered_ms: number; full_name: string | null }>(
    `SELECT w.id::text, w.contact_key, w.pass_id, w.manual_code, w.origin_unit, w.destination_unit, w.link,
            (extract(epoch FROM w.delivered_at) * 1000)::float8 AS delivered_ms, ps.full_name
       FROM ward_contacts w LEFT JOIN passes ps ON ps.pass_id = w.pass_id
      WHERE w.unit_code = $1 AND ($2::timestamptz IS NULL OR (w.delivered_at >= $2 AND w.delivered_at < $3))
      ORDER BY w.delivered_at DESC, w.id DESC LIMIT 5000`,
    [unitCode, day ? iso(day.fromMs) : null, day ? iso(day.fromMs + 86_400_000) : null]);
  return rows.map((r) => ({
    id: r.id, key: r.contact_key, passId: r.pass_id, manualCode: r.manual_code, person: r.full_name !== null ? { fullName: r.full_name } : null,
    originUnit: r.origin_unit, destinationUnit: r.destination_unit, link: r.link, deliveredAt: iso(r.delivered_ms),
  }));
}

// -------------------------------------------------------------------------------------- stats

export interface StatsOptions {
  now: number;
  /** A device with no batch for this long counts as offline (default 30 min). */
  offlineAfterMs: number;
  /** A device whose last fetched trust sequence trails the current one for this long has stale trust (default 1 h). */
  staleTrustAfterMs: number;
}

const emptyHour = (): HourCounts => ({ in: 0, out: 0, allow: 0, deny: 0, refer: 0, fromRiskAreas: 0, idMismatch: 0 });

export async function checkpointStats(db: Db, date: { date: string; fromMs: number }, province: string | null, o: StatsOptions): Promise<CheckpointStats> {
  const checkpoints = await listCheckpoints(db, province);
  const rows = await db.query<{ checkpoint_id: string; hour: number; direction: string; decision: string; origin: string; mismatch: boolean; n: number }>(
    `SELECT e.checkpoint_id, floor((extract(epoch FROM e.at) * 1000 - $1) / 3600000)::int AS hour, e.direction, l.decision, e.record->>'originUnit' AS origin,
            l.mismatch, count(*)::int AS n
       FROM passages e
       CROSS JOIN LATERAL (SELECT (array_agg(f.record->>'decision' ORDER BY f.at DESC, f.seq DESC))[1] AS decision,
                                  coalesce(bool_or(f.id_check = 'mismatch'), false) AS mismatch
                             FROM passages f WHERE f.event_id = e.id) l
      WHERE e.event_id = e.id AND e.at >= $2 AND e.at < $3 AND ($4::text IS NULL OR e.checkpoint_id IN (SELECT id FROM checkpoints WHERE province_code = $4))
      GROUP BY 1, 2, 3, 4, 5, 6`,
    [date.fromMs, iso(date.fromMs), iso(date.fromMs + 86_400_000), province]);
  const areas = await riskAreas(db);
  const byCp = new Map(checkpoints.map((c) => [c.id, Array.from({ length: 24 }, emptyHour)]));
  for (const r of rows) {
    const hour = byCp.get(r.checkpoint_id)?.[r.hour];
    if (!hour) continue;
    if (r.direction === 'in' || r.direction === 'out') hour[r.direction] += r.n;
    if (r.decision === 'allow' || r.decision === 'deny' || r.decision === 'refer') hour[r.decision] += r.n;
    if (r.direction === 'in' && inRiskArea(areas, r.origin)) hour.fromRiskAreas += r.n;
    if (r.mismatch) hour.idMismatch += r.n;
  }
  const [trust] = await db.query<{ sequence: number; issued_ms: number }>('SELECT sequence, (extract(epoch FROM issued_at) * 1000)::float8 AS issued_ms FROM trust_state WHERE id = 1');
  const devices = await db.query<{ device_id: string; checkpoint_id: string; label: string | null; last_ms: number | null; trust_sequence: number | null;
    gaps: { from: number; to: number }[]; missing_alarms: number; stale_verdict: boolean }>(
    `SELECT d.device_id::text, d.checkpoint_id, d.label, (extract(epoch FROM d.last_batch_at) * 1000)::float8 AS last_ms, d.trust_sequence, d.gaps,
            coalesce((SELECT sum(a.to_seq - a.from_seq + 1)::int FROM device_alarms a WHERE a.device_id = d.device_id AND a.code = 'record-missing'), 0) AS missing_alarms,
            coalesce((SELECT p.record->>'verdictStatus' = 'stale-trust' FROM passages p WHERE p.device_id = d.device_id ORDER BY p.seq DESC LIMIT 1), false) AS stale_verdict
       FROM devices d WHERE d.revoked_at IS NULL AND ($1::text IS NULL OR d.checkpoint_id IN (SELECT id FROM checkpoints WHERE province_code = $1))
      ORDER BY d.checkpoint_id, d.enrolled_at`, [province]);
  return {
    date: date.date,
    checkpoints: checkpoints.map((c) => ({ id: c.id, name: c.name, road: c.road, lat: c.lat, lon: c.lon, hours: byCp.get(c.id) ?? [] })),
    devices: devices.map((d) => ({
      deviceId: d.device_id, checkpointId: d.checkpoint_id, label: d.label, lastSyncAt: d.last_ms === null ? null : iso(d.last_ms),
      offline: d.last_ms === null || o.now - d.last_ms > o.offlineAfterMs,
      staleTrust: d.stale_verdict || (trust !== undefined && d.trust_sequence !== null && d.trust_sequence < trust.sequence && o.now - trust.issued_ms > o.staleTrustAfterMs),
      lostRecords: d.gaps.reduce((n, g) => n + g.to - g.from + 1, 0) + d.missing_alarms,
    })),
  };
}

export function isContactKey(k: unknown): k is string {
  return typeof k === 'string' && (isPassId(k) || PASSAGE_FORMATS.manualCode.test(k));
}

export type { Role };
