// Versioned schema migrations. Each runs once, in order, in its own transaction, and is recorded
// in schema_migrations; a released migration is never edited — a change is a new version.
// PostgreSQL serialises concurrent starters on an advisory lock, so two server processes
// starting together apply each migration once.
import type { Db } from './db';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE checkpoints (
  id text PRIMARY KEY,
  name text NOT NULL,
  location text,
  province_code text NOT NULL,
  road text,
  created_at timestamptz NOT NULL
);

-- One-time kiosk enrolment codes: only the SHA-256 of the code is kept.
CREATE TABLE enrolment_codes (
  code_hash text PRIMARY KEY,
  checkpoint_id text NOT NULL REFERENCES checkpoints(id),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  device_id uuid
);

CREATE TABLE devices (
  device_id uuid PRIMARY KEY,
  checkpoint_id text NOT NULL REFERENCES checkpoints(id),
  public_key jsonb NOT NULL,
  label text,
  enrolled_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason text,
  -- Highest sequence number seen and the ranges below it the portal holds nothing for.
  max_seq bigint NOT NULL DEFAULT 0,
  gaps jsonb NOT NULL DEFAULT '[]'
);

CREATE TABLE declarations (
  declaration_id uuid PRIMARY KEY,
  pass_id text NOT NULL UNIQUE,
  body jsonb NOT NULL,
  received_at timestamptz NOT NULL
);

CREATE TABLE passes (
  pass_id text PRIMARY KEY,
  manual_code text NOT NULL UNIQUE,
  declaration_id uuid NOT NULL,
  qr_text text NOT NULL,
  issued_at timestamptz NOT NULL,
  valid_from timestamptz NOT NULL,
  valid_until timestamptz NOT NULL,
  origin_unit text NOT NULL,
  destination_unit text NOT NULL,
  full_name text NOT NULL
);
CREATE INDEX passes_valid_until ON passes (valid_until);

CREATE TABLE passages (
  id uuid PRIMARY KEY,
  device_id uuid NOT NULL,
  seq bigint NOT NULL,
  pass_id text,
  at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  batch_id text NOT NULL,
  hash text NOT NULL,
  record jsonb NOT NULL,
  UNIQUE (device_id, seq)
);
CREATE INDEX passages_route ON passages (pass_id, at, received_at, id);
CREATE INDEX passages_at ON passages (at);

-- A ward's feed: one row per (passage, side). Keyset paging newest first.
CREATE TABLE ward_feed (
  unit_code text NOT NULL,
  at timestamptz NOT NULL,
  passage_id uuid NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
  direction text NOT NULL CHECK (direction IN ('arrival', 'departure')),
  PRIMARY KEY (unit_code, at, passage_id, direction)
);
CREATE INDEX ward_feed_passage ON ward_feed (passage_id);

-- Authentic records whose predecessor has not arrived: never linked on trust.
CREATE TABLE held_records (
  id uuid PRIMARY KEY,
  device_id uuid NOT NULL,
  seq bigint NOT NULL,
  hash text NOT NULL,
  record jsonb NOT NULL,
  batch_id text NOT NULL,
  received_at timestamptz NOT NULL,
  UNIQUE (device_id, seq)
);

-- Authentic, well-formed records refused on content (time window, checkpoint, units): kept so
-- the chain links through them and administrators can see them.
CREATE TABLE refused_records (
  id uuid PRIMARY KEY,
  device_id uuid NOT NULL,
  seq bigint NOT NULL,
  hash text NOT NULL,
  code text NOT NULL,
  record jsonb NOT NULL,
  received_at timestamptz NOT NULL,
  UNIQUE (device_id, seq)
);

CREATE TABLE idempotency (
  scope text PRIMARY KEY,
  fingerprint text NOT NULL,
  status integer NOT NULL,
  headers jsonb NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX idempotency_created ON idempotency (created_at);

-- Alarms kiosks raise about their own outbox (a record missing or changed under them).
CREATE TABLE device_alarms (
  device_id uuid NOT NULL,
  code text NOT NULL,
  from_seq bigint NOT NULL,
  to_seq bigint NOT NULL,
  detected_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (device_id, code, from_seq, to_seq, detected_at)
);

CREATE TABLE accounts (
  username text PRIMARY KEY,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'officer', 'ward', 'tracer')),
  scope text,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  username text NOT NULL REFERENCES accounts(username) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  role text NOT NULL,
  action text NOT NULL,
  subject text NOT NULL,
  reason text
);
CREATE INDEX audit_log_at ON audit_log (at);

