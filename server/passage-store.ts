// The SQL of a passage batch: load its context under the device's row lock, write the outcome.
// Set-based (rows passed as one JSON parameter or typed arrays) so a 500-record batch costs a
// handful of round trips on either engine: one for the slots it touches, one for the passages
// with their ward-feed rows (measured: less CPU per batch than one statement per table).
import type { PassageRecord } from '../src/core/passage-record';
import type { BatchContext, BatchOutcome, HeldRecord, PassInfo, SeqRange, Slot } from './batch';
import type { Queryable } from './db';
import { provinceOf } from './units';

export interface DeviceRow {
  device_id: string;
  checkpoint_id: string;
  public_key: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  label: string | null;
  enrolled_ms: number;
  revoked_ms: number | null;
  revoked_reason: string | null;
  max_seq: number;
  gaps: SeqRange[];
}

export const DEVICE_COLUMNS = `device_id::text, checkpoint_id, public_key, label,
  (extract(epoch FROM enrolled_at) * 1000)::float8 AS enrolled_ms,
  (extract(epoch FROM revoked_at) * 1000)::float8 AS revoked_ms, revoked_reason, max_seq, gaps`;

export async function lockDevice(tx: Queryable, deviceId: string): Promise<DeviceRow | undefined> {
  const [row] = await tx.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE device_id = $1 FOR UPDATE`, [deviceId]);
  return row;
}

interface SlotRow { id: string; seq: number; hash: string; state: Slot['state']; code: string | null }

export async function loadBatchContext(
  tx: Queryable,
  device: DeviceRow,
  records: readonly unknown[],
  base: Pick<BatchContext, 'nowMs' | 'futureToleranceMs' | 'pastToleranceMs'>,
): Promise<BatchContext> {
  const ids: string[] = [];
  const seqs = new Set<number>();
  const passIds = new Set<string>();
  const manualCodes = new Set<string>();
  for (const raw of records) {
    if (typeof raw !== 'object' || raw === null) continue;
    const r = raw as Record<string, unknown>;
    if (typeof r.id === 'string' && /^[0-9a-f-]{36}$/.test(r.id)) ids.push(r.id);
    if (typeof r.seq === 'number' && Number.isSafeInteger(r.seq) && r.seq > 0) {
      seqs.add(r.seq);
      seqs.add(r.seq - 1);
    }
    if (typeof r.passId === 'string' && r.passId.length <= 64) passIds.add(r.passId);
    if (typeof r.manualCode === 'string' && r.manualCode.length <= 16) manualCodes.add(r.manualCode);
  }
  const slotSql = (where: string) => `
    SELECT id::text, seq, hash, 'stored' AS state, NULL AS code FROM passages WHERE ${where}
    UNION ALL SELECT id::text, seq, hash, 'held', NULL FROM held_records WHERE ${where}
    UNION ALL SELECT id::text, seq, hash, 'refused', code FROM refused_records WHERE ${where}`;
  // One round trip for both: the records' ids (anywhere) and the device's sequence slots around
  // them; typed arrays with = ANY make each id or seq one index probe.
  const slotRows = await tx.query<SlotRow & { by: 'id' | 'seq' }>(
    `SELECT 'id' AS by, * FROM (${slotSql('id = ANY($1::uuid[])')}) a
     UNION ALL SELECT 'seq', * FROM (${slotSql('device_id = $2 AND seq = ANY($3::bigint[])')}) b`,
    [ids, device.device_id, [...seqs]],
  );
  const byIdRows = slotRows.filter((r) => r.by === 'id');
  const bySeqRows = slotRows.filter((r) => r.by === 'seq');
  const heldRows = await tx.query<{ record: PassageRecord; batch_id: string; received_ms: number }>(
    `SELECT record, batch_id, (extract(epoch FROM received_at) * 1000)::float8 AS received_ms FROM held_records WHERE device_id = $1`,
    [device.device_id],
  );
  const passRows = await tx.query<{ pass_id: string; manual_code: string; origin_unit: string; destination_unit: string }>(
    `SELECT pass_id, manual_code, origin_unit, destination_unit FROM passes
      WHERE pass_id IN (SELECT jsonb_array_elements_text($1::jsonb)) OR manual_code IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [JSON.stringify([...passIds]), JSON.stringify([...manualCodes])],
  );
  const slot = (r: SlotRow): Slot => ({ id: r.id, seq: Number(r.seq), hash: r.hash, state: r.state, ...(r.code !== null && { code: r.code }) });
  const passes = new Map<string, PassInfo>();
  const passesByManualCode = new Map<string, PassInfo>();
  for (const p of passRows) {
    const info = { passId: p.pass_id, manualCode: p.manual_code, originUnit: p.origin_unit, destinationUnit: p.destination_unit };
    passes.set(info.passId, info);
    passesByManualCode.set(info.manualCode, info);
  }
  return {
    ...base,
    deviceId: device.device_id,
    checkpointId: device.checkpoint_id,
    enrolledAtMs: device.enrolled_ms,
    byId: new Map(byIdRows.map((r) => [r.id, slot(r)])),
    bySeq: new Map(bySeqRows.map((r) => [Number(r.seq), slot(r)])),
    held: new Map(heldRows.map((h): [number, HeldRecord] => [h.record.seq, { record: h.record, batchId: h.batch_id, receivedAt: new Date(h.received_ms).toISOString() }])),
    passes,
    passesByManualCode,
    maxSeq: Number(device.max_seq),
    gaps: device.gaps,
  };
}