-- The published trust bundle survives restarts: kiosks refuse a lower sequence.
CREATE TABLE trust_state (
  id integer PRIMARY KEY CHECK (id = 1),
  sequence integer NOT NULL,
  issued_at timestamptz NOT NULL,
  revoked jsonb NOT NULL,
  risk_areas jsonb NOT NULL,
  text text NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'tracing: checkpoint coordinates, passage columns for events and exposure, events, ward contacts',
    sql: `
ALTER TABLE checkpoints ADD COLUMN lat double precision, ADD COLUMN lon double precision;

-- Columns copied from the record (jsonb) for the tracing queries. event_id: the passage event a
-- record belongs to — its own id, or (a follow-up decision, record.amends) the event of the record it amends.
ALTER TABLE passages ADD COLUMN checkpoint_id text, ADD COLUMN direction text, ADD COLUMN vehicle_group_id text,
  ADD COLUMN amends uuid, ADD COLUMN id_check text, ADD COLUMN manual_code text, ADD COLUMN event_id uuid;
UPDATE passages SET checkpoint_id = record->>'checkpointId', direction = record->>'direction', vehicle_group_id = record->>'vehicleGroupId',
  amends = (record->>'amends')::uuid, id_check = record->>'idCheck', manual_code = record->>'manualCode', event_id = id;
CREATE INDEX passages_checkpoint_at ON passages (checkpoint_id, at) WHERE event_id = id;
CREATE INDEX passages_vehicle_group ON passages (vehicle_group_id) WHERE vehicle_group_id IS NOT NULL;
CREATE INDEX passages_event ON passages (event_id);
CREATE INDEX passages_manual_code ON passages (manual_code) WHERE manual_code IS NOT NULL;

-- What the server knows of each kiosk beyond its chain: its last batch, the trust sequence it last fetched.
ALTER TABLE devices ADD COLUMN last_batch_at timestamptz, ADD COLUMN trust_sequence integer, ADD COLUMN trust_fetched_at timestamptz;

-- Live events (SSE and ?since= polling). Ids are handed out under an advisory lock held to
-- commit, so they become visible in id order: a reader that saw id n never later finds one below n.
CREATE TABLE tracing_events (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('movement', 'contact', 'passage')),
  unit_code text,
  province_code text,
  item_id text NOT NULL,
  item_at timestamptz NOT NULL,
  data jsonb NOT NULL
);
CREATE INDEX tracing_events_unit ON tracing_events (unit_code, id) WHERE unit_code IS NOT NULL;
CREATE INDEX tracing_events_at ON tracing_events (at);

-- Contacts a tracer delivered to a ward ("contact to follow up"); one per (case, contact, ward).
CREATE TABLE ward_contacts (
  id uuid PRIMARY KEY,
  case_pass_id text NOT NULL,
  contact_key text NOT NULL,
  unit_code text NOT NULL,
  pass_id text,
  manual_code text,
  origin_unit text NOT NULL,
  destination_unit text NOT NULL,
  link jsonb NOT NULL,
  delivered_at timestamptz NOT NULL,
  delivered_by text NOT NULL,
  UNIQUE (case_pass_id, contact_key, unit_code)
);
CREATE INDEX ward_contacts_unit ON ward_contacts (unit_code, delivered_at);
`,
  },
];

/** Applies every migration not yet recorded; returns the versions applied now. */
export async function migrate(db: Db): Promise<number[]> {
  const applied: number[] = [];
  await db.transaction(async (tx) => {
    // Advisory lock (PostgreSQL): a second process waits here until the first has migrated.
    await tx.query('SELECT pg_advisory_xact_lock(7310001)');
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
  });
  return applied;
}

/** Every table with data, emptied (tests and the demo's reset). */
export async function truncateAll(db: Db): Promise<void> {
  await db.query(`TRUNCATE checkpoints, enrolment_codes, devices, declarations, passes, passages, ward_feed, held_records,
    refused_records, idempotency, device_alarms, accounts, sessions, audit_log, trust_state, tracing_events, ward_contacts RESTART IDENTITY CASCADE`);
}