/**
 * The wards a passage event concerns and its relation to each: direction of travel relative to
 * the ward. A ward inside the checkpoint's province: `in` = arrival, `out` = departure; a ward
 * outside it: the reverse. When the checkpoint's province is unknown: the origin departs, a
 * different destination arrives (the one-way reading).
 */
export function wardSides(r: Pick<PassageRecord, 'originUnit' | 'destinationUnit' | 'direction'>, checkpointProvince: string | null): [string, 'arrival' | 'departure'][] {
  const units = r.originUnit === r.destinationUnit ? [r.originUnit] : [r.originUnit, r.destinationUnit];
  if (checkpointProvince === null) return units.map((u, i) => [u, i === 0 ? 'departure' : 'arrival']);
  return units.map((u) => [u, (r.direction === 'in') === (provinceOf(u) === checkpointProvince) ? 'arrival' : 'departure']);
}

/** Writes a judged batch; returns the passage events it touched (new and amended) and the checkpoint's province. */
export async function writeBatchOutcome(tx: Queryable, deviceId: string, outcome: BatchOutcome, receivedAt?: string): Promise<{ eventIds: string[]; province: string | null }> {
  if (outcome.unhold.length > 0) {
    await tx.query(`DELETE FROM held_records WHERE id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb))`, [JSON.stringify(outcome.unhold)]);
  }
  const eventIds = new Set<string>();
  let province: string | null = null;
  if (outcome.store.length > 0) {
    // A follow-up decision (record.amends) joins the passage event of the record it amends; only
    // an event's first record gets ward-feed rows, so a follow-up never adds an arrival.
    const records = outcome.store.map((s) => s.record);
    const inBatch = new Map(records.map((r) => [r.id, r]));
    const outside = [...new Set(records.map((r) => r.amends).filter((a): a is string => a !== undefined && !inBatch.has(a)))];
    const known = new Map((outside.length > 0
      ? await tx.query<{ id: string; event_id: string }>('SELECT id::text, event_id::text FROM passages WHERE id = ANY($1::uuid[])', [outside])
      : []).map((r) => [r.id, r.event_id]));
    const eventOf = new Map<string, string>();
    const resolve = (r: PassageRecord, depth = 0): string => {
      const done = eventOf.get(r.id);
      if (done) return done;
      let event = r.id;
      if (r.amends !== undefined) {
        const target = inBatch.get(r.amends);
        event = target && depth < 50 ? resolve(target, depth + 1) : known.get(r.amends) ?? r.id;
      }
      eventOf.set(r.id, event);
      return event;
    };
    const [cp] = await tx.query<{ province_code: string }>('SELECT province_code FROM checkpoints WHERE id = $1', [records[0]?.checkpointId ?? '']);
    province = cp?.province_code ?? null;
    const rows = outcome.store.map((s) => ({ r: s.record, p: s.passId, b: s.batchId, t: s.receivedAt, e: resolve(s.record) }));
    const feed = outcome.store.filter((s) => eventOf.get(s.record.id) === s.record.id)
      .flatMap((s) => wardSides(s.record, cp?.province_code ?? null).map(([unit, relation]) => ({ u: unit, a: s.record.at, p: s.record.id, d: relation })));
    for (const row of rows) eventIds.add(row.e);
    await tx.query(
      `INSERT INTO passages (id, device_id, seq, pass_id, at, received_at, batch_id, hash, record,
                             checkpoint_id, direction, vehicle_group_id, amends, id_check, manual_code, event_id)
       SELECT (x->'r'->>'id')::uuid, (x->'r'->>'deviceId')::uuid, (x->'r'->>'seq')::bigint, x->>'p', (x->'r'->>'at')::timestamptz,
              (x->>'t')::timestamptz, x->>'b', x->'r'->>'hash', x->'r',
              x->'r'->>'checkpointId', x->'r'->>'direction', x->'r'->>'vehicleGroupId', (x->'r'->>'amends')::uuid, x->'r'->>'idCheck',
              x->'r'->>'manualCode', (x->>'e')::uuid
         FROM jsonb_array_elements($1::jsonb) AS e(x)`,
      [JSON.stringify(rows)],
    );
    if (feed.length > 0) {
      await tx.query(
        `INSERT INTO ward_feed (unit_code, at, passage_id, direction)
         SELECT u, a, p, d FROM jsonb_to_recordset($1::jsonb) AS x(u text, a timestamptz, p uuid, d text) ON CONFLICT DO NOTHING`,
        [JSON.stringify(feed)],
      );
    }
  }
  if (outcome.hold.length > 0) {
    const rows = outcome.hold.map((h) => ({ id: h.record.id, device_id: h.record.deviceId, seq: h.record.seq, hash: h.record.hash, record: h.record, batch_id: h.batchId, received_at: h.receivedAt }));
    await tx.query(
      `INSERT INTO held_records (id, device_id, seq, hash, record, batch_id, received_at)
       SELECT id, device_id, seq, hash, record, batch_id, received_at
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, device_id uuid, seq bigint, hash text, record jsonb, batch_id text, received_at timestamptz)`,
      [JSON.stringify(rows)],
    );
  }
  if (outcome.refuse.length > 0) {
    const rows = outcome.refuse.map((f) => ({ id: f.record.id, device_id: f.record.deviceId, seq: f.record.seq, hash: f.record.hash, code: f.code, record: f.record, received_at: f.receivedAt }));
    await tx.query(
      `INSERT INTO refused_records (id, device_id, seq, hash, code, record, received_at)
       SELECT id, device_id, seq, hash, code, record, received_at
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, device_id uuid, seq bigint, hash text, code text, record jsonb, received_at timestamptz)`,
      [JSON.stringify(rows)],
    );
  }
  await tx.query('UPDATE devices SET max_seq = $2, gaps = $3::jsonb, last_batch_at = COALESCE($4, last_batch_at) WHERE device_id = $1',
    [deviceId, outcome.maxSeq, JSON.stringify(outcome.gaps), receivedAt ?? null]);
  return { eventIds: [...eventIds], province };
}
